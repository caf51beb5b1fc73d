"""The fair portfolio: the best for the least-satisfied group (decision-model.md, Trade-offs).

Three exact steps: maximise the lowest satisfaction; among those, the highest agreed value;
among those, the lowest total cost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulp

from workbench.arrays import ScenarioArrays
from workbench.optimiser.groups import GroupRange
from workbench.optimiser.model import build_model
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.solver import run
from workbench.optimiser.status import OPTIMAL, TIME_LIMIT, Status
from workbench.weights import group_weights

TIE_S = 1e-7   # satisfactions this close are equal
TIE_V = 1e-6   # as docs/spec/decision-model.md, on the 0 to 100 scale


@dataclass(frozen=True, eq=False)
class FairResult:
    portfolio: Portfolio
    min_satisfaction: float
    status: Status

    def to_json(self) -> dict:
        return {"choices": self.portfolio.choices, "value": self.portfolio.value,
                "total_cost": self.portfolio.total_cost,
                "min_satisfaction": self.min_satisfaction}


def fair_portfolio(arrays: ScenarioArrays, weights: Mapping[str, float],
                   ranges: Mapping[str, GroupRange], solver: str = "highs",
                   time_limit: float | None = None) -> FairResult | None:
    """The max-min-satisfaction portfolio under every given, or None when none is feasible."""
    built = build_model(arrays)
    problem, x = built.problem, built.x
    t = pulp.LpVariable("fair_min_satisfaction", lowBound=0, upBound=1)
    normal = group_weights(arrays.scenario)
    for g, r in ranges.items():
        span = r.best - r.worst
        if span <= 1e-9:
            continue  # satisfaction is 1 whatever is chosen
        coef = arrays.value_coefficients(normal[g]) / span
        problem += (pulp.LpAffineExpression(
            [(v, float(c)) for v, c in zip(x, coef) if c] + [(t, -1.0)])
            >= r.worst / span, f"fair_{g}")
    problem.sense = pulp.LpMaximize
    problem.setObjective(pulp.LpAffineExpression([(t, 1.0)]))
    first = run(built, solver, time_limit)
    if first.x is None:
        return None
    def least(x) -> float:
        return min([1.0] + [r.satisfaction(float(arrays.value_coefficients(normal[g]) @ x))
                            for g, r in ranges.items()])

    level = least(first.x)
    problem += (pulp.LpAffineExpression([(t, 1.0)]) >= level - TIE_S, "fair_level")
    value = arrays.value_coefficients(weights)
    built.set_objective(value, maximise=True)
    second = run(built, solver, time_limit, warm_start=first.x)
    best = second.x if second.x is not None else first.x
    problem += (pulp.LpAffineExpression((v, float(c)) for v, c in zip(x, value) if c)
                >= float(value @ best) - TIE_V, "fair_value")
    built.set_objective(arrays.total_cost, maximise=False)
    third = run(built, solver, time_limit, warm_start=best)
    final = third.x if third.x is not None else best
    status = OPTIMAL if all(r.status == OPTIMAL for r in (first, second, third)) \
        else TIME_LIMIT
    return FairResult(Portfolio.from_solution(arrays, final, weights), least(final), status)

