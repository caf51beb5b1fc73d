"""The recommended portfolio (decision-model.md): build, solve, read back, explain."""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.arrays import ScenarioArrays
from workbench.optimiser.conflict import describe_conflict, minimal_conflict
from workbench.optimiser.engines import HighsEngine, PulpEngine
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
                               "gap": None if math.isnan(self.gap) else self.gap,
                               "weights": self.weights}
        if self.portfolio is None:
            out["conflict"] = list(self.conflict)
            out["explanation"] = self.explanation
            return out
        out.update(value=self.portfolio.value, total_cost=self.portfolio.total_cost,
                   spend=self.portfolio.spend, choices=self.portfolio.choices,
                   groups={g: {"satisfaction": s} for g, s in self.satisfaction.items()})
        if self.lifted:
            out["lifted"] = list(self.lifted)
        return out


def group_ranges(built: BuiltModel, scenario: Scenario, solver: str,
                 time_limit: float | None = None, engine=None) -> dict[str, GroupRange]:
    """Each group's best and worst value under the givens in ``built``."""
    arrays = built.arrays
    engine = engine or PulpEngine(built, solver)
    out = {}
    for group, weights in group_weights(scenario).items():
        coefficients = arrays.value_coefficients(weights)
        ends = []
        for maximise in (True, False):
            result = engine.solve(coefficients, maximise, time_limit)
            if not result.has_solution:
                return {}
            ends.append(result.x)
        best, worst = (Portfolio.from_solution(arrays, x, weights) for x in ends)
        out[group] = GroupRange(best.value, worst.value, best.choices, worst.choices,
                                weights)
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
    arrays = arrays or ScenarioArrays(scenario)
    weights = normalise(weights, scenario.criterion_ids) if weights else agreed_weights(scenario)
    fixed = tuple(fixed)
    built = build_model(arrays, lifted=lifted, fixed=fixed)
    # HiGHS keeps one live model for every phase (PuLP would rebuild it for each, which at
    # 10,000 services took longer than the solves themselves); CBC gets the PuLP model.
    engine = HighsEngine(built) if solver == "highs" else PulpEngine(built, solver)
    result = solve_lexicographic(engine, arrays.value_coefficients(weights),
                                 arrays.total_cost, arrays.starts, time_limit)
    if not result.has_solution:
        return unsolved(result.status, arrays, fixed, started, dict(
            scenario=scenario, weights=weights, solver=solver, lifted=tuple(lifted)))
    portfolio = Portfolio.from_solution(arrays, result.x, weights)
    groups = group_ranges(built, scenario, solver, time_limit, engine) if with_groups else {}
    status = OPTIMAL if result.status == OPTIMAL else TIME_LIMIT
    return Recommendation(scenario=scenario, weights=weights, solver=solver,
                          lifted=tuple(lifted), status=status, gap=float(result.gap or 0.0),
                          portfolio=portfolio, groups=groups,
                          seconds=time.perf_counter() - started)
