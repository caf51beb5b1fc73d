"""The recommended portfolio (decision-model.md): build, solve, read back, explain."""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.optimiser.bounded import BESIDE_FROM, GroupsBeside
from workbench.optimiser.conflict import describe_conflict, minimal_conflict
from workbench.optimiser.engines import HighsEngine, PulpEngine
from workbench.optimiser.improve import swapped_toward
from workbench.optimiser.lexicographic import solve_lexicographic
from workbench.optimiser.model import BuiltModel, build_model
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.solver import (
    DEFAULT_TIME_LIMIT,
    INFEASIBLE,
    NO_SOLUTION,
    OPTIMAL,
    TIME_LIMIT,
    check_solver,
)
from workbench.scenario.model import Scenario
from workbench.weights import agreed_weights, group_weights, normalise

Fixed = Iterable[tuple[str, str, bool]]


@dataclass(frozen=True)
class GroupRange:
    """A group's own best and worst achievable value under the givens."""

    best: float
    worst: float
    best_choices: dict[str, str] = field(default_factory=dict)
    worst_choices: dict[str, str] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)   # the group's own, normalised
    exact: bool = True   # False when the time limit stopped a search before its proof

    def satisfaction(self, value: float) -> float:
        """S = (V − worst) / (best − worst), 1 where best = worst (clipped for rounding)."""
        if self.best - self.worst <= 1e-9:
            return 1.0
        return min(1.0, max(0.0, (value - self.worst) / (self.best - self.worst)))


@dataclass(frozen=True, eq=False)
class Recommendation:
    """The answer to one solve, carrying its own explanation."""

    scenario: Scenario
    status: str
    gap: float
    weights: dict[str, float]
    portfolio: Portfolio | None = None
    groups: dict[str, GroupRange] = field(default_factory=dict)
    conflict: tuple[str, ...] = ()
    explanation: str = ""
    solver: str = "cbc"
    seconds: float = 0.0
    lifted: tuple[str, ...] = ()

    @property
    def feasible(self) -> bool:
        return self.portfolio is not None

    @property
    def satisfaction(self) -> dict[str, float]:
        if self.portfolio is None:
            return {}
        normal = group_weights(self.scenario)
        return {g: r.satisfaction(self.portfolio.value_under(r.weights or normal[g]))
                for g, r in self.groups.items()}

    def to_json(self) -> dict[str, Any]:
        """The object ``workbench solve --json`` prints (decision-model.md, On the command line)."""
        out: dict[str, Any] = {"status": self.status,
                               "gap": self.gap if math.isfinite(self.gap) else None,
                               "weights": self.weights}
        if self.portfolio is None:
            out["conflict"] = list(self.conflict)
            out["explanation"] = self.explanation
            return out
        out.update(value=self.portfolio.value, total_cost=self.portfolio.total_cost,
                   spend=self.portfolio.spend, choices=self.portfolio.choices,
                   groups={g: {"satisfaction": s} | ({} if self.groups[g].exact else
                                                     {"exact": False})
                           for g, s in self.satisfaction.items()})
        if self.lifted:
            out["lifted"] = list(self.lifted)
        return out


def group_extremes(engine, built: BuiltModel, weights: Mapping[str, float],
                   time_limit: float | None, fallback: np.ndarray | None = None
                   ) -> tuple[Portfolio, Portfolio, bool] | None:
    """A group's best and worst portfolio under the givens in ``built``, both within
    ``time_limit``, and whether both were proven. A search that the time limit stopped empty
    falls back on ``fallback`` (a feasible portfolio, usually the recommendation) improved
    by single swaps, which bounds the best from below and the worst from above. (Warm starts
    from the recommendation were measured and did not speed the searches: a group's best is
    usually far from the agreed one.)"""
    arrays = built.arrays
    coefficients = arrays.value_coefficients(weights)
    deadline = None if time_limit is None else time.perf_counter() + time_limit
    ends, exact = [], True
    for maximise in (True, False):
        left = None if deadline is None else max(0.05, deadline - time.perf_counter())
        found = engine.solve(coefficients, maximise, left)
        if found.has_solution:
            x = found.x
        elif found.status == NO_SOLUTION and fallback is not None:
            # Out of time with nothing found: the fallback, improved by single swaps
            # toward this end, is the best found.
            x = swapped_toward(fallback, coefficients if maximise else -coefficients, built)
        else:
            return None
        exact = exact and found.status == OPTIMAL
        ends.append(Portfolio.from_solution(arrays, x, weights))
    return ends[0], ends[1], exact


def group_ranges(built: BuiltModel, scenario: Scenario, solver: str,
                 time_limit: float | None = None, engine=None,
                 fallback: np.ndarray | None = None) -> dict[str, GroupRange]:
    """Each group's best and worst value under the givens in ``built``, all within
    ``time_limit`` (shared out between the groups still to do)."""
    engine = engine or PulpEngine(built, solver)
    deadline = None if time_limit is None else time.perf_counter() + time_limit
    out = {}
    todo = group_weights(scenario)
    for k, (group, weights) in enumerate(todo.items()):
        share = None if deadline is None else \
            max(0.1, (deadline - time.perf_counter()) / (len(todo) - k))
        ends = group_extremes(engine, built, weights, share, fallback)
        if ends is None:
            return {}
        best, worst, exact = ends
        out[group] = GroupRange(best.value, worst.value, best.choices, worst.choices,
                                weights, exact)
    return out


def unsolved(status: str, arrays: ScenarioArrays, fixed: Fixed, started: float,
             common: dict[str, Any], conflict: tuple[str, ...] | None = None) -> Recommendation:
    """The answer when there is no portfolio: out of time, or givens that clash (named).

    ``common`` holds the scenario, weights, solver and lifted givens of the run.
    """
    seconds = time.perf_counter() - started
    if status == NO_SOLUTION:
        return Recommendation(status=NO_SOLUTION, gap=math.nan, seconds=seconds, explanation=(
            "The time limit ran out before any portfolio meeting the givens was found; "
            "allow more time."), **common)
    if conflict is None:
        conflict = minimal_conflict(arrays, common["solver"], lifted=common["lifted"],
                                    fixed=fixed)
    explanation = describe_conflict(common["scenario"].given(g) for g in conflict)
    return Recommendation(status=INFEASIBLE, gap=math.nan, conflict=conflict,
                          explanation=explanation, seconds=seconds, **common)


def recommend(scenario: Scenario, weights: Mapping[str, float] | None = None, *,
              solver: str = "cbc", time_limit: float | None = DEFAULT_TIME_LIMIT,
              lifted: Collection[str] = (), fixed: Fixed = (),
              arrays: ScenarioArrays | None = None, with_groups: bool = True) -> Recommendation:
    """The portfolio of highest value under ``weights`` (default: the agreed weights) that
    meets every given not in ``lifted``; ties go to the lower total cost."""
    check_solver(solver)
    started = time.perf_counter()
    due = None if time_limit is None else time.time() + time_limit
    arrays = arrays or ScenarioArrays(scenario)
    weights = normalise(weights, scenario.criterion_ids) if weights else agreed_weights(scenario)
    fixed = tuple(fixed)
    # Large scenarios: the groups' searches run beside the recommendation, in a process
    # stopped at the time limit (a solver deep in its root node does not stop itself).
    beside = GroupsBeside(scenario, solver, tuple(lifted), fixed, due) \
        if with_groups and len(scenario.services) >= BESIDE_FROM else None
    try:
        built = build_model(arrays, lifted=lifted, fixed=fixed)
        # HiGHS keeps one live model for every phase (PuLP would rebuild it for each, which
        # at 10,000 services took longer than the solves themselves); CBC gets PuLP's model.
        engine = HighsEngine(built) if solver == "highs" else PulpEngine(built, solver)
        result = solve_lexicographic(engine, arrays.value_coefficients(weights),
                                     arrays.total_cost, arrays.starts, time_limit)
        if not result.has_solution:
            return unsolved(result.status, arrays, fixed, started, dict(
                scenario=scenario, weights=weights, solver=solver, lifted=tuple(lifted)))
        portfolio = Portfolio.from_solution(arrays, result.x, weights)
        if beside is not None:
            groups = beside.collect(built, result.x)
        elif with_groups:
            # One time limit for the whole answer: the groups get what the solve left (at
            # least a second); their satisfactions say when they are not proven.
            left = None if time_limit is None else \
                max(time_limit - (time.perf_counter() - started), min(1.0, time_limit / 4))
            groups = group_ranges(built, scenario, solver, left, engine, result.x)
        else:
            groups = {}
    finally:
        if beside is not None:
            beside.stop()
    status = OPTIMAL if result.status == OPTIMAL else TIME_LIMIT
    return Recommendation(scenario=scenario, weights=weights, solver=solver,
                          lifted=tuple(lifted), status=status, gap=float(result.gap or 0.0),
                          portfolio=portfolio, groups=groups,
                          seconds=time.perf_counter() - started)
