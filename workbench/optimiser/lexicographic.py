"""The recommended portfolio's two objectives: the highest value, then the lowest total cost.

Phase 1 maximises value. Phase 2 minimises total cost among portfolios within 1e-6 of that
value. Phase 2 alone can be very slow on large scenarios, so before it every option that
provably cannot reach the best value (its LP reduced cost says so) is fixed; usually only a
handful stay open, and when no service has a choice left phase 2 is skipped.

On a re-solve the last answer is still feasible (only the weights moved), so its value under
the new weights is a lower bound: the same reduced-cost test fixes most options before
phase 1 too, and the solver only searches what is left. Both tests are exact.
"""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np

from workbench.optimiser.engines import Engine, Relaxation
from workbench.optimiser.solver import SolverRun
from workbench.optimiser.status import OPTIMAL, TIME_LIMIT

TIE = 1e-6  # values within this on the 0 to 100 scale are equal (decision-model.md)
SMALL_SEARCH = 400  # open options beyond one per service: below this, a solver's quick mode


def solve_max(engine: Engine, coefficients: np.ndarray, starts: np.ndarray,
              time_limit: float | None, start: np.ndarray | None = None,
              relaxation: Relaxation | None = None) -> tuple[SolverRun, SolverRun]:
    """Phase 1: the best value (exact), and the LP relaxation used to narrow the search
    (solved by ``relaxation`` when given, a live LP of the same model)."""
    deadline = None if time_limit is None else time.perf_counter() + time_limit
    relaxed = (relaxation or engine).solve(coefficients, True, _left(deadline), relax=True)
    if start is not None and relaxed.has_solution:
        floor = float(coefficients @ start)
        open_options = could_tie(coefficients, relaxed, floor, start)
        if not _has_choice(open_options, starts):
            # Nothing but the start can reach its own value: it is proven optimal.
            return SolverRun(OPTIMAL, start.copy(), floor, 0.0, relaxed.seconds), relaxed
        with engine.restricted(~open_options, start):
            first = engine.solve(coefficients, True, _left(deadline), start=start,
                                 quick=_small(open_options, starts))
    else:
        first = engine.solve(coefficients, True, _left(deadline), start=start)
    return _bounded_gap(first, relaxed), relaxed


def _bounded_gap(found: SolverRun, relaxed: SolverRun) -> SolverRun:
    """A run stopped by its time limit keeps the tighter of the solver's gap and the gap to
    the LP bound (a solver stopped before its root node has no finite bound of its own)."""
    if found.status != TIME_LIMIT or relaxed.objective is None or found.objective is None:
        return found
    value = float(found.objective)
    gap = max(0.0, float(relaxed.objective) - value) / max(1e-10, abs(value))
    if found.gap is None or not math.isfinite(found.gap) or gap < found.gap:
        return dataclasses.replace(found, gap=gap)
    return found


def solve_lexicographic(engine: Engine, coefficients: np.ndarray, cost: np.ndarray,
                        starts: np.ndarray, time_limit: float | None,
                        start: np.ndarray | None = None) -> SolverRun:
    """Maximise ``coefficients @ x``, then minimise ``cost @ x`` among the ties."""
    deadline = None if time_limit is None else time.perf_counter() + time_limit
    first, relaxed = solve_max(engine, coefficients, starts, time_limit, start)
    if first.status != OPTIMAL or first.x is None:
        return first
    best = float(coefficients @ first.x)
    open_options = could_tie(coefficients, relaxed, best, first.x)
    if not _has_choice(open_options, starts):
        return first
    with engine.restricted(~open_options, first.x, coefficients, best - TIE):
        second = engine.solve(cost, False, _left(deadline), start=first.x,
                              quick=_small(open_options, starts))
    seconds = first.seconds + relaxed.seconds + second.seconds
    if second.status != OPTIMAL or second.x is None:
        # The value is proven best (its gap is 0); only the cost tie-break ran out of time,
        # so the answer is marked as stopped by the time limit.
        x = second.x if second.x is not None else first.x
        return SolverRun(TIME_LIMIT, x, float(coefficients @ x), 0.0, seconds)
    return SolverRun(OPTIMAL, second.x, float(coefficients @ second.x), 0.0, seconds)


def _has_choice(open_options: np.ndarray, starts: np.ndarray) -> bool:
    """Whether any service still has more than one open option."""
    return bool((np.add.reduceat(open_options.astype(int), starts[:-1]) > 1).any())


def _small(open_options: np.ndarray, starts: np.ndarray) -> bool:
    return int(open_options.sum()) - (len(starts) - 1) <= SMALL_SEARCH


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.05, deadline - time.perf_counter())


def could_tie(coefficients: np.ndarray, relaxed: SolverRun, best: float,
              incumbent: np.ndarray) -> np.ndarray:
    """Options that may appear in a portfolio of value at least ``best - TIE``.

    Forcing a variable away from its LP bound lowers the LP optimum by at least the size of its
    reduced cost; where that takes the bound below ``best - TIE`` the variable keeps the
    incumbent's value. Without LP information every option stays open.
    """
    n = len(coefficients)
    if relaxed.x is None or relaxed.reduced_costs is None:
        return np.ones(n, dtype=bool)
    bound = float(coefficients @ relaxed.x)
    loss = np.abs(relaxed.reduced_costs)  # solvers differ in sign, not in what |d| bounds
    slack = 1e-7 * max(1.0, abs(bound))
    cannot = bound - loss < best - TIE - slack
    at_zero = (relaxed.x < 1e-9) & (incumbent < 0.5)
    at_one = (relaxed.x > 1 - 1e-9) & (incumbent > 0.5)
    return ~(cannot & (at_zero | at_one))
