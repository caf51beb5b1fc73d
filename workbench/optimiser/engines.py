"""Two ways to solve the same built model behind one small interface.

``PulpEngine`` writes the PuLP problem out to CBC (or HiGHS) on every solve; ``HighsEngine``
keeps one live HiGHS model and changes it in place, for fast re-solves in meetings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Protocol

import numpy as np
import pulp

from workbench.optimiser.highs import highs_model, run_highs
from workbench.optimiser.model import BuiltModel
from workbench.optimiser.solver import SolverRun, run

EXTRA_ROW = "tiebreak_value"


class Engine(Protocol):
    """What the solve phases need from a solver: solve for an objective, and hold some
    options at values (with one extra row) for the length of a block."""

    def solve(self, objective: np.ndarray, maximise: bool, time_limit: float | None,
              start: np.ndarray | None = None, relax: bool = False,
              quick: bool = False) -> SolverRun: ...

    def restricted(self, held: np.ndarray, values: np.ndarray, row: np.ndarray | None = None,
                   at_least: float = 0.0) -> AbstractContextManager[None]: ...


class Relaxation(Protocol):
    """A solver of the continuous relaxation only (:class:`RelaxedEngine`, or any Engine)."""

    def solve(self, objective: np.ndarray, maximise: bool, time_limit: float | None,
              start: np.ndarray | None = None, relax: bool = True,
              quick: bool = False) -> SolverRun: ...


def make_engine(built: BuiltModel, solver: str) -> PulpEngine | HighsEngine:
    """HiGHS keeps one live model for every phase (PuLP would rebuild it for each, which at
    10,000 services took longer than the solves themselves); CBC gets PuLP's model."""
    return HighsEngine(built) if solver == "highs" else PulpEngine(built, solver)


class PulpEngine:
    """Solve through PuLP each time (CBC by default), the model kept as PuLP objects."""

    def __init__(self, built: BuiltModel, solver: str = "cbc"):
        self.built, self.solver = built, solver

    def solve(self, objective: np.ndarray, maximise: bool, time_limit: float | None,
              start: np.ndarray | None = None, relax: bool = False,
              quick: bool = False) -> SolverRun:
        self.built.set_objective(objective, maximise)
        return run(self.built, self.solver, time_limit, warm_start=start, relax=relax)

    @contextlib.contextmanager
    def restricted(self, held: np.ndarray, values: np.ndarray, row: np.ndarray | None = None,
                   at_least: float = 0.0) -> Iterator[None]:
        """Within the block: options in the mask ``held`` kept at ``values``;
        ``row @ x >= at_least``."""
        saved = [(v.lowBound, v.upBound) for v in self.built.x]
        for i in np.flatnonzero(held):
            self.built.x[i].lowBound = self.built.x[i].upBound = float(values[i])
        if row is not None:
            self.built.problem += (pulp.LpAffineExpression(
                (v, float(c)) for v, c in zip(self.built.x, row) if c) >= at_least, EXTRA_ROW)
        try:
            yield
        finally:
            if row is not None:
                del self.built.problem.constraints[EXTRA_ROW]
            for var, (low, up) in zip(self.built.x, saved):
                var.lowBound, var.upBound = low, up


class HighsEngine:
    """One live HiGHS model; objective, bounds and warm start change in place."""

    solver = "highs"

    def __init__(self, built: BuiltModel):
        self.built = built
        self.model = highs_model(built)
        n = len(built.x)
        self.idx = np.arange(n, dtype=np.int32)
        self.lower, self.upper = np.zeros(n), np.ones(n)

    def solve(self, objective: np.ndarray, maximise: bool, time_limit: float | None,
              start: np.ndarray | None = None, relax: bool = False,
              quick: bool = False) -> SolverRun:
        return run_highs(self.model, objective, maximise, time_limit, start, relax, quick)

    def set_bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:
        """Change only the columns whose bounds differ from what the model has."""
        changed = np.flatnonzero((lower != self.lower) | (upper != self.upper))
        if len(changed):
            self.model.changeColsBounds(len(changed), changed.astype(np.int32),
                                        lower[changed].astype(float),
                                        upper[changed].astype(float))
            self.lower, self.upper = lower.copy(), upper.copy()

    @contextlib.contextmanager
    def restricted(self, held: np.ndarray, values: np.ndarray, row: np.ndarray | None = None,
                   at_least: float = 0.0) -> Iterator[None]:
        """As :meth:`PulpEngine.restricted`, by column bounds and one added row."""
        import highspy

        lower, upper = self.lower.copy(), self.upper.copy()
        self.set_bounds(np.where(held, values, lower), np.where(held, values, upper))
        if row is not None:
            nz = np.flatnonzero(row).astype(np.int32)
            self.model.addRow(at_least, highspy.kHighsInf, len(nz), nz, row[nz].astype(float))
        try:
            yield
        finally:
            if row is not None:
                last = self.model.getNumRow() - 1
                self.model.deleteRows(1, np.array([last], dtype=np.int32))
            self.set_bounds(lower, upper)


class RelaxedEngine:
    """The continuous relaxation kept as its own live LP, so its basis survives between
    solves (re-solving after a small change takes a tenth of a millisecond, where an LP
    re-solved on the MIP model starts afresh)."""

    def __init__(self, built: BuiltModel):
        self.model = highs_model(built)
        n = len(built.x)
        self.idx = np.arange(n, dtype=np.int32)
        self.model.changeColsIntegrality(n, self.idx, np.zeros(n, dtype=np.uint8))

    def solve(self, objective: np.ndarray, maximise: bool, time_limit: float | None,
              start: np.ndarray | None = None, relax: bool = True,
              quick: bool = False) -> SolverRun:
        return run_highs(self.model, objective, maximise, time_limit, continuous=True)
