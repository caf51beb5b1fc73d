"""Each stakeholder group's best and worst portfolio under the givens: the ends of its
satisfaction scale (decision-model.md, Satisfaction).

Used by a one-off recommendation, by the live optimiser (kept until a group's weights
change) and by the process that works them out beside a large solve (:mod:`beside`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from workbench.optimiser.engines import Engine, make_engine
from workbench.optimiser.improve import swapped_toward
from workbench.optimiser.model import BuiltModel
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.status import NO_SOLUTION, OPTIMAL
from workbench.scenario.model import Scenario
from workbench.weights import group_weights


@dataclass(frozen=True, kw_only=True)
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

    @classmethod
    def between(cls, best: Portfolio, worst: Portfolio, weights: Mapping[str, float],
                exact: bool) -> GroupRange:
        """The range from a group's best and worst portfolios."""
        return cls(best=best.value, worst=worst.value, best_choices=best.choices,
                   worst_choices=worst.choices, weights=dict(weights), exact=exact)

    def widened(self, other: GroupRange) -> GroupRange:
        """Of two unproven ranges, the higher best and the lower worst (not proven)."""
        best = self if self.best >= other.best else other
        worst = self if self.worst <= other.worst else other
        return GroupRange(best=best.best, worst=worst.worst, best_choices=best.best_choices,
                          worst_choices=worst.worst_choices, weights=self.weights, exact=False)


def group_extremes(engine: Engine, built: BuiltModel, weights: Mapping[str, float],
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
        if found.has_solution and found.x is not None:
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


def group_range(engine: Engine, built: BuiltModel, weights: Mapping[str, float],
                time_limit: float | None, fallback: np.ndarray | None = None
                ) -> GroupRange | None:
    """:func:`group_extremes` as a GroupRange (None when the givens admit no portfolio)."""
    ends = group_extremes(engine, built, weights, time_limit, fallback)
    if ends is None:
        return None
    best, worst, exact = ends
    return GroupRange.between(best, worst, weights, exact)


def group_ranges(built: BuiltModel, scenario: Scenario, solver: str,
                 time_limit: float | None = None, engine: Engine | None = None,
                 fallback: np.ndarray | None = None) -> dict[str, GroupRange]:
    """Each group's best and worst value under the givens in ``built``, all within
    ``time_limit`` (shared out between the groups still to do)."""
    engine = engine or make_engine(built, solver)
    deadline = None if time_limit is None else time.perf_counter() + time_limit
    out = {}
    todo = group_weights(scenario)
    for k, (group, weights) in enumerate(todo.items()):
        share = None if deadline is None else \
            max(0.1, (deadline - time.perf_counter()) / (len(todo) - k))
        found = group_range(engine, built, weights, share, fallback)
        if found is None:
            return {}
        out[group] = found
    return out


def swapped_range(built: BuiltModel, weights: Mapping[str, float],
                  start: np.ndarray) -> GroupRange:
    """What single swaps from ``start`` reach toward each end (not proven): the range a
    search that ran out of time can still offer."""
    arrays = built.arrays
    c = arrays.value_coefficients(weights)
    best, worst = (Portfolio.from_solution(arrays, swapped_toward(start, sign * c, built),
                                           weights) for sign in (1.0, -1.0))
    return GroupRange.between(best, worst, weights, exact=False)
