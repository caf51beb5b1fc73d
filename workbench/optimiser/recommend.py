"""The recommended portfolio (decision-model.md): build, solve, read back, explain."""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.arrays import ScenarioArrays
from workbench.errors import WorkbenchError
from workbench.optimiser.beside import BESIDE_FROM, GroupsBeside
from workbench.optimiser.conflict import describe_conflict, minimal_conflict
from workbench.optimiser.engines import make_engine
from workbench.optimiser.groups import GroupRange, group_ranges
from workbench.optimiser.lexicographic import solve_lexicographic
from workbench.optimiser.model import WhatIfChoices, build_model
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.solver import DEFAULT_TIME_LIMIT, check_solver
from workbench.optimiser.status import INFEASIBLE, NO_SOLUTION, OPTIMAL, TIME_LIMIT, Status
from workbench.scenario.model import Scenario
from workbench.weights import agreed_weights, group_weights, normalise


@dataclass(frozen=True, eq=False)
class Recommendation:
    """The answer to one solve, carrying its own explanation."""

    scenario: Scenario
    status: Status
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
    def solved_portfolio(self) -> Portfolio:
        """The portfolio, for code that has checked there is one (refused otherwise)."""
        if self.portfolio is None:
            raise WorkbenchError(f"there is no portfolio ({self.status}): {self.explanation}")
        return self.portfolio

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


def unsolved(status: Status, arrays: ScenarioArrays, whatif: WhatIfChoices, started: float,
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
                                    whatif=whatif)
    explanation = describe_conflict(common["scenario"].given(g) for g in conflict)
    return Recommendation(status=INFEASIBLE, gap=math.nan, conflict=conflict,
                          explanation=explanation, seconds=seconds, **common)


def recommend(scenario: Scenario, weights: Mapping[str, float] | None = None, *,
              solver: str = "cbc", time_limit: float | None = DEFAULT_TIME_LIMIT,
              lifted: Collection[str] = (), whatif: WhatIfChoices = (),
              arrays: ScenarioArrays | None = None, with_groups: bool = True) -> Recommendation:
    """The portfolio of highest value under ``weights`` (default: the agreed weights) that
    meets every given not in ``lifted`` and the what-if choices ``(service, option, chosen)``
    in ``whatif``; ties go to the lower total cost."""
    check_solver(solver)
    started = time.perf_counter()
    due = None if time_limit is None else time.time() + time_limit
    arrays = arrays or ScenarioArrays(scenario)
    weights = normalise(weights, scenario.criterion_ids) if weights else agreed_weights(scenario)
    whatif = tuple(whatif)
    # Large scenarios: the groups' searches run beside the recommendation, in a process
    # stopped at the time limit (a solver deep in its root node does not stop itself).
    beside = GroupsBeside(scenario, solver, tuple(lifted), whatif, due) \
        if with_groups and len(scenario.services) >= BESIDE_FROM else None
    try:
        built = build_model(arrays, lifted=lifted, whatif=whatif)
        engine = make_engine(built, solver)
        result = solve_lexicographic(engine, arrays.value_coefficients(weights),
                                     arrays.total_cost, arrays.starts, time_limit)
        if not result.has_solution:
            return unsolved(result.status, arrays, whatif, started, dict(
                scenario=scenario, weights=weights, solver=solver, lifted=tuple(lifted)))
        assert result.x is not None   # has_solution
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


__all__ = ["GroupRange", "Recommendation", "group_ranges", "recommend", "unsolved"]
