"""Step 2 of a solve: run a solver and check its status before reading anything back.

A run that stopped on its time limit with a portfolio in hand says so with its proven gap;
a run with no portfolio returns none, and nothing downstream reads variable values from it.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pulp

from workbench.errors import InputError, SolverError
from workbench.optimiser.model import BuiltModel
from workbench.optimiser.status import INFEASIBLE, NO_SOLUTION, OPTIMAL, TIME_LIMIT, Status

SOLVERS = ("cbc", "highs")
DEFAULT_TIME_LIMIT = 60.0


@dataclass(frozen=True)
class SolverRun:
    """What one solver call proved: a status, and values only when there is a solution."""

    status: Status
    x: np.ndarray | None = None
    objective: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    reduced_costs: np.ndarray | None = None

    @property
    def has_solution(self) -> bool:
        return self.status.has_solution


_STDOUT_LOCK = threading.RLock()
_banner_shown = False


def _flush_c_stdio() -> None:
    """Flush C's stdio buffers: text a library printed into them while file descriptor 1
    pointed at /dev/null must go there, not out later on the real stdout."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).fflush(None)


@contextlib.contextmanager
def silenced() -> Iterator[None]:
    """File descriptor 1 points at /dev/null for the block (HiGHS writes its banner on the C
    level, past Python's sys.stdout), so JSON on stdout stays clean. Keep the block short
    (making a model, not solving one): threads take turns, and other threads' writes to
    descriptor 1 are dropped while it lasts."""
    with _STDOUT_LOCK:
        if sys.stdout is not None:
            sys.stdout.flush()
        _flush_c_stdio()
        try:
            saved = os.dup(1)
        except OSError:   # no descriptor 1 at all: nothing to silence
            yield
            return
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                try:
                    yield
                finally:
                    _flush_c_stdio()
                    os.dup2(saved, 1)
        finally:
            os.close(saved)


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    """HiGHS prints its banner when the first model of a process is made: make that first
    model silenced, once, before the block. Every later model is made silenced too
    (:func:`workbench.optimiser.highs.highs_model`), so no banner reaches stdout."""
    global _banner_shown
    with _STDOUT_LOCK:
        if not _banner_shown:
            _banner_shown = True
            with silenced():
                import highspy

                highspy.Highs()
    yield


def check_solver(name: str) -> str:
    if name not in SOLVERS:
        raise InputError(f"solver: must be one of {', '.join(SOLVERS)} (got {name!r})")
    return name


def run(built: BuiltModel, solver: str = "cbc", time_limit: float | None = None,
        warm_start: np.ndarray | None = None, relax: bool = False) -> SolverRun:
    """Solve ``built`` as it stands (objective and constraints) to proven optimality."""
    check_solver(solver)
    limit = None if time_limit is None else max(0.05, float(time_limit))
    if warm_start is not None:
        for var, value in zip(built.x, warm_start):
            var.setInitialValue(round(value))
    started = time.perf_counter()
    log = None
    if solver == "cbc":
        fd, log = tempfile.mkstemp(prefix="workbench-cbc-", suffix=".log")
        os.close(fd)
        engine = pulp.PULP_CBC_CMD(msg=False, timeLimit=limit, gapRel=0, gapAbs=0,
                                   warmStart=warm_start is not None, mip=not relax,
                                   logPath=log)
    else:
        engine = pulp.HiGHS(msg=False, timeLimit=limit, gapRel=0, gapAbs=0, mip=not relax,
                            threads=1)
    try:
        with quiet_stdout():
            built.problem.solve(engine)
    except pulp.PulpSolverError as exc:
        raise SolverError(f"the {solver} solver failed: {exc}") from None
    finally:
        seconds = time.perf_counter() - started
        log_text = _read_and_remove(log)
    status = _status(built.problem)
    if status not in (OPTIMAL, TIME_LIMIT):
        return SolverRun(status, seconds=seconds)
    # Only now, with a solution proven to exist, are values read.
    x = np.array([v.varValue or 0.0 for v in built.x])
    if not relax:
        x = (x > 0.5).astype(float)
    objective = float(pulp.value(built.problem.objective) or 0.0)
    gap = 0.0 if status == OPTIMAL else _gap(built, solver, log_text)
    reduced = np.array([v.dj or 0.0 for v in built.x]) if relax else None
    return SolverRun(status, x, objective, gap, seconds, reduced)


def _status(problem: pulp.LpProblem) -> Status:
    if problem.sol_status == pulp.LpSolutionOptimal:
        return OPTIMAL
    if problem.sol_status == pulp.LpSolutionIntegerFeasible:
        return TIME_LIMIT
    if problem.status == pulp.LpStatusInfeasible or problem.sol_status == pulp.LpSolutionInfeasible:
        return INFEASIBLE
    return NO_SOLUTION


def _read_and_remove(path: str | None) -> str:
    if path is None:
        return ""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _gap(built: BuiltModel, solver: str, log_text: str) -> float:
    """The proven relative gap of a run stopped by its time limit."""
    if solver == "highs":
        info = built.problem.solverModel.getInfo()
        return float(info.mip_gap)
    found = re.findall(r"^Gap:\s+([-0-9.eE+]+)", log_text, flags=re.MULTILINE)
    if found:
        return abs(float(found[-1]))
    objective = re.findall(r"^Objective value:\s+([-0-9.eE+]+)", log_text, re.MULTILINE)
    bound = re.findall(r"^Lower bound:\s+([-0-9.eE+]+)", log_text, re.MULTILINE)
    if objective and bound:
        obj, low = float(objective[-1]), float(bound[-1])
        return abs(obj - low) / max(abs(obj), 1e-10)
    return math.nan


__all__ = ["DEFAULT_TIME_LIMIT", "INFEASIBLE", "NO_SOLUTION", "OPTIMAL", "SOLVERS", "TIME_LIMIT",
           "SolverRun", "Status", "check_solver", "quiet_stdout", "run", "silenced"]
