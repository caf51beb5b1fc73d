"""The efficient frontier: every portfolio that no other beats on both cost and value.

With the budget givens lifted (every other given kept), most givens can be held by merging
services one at a time and keeping only the non-dominated partial portfolios (pareto.py,
separable.py): that front is exact for every given but the coupling ones (a spend share).
Its points whose portfolio meets those too are frontier points; between them, only the cost
ranges where it does not are traced from the most valuable downwards: each point is the best
portfolio costing less than the last one found (an epsilon-constraint method, exact at every
step), warm-started from the last point made just cheap enough, so reduced-cost fixing leaves
the solver little to search. Scenarios whose front is too large to merge are traced whole.
For large scenarios, ``levels`` solves at that many budget levels instead and keeps the
non-dominated answers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import highspy
import numpy as np
import pulp

from workbench.analysis.pareto import Front, TooLarge, pareto_front
from workbench.analysis.progress import Progress
from workbench.analysis.separable import meets, separate
from workbench.arrays import ScenarioArrays
from workbench.givens.registry import kind_of
from workbench.optimiser.engines import HighsEngine, RelaxedEngine
from workbench.optimiser.improve import cheapen, improve
from workbench.optimiser.lexicographic import solve_lexicographic, solve_max
from workbench.optimiser.model import LE, Row, build_model

MAX_STATES = 10_000_000   # partial portfolios the merge may keep (8 bytes each) before tracing
MERGE_SHARE = 0.3         # of the progress bar, for the merge
PARALLEL_FROM = 40   # services: below this one process is quicker than starting workers
BANDS = 6            # cost bands shared out between the workers (evens out their loads)
PARALLEL_STEPS = 100  # MIP steps expected: below this one process is quicker than starting workers
PENNY = 0.5  # portfolios closer in total cost than half a unit of currency cost the same
# Solvers hold rows to a relative tolerance near 1e-7, so a cap is only trusted to one part in
# a million: the next step asks for at least that much less (about 100 in 100 million).
RELATIVE_STEP = 1e-6
CAP_ROW = "frontier_cost_cap"


def lifted_on_frontier(arrays: ScenarioArrays) -> list[str]:
    """Givens whose kind caps spending (budgets): the frontier trades cost itself."""
    return [g.id for g in arrays.scenario.givens if kind_of(g).lifted_on_frontier]


@dataclass(frozen=True)
class FrontierPoint:
    total_cost: float
    value: float
    choices: dict[str, str]

    def to_json(self) -> dict:
        return {"total_cost": self.total_cost, "value": self.value, "choices": self.choices}


class _CappedModel:
    """The scenario's model with budgets lifted and a movable cap on total cost."""

    def __init__(self, arrays: ScenarioArrays):
        self.arrays = arrays
        lifted = lifted_on_frontier(arrays)
        self.built = build_model(arrays, lifted=lifted)
        self.built.problem += (pulp.LpAffineExpression(
            (v, float(c)) for v, c in zip(self.built.x, arrays.total_cost)) <= 1e30, CAP_ROW)
        self.engine = HighsEngine(self.built)
        self.relaxed = RelaxedEngine(self.built)
        self.cap_index = self.engine.model.getNumRow() - 1
        self.rows = self.built.rows

    def solve(self, coefficients: np.ndarray, cap: float, start: np.ndarray | None):
        self.engine.model.changeRowBounds(self.cap_index, -highspy.kHighsInf, cap)
        if start is not None:
            allowed = np.ones(len(start), dtype=bool)
            start = improve(start, coefficients, self._rows(cap), self.arrays.starts, allowed)
        return solve_lexicographic(self.engine, coefficients, self.arrays.total_cost,
                                   self.arrays.starts, None, start=start)

    def _rows(self, cap: float) -> list[Row]:
        """The givens' rows and the cap (none when there is no cap)."""
        if not np.isfinite(cap):
            return self.rows
        return [*self.rows, Row("", CAP_ROW, self.arrays.total_cost, LE, cap)]

    def best_value(self, coefficients: np.ndarray, cap: float,
                   start: np.ndarray | None) -> np.ndarray | None:
        """A portfolio of the best value costing at most ``cap``, without the cost tie-break:
        a dearer twin of the same value is dropped when the next, cheaper step finds it."""
        self.engine.model.changeRowBounds(self.cap_index, -highspy.kHighsInf, cap)
        self.relaxed.model.changeRowBounds(self.cap_index, -highspy.kHighsInf, cap)
        if start is not None:
            start = improve(start, coefficients, self._rows(cap), self.arrays.starts,
                            np.ones(len(start), dtype=bool))
        result, _ = solve_max(self.engine, coefficients, self.arrays.starts, None, start,
                              relaxation=self.relaxed)
        return result.x if result.has_solution else None


def frontier(arrays: ScenarioArrays, weights: Mapping[str, float], levels: int | None = None,
             progress: Progress | None = None, workers: int | None = None
             ) -> list[FrontierPoint]:
    """Non-dominated (total cost, value) portfolios in ascending cost (docs/spec/decision-model.md).

    The front of the givens a service-by-service merge holds exactly comes first; only where
    its portfolio breaks a coupling given (a spend share) is the frontier traced by MIP
    steps, or everywhere when the scenario is too large to merge. Traces of many steps run in
    cost bands side by side in ``workers`` processes (default: one per core, from
    PARALLEL_FROM services).
    """
    progress = progress or Progress()
    coefficients = arrays.value_coefficients(weights)
    if levels is not None:
        return _non_dominated(arrays, _at_levels(_CappedModel(arrays), arrays, coefficients,
                                                 levels, progress))
    if workers is None:
        workers = min(2, os.cpu_count() or 1) \
            if len(arrays.scenario.services) >= PARALLEL_FROM else 1
    lifted = lifted_on_frontier(arrays)
    separated = separate(arrays, coefficients, lifted)
    merging = progress.part(0.0, MERGE_SHARE)
    found: list[tuple[float, float, np.ndarray]] = []
    try:
        front = pareto_front(separated.stages, separated.max_changes, MAX_STATES,
                             progress=lambda f: merging(f, "merging services"))
    except TooLarge:
        bands = _whole(arrays, coefficients, workers)
    else:
        holds = meets(separated.coupling, front.chosen)
        found = [(float(arrays.total_cost[c].sum()), float(coefficients[c].sum()), c)
                 for c in front.chosen[holds]]
        if holds.all():
            return _non_dominated(arrays, found)
        if (~holds).sum() < PARALLEL_STEPS:
            workers = 1
        bands = _repairs(arrays, front, holds, BANDS if workers > 1 else 1)
    if not bands:
        return []
    found += _run(arrays, weights, coefficients, bands, workers, progress.part(MERGE_SHARE, 1))
    return _non_dominated(arrays, found)


# A band (cap, floor, floor_value, fallback) asks for the frontier points with total cost in
# [floor, cap] and value above floor_value; fallback is a feasible portfolio (or None) worth
# floor_value, a warm start wherever it fits under the cap.
Band = tuple[float, float, float, np.ndarray | None]


def _repairs(arrays: ScenarioArrays, front: Front, holds: np.ndarray,
             pieces: int) -> list[Band]:
    """Bands for the cost ranges where the relaxed front's portfolio breaks a coupling given.

    A relaxed point whose portfolio meets every given is on the frontier (nothing feasible
    beats it) and leaves no room for another below the next relaxed point. A run of relaxed
    points that break one is traced from just under the next point that holds down to the
    value of the last one that holds below the run (whose portfolio is the fallback). Runs are
    cut into about ``pieces`` bands of as many broken points each, the dearest first.
    """
    broken = np.flatnonzero(~holds)
    size = -(-len(broken) // pieces)
    bands = []
    for run in np.split(broken, np.flatnonzero(np.diff(broken) > 1) + 1)[::-1]:
        above, below = run[-1] + 1, run[0] - 1
        cap = _below(float(front.cost[above])) if above < len(holds) else np.inf
        value = float(front.value[below]) if below >= 0 else -np.inf
        fallback = _portfolio(arrays, front.chosen[below]) if below >= 0 else None
        cuts = list(range(len(run) - size, 0, -size))   # the lowest broken point of each piece
        for cut in cuts:
            bands.append((cap, float(front.cost[run[cut]]), value, fallback))
            cap = float(front.cost[run[cut]])
        bands.append((cap, -np.inf, value, fallback))
    return bands


def _whole(arrays: ScenarioArrays, coefficients: np.ndarray, workers: int) -> list[Band]:
    """Bands for tracing the whole frontier by MIP steps: one, or BANDS of equal cost."""
    if workers <= 1:
        return [(np.inf, -np.inf, -np.inf, None)]
    model = _CappedModel(arrays)
    top = model.solve(coefficients, np.inf, None)
    bottom = model.solve(-arrays.total_cost, np.inf, None)
    if not (top.has_solution and bottom.has_solution):
        return []
    edges = np.linspace(float(arrays.total_cost @ top.x), float(arrays.total_cost @ bottom.x),
                        BANDS + 1)
    return [(float(edges[k]) if k else np.inf, float(edges[k + 1]) if k < BANDS - 1
             else -np.inf, -np.inf, None) for k in range(BANDS)]


def _below(cost: float) -> float:
    """The next cap under a point of this cost: anything cheaper by less is the same cost."""
    return cost - max(PENNY, RELATIVE_STEP * cost)


def _portfolio(arrays: ScenarioArrays, chosen: np.ndarray) -> np.ndarray:
    x = np.zeros(arrays.n_options)
    x[chosen] = 1.0
    return x


def _run(arrays: ScenarioArrays, weights: Mapping[str, float], coefficients: np.ndarray,
         bands: list[Band], workers: int,
         progress: Progress) -> list[tuple[float, float, np.ndarray]]:
    """Trace each band: in this process with one model, or shared out between workers."""
    found: list[tuple[float, float, np.ndarray]] = []
    if workers <= 1:
        model = _CappedModel(arrays)
        for k, band in enumerate(bands):
            found += _trace(model, coefficients, *band,
                            progress=progress.part(k / len(bands), (k + 1) / len(bands)))
        return found
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_trace_band, arrays.scenario, dict(weights), band)
                   for band in bands]
        try:
            for k, future in enumerate(as_completed(futures)):
                progress(k / len(futures), f"cost band {k + 1} of {len(futures)}")
                found += future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return found


def _trace(model: _CappedModel, coefficients: np.ndarray, cap: float, floor: float,
           floor_value: float, fallback: np.ndarray | None,
           progress: Progress) -> list[tuple[float, float, np.ndarray]]:
    """Frontier points with total cost in [floor, cap] and value above ``floor_value``, from
    the dearest down (see Band)."""
    arrays = model.arrays
    x = model.best_value(coefficients, cap, _fits(arrays, fallback, cap))
    top = float(arrays.total_cost @ x) if x is not None else 0.0
    found: list[tuple[float, float, np.ndarray]] = []
    last = np.inf
    while x is not None:
        cost, value = float(arrays.total_cost @ x), float(coefficients @ x)
        if cost < floor or value <= floor_value + 1e-9:
            break
        if cost >= last:
            raise RuntimeError("frontier: a step did not lower the total cost")
        last = cost
        found.append((cost, value, np.flatnonzero(x > 0.5)))
        progress(1 - cost / top if top else 1.0, f"{len(found)} frontier points")
        step = _below(cost)
        allowed = np.ones(arrays.n_options, dtype=bool)
        start = cheapen(x, coefficients, arrays.total_cost, step, model.rows,
                        arrays.service_of, allowed)
        other = _fits(arrays, fallback, step)
        if start is None or (other is not None and coefficients @ other > coefficients @ start):
            start = other
        x = model.best_value(coefficients, step, start)
    return found


def _fits(arrays: ScenarioArrays, x: np.ndarray | None, cap: float) -> np.ndarray | None:
    return x if x is not None and float(arrays.total_cost @ x) <= cap else None


def _trace_band(scenario, weights: dict[str, float], band: Band):
    """One cost band, in a worker process (its own live models)."""
    arrays = ScenarioArrays(scenario)
    return _trace(_CappedModel(arrays), arrays.value_coefficients(weights), *band,
                  progress=Progress())


def _at_levels(model: _CappedModel, arrays: ScenarioArrays, coefficients: np.ndarray,
               levels: int, progress: Progress) -> list[tuple[float, float, np.ndarray]]:
    cheapest = model.solve(-arrays.total_cost, np.inf, None)   # least total cost
    richest = model.solve(coefficients, np.inf, None)
    if not (cheapest.has_solution and richest.has_solution):
        return []
    low, high = float(arrays.total_cost @ cheapest.x), float(arrays.total_cost @ richest.x)
    found, start = [], cheapest.x
    for k, cap in enumerate(np.linspace(low, high, max(2, levels))):
        progress(k / levels, f"budget level {k + 1} of {levels}")
        result = model.solve(coefficients, float(cap) + PENNY, start)
        if result.has_solution:
            found.append((float(arrays.total_cost @ result.x), float(coefficients @ result.x),
                          np.flatnonzero(result.x > 0.5)))
            start = result.x
    return found


def _non_dominated(arrays: ScenarioArrays, found) -> list[FrontierPoint]:
    points: list[FrontierPoint] = []
    for cost, value, chosen in sorted(found, key=lambda f: (f[0], -f[1])):
        if points and value <= points[-1].value + 1e-9:
            continue  # costs no less and is worth no more than a point already kept
        if points and abs(cost - points[-1].total_cost) <= PENNY:
            points.pop()  # same cost, more value: the earlier one is dominated
        points.append(FrontierPoint(cost, value, arrays.choices(chosen)))
    return points
