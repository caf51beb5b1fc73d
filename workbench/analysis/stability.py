"""Weight stability: how far each agreed weight can move before the recommendation changes.

Moving criterion c's weight to t (the others scaled in proportion so all still sum to 1)
makes every portfolio's value a straight line in t, and the best value the upper envelope of
those lines. From the agreed weight, each end is found by asking the solver for the best
portfolio at a trial t and moving t to where that portfolio's line crosses the
recommendation's, until the recommendation is best there (each solve is exact).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from workbench.analysis.progress import Progress
from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.portfolio import Portfolio

TOL = 1e-9


@dataclass(frozen=True)
class StabilityInterval:
    criterion: str
    weight: float
    low: float
    high: float
    below: dict[str, str] | None    # the portfolio that takes over below ``low``
    above: dict[str, str] | None    # and above ``high``


def moved_weights(weights: Mapping[str, float], criterion: str, t: float) -> dict[str, float]:
    """``criterion`` at ``t``, the other weights scaled so that all sum to 1."""
    rest = 1.0 - weights[criterion]
    out = {}
    for c, w in weights.items():
        if c == criterion:
            out[c] = t
        elif rest > TOL:
            out[c] = w * (1 - t) / rest
        else:
            out[c] = (1 - t) / (len(weights) - 1)
    return out


def _line(live: LiveOptimiser, chosen: np.ndarray, weights: Mapping[str, float],
          criterion: str) -> tuple[float, float]:
    """Value of a portfolio at t=0 and t=1 (its line is straight in between)."""
    at0 = live.arrays.value(chosen, moved_weights(weights, criterion, 0.0))
    at1 = live.arrays.value(chosen, moved_weights(weights, criterion, 1.0))
    return at0, at1


def _end(live: LiveOptimiser, base: Portfolio, weights: Mapping[str, float], criterion: str,
         upward: bool) -> tuple[float, dict[str, str] | None]:
    a0, a1 = _line(live, base.chosen, weights, criterion)
    t = 1.0 if upward else 0.0
    taker = None
    for _ in range(50):
        trial = moved_weights(weights, criterion, t)
        result = live.solve(trial, with_groups=False)
        if result.portfolio is None:
            return t, taker
        best = result.portfolio
        ours = a0 + (a1 - a0) * t
        if best.value <= ours + 1e-7 or best.same_choices(base):
            return t, taker
        b0, b1 = _line(live, best.chosen, weights, criterion)
        # where the two lines cross: a0 + (a1-a0) t = b0 + (b1-b0) t
        slope = (a1 - a0) - (b1 - b0)
        if abs(slope) <= TOL:
            return t, best.choices
        t_new = (b0 - a0) / slope
        t_new = min(max(t_new, 0.0), 1.0)
        if abs(t_new - t) <= 1e-12:
            return t, best.choices
        t, taker = t_new, best.choices
    return t, taker


def stability(live: LiveOptimiser, weights: Mapping[str, float], base: Portfolio,
              progress: Progress | None = None) -> dict[str, StabilityInterval]:
    """For each criterion, the interval of its weight over which ``base`` stays recommended."""
    progress = progress or Progress()
    out = {}
    criteria = list(weights)
    if len(criteria) == 1:  # one criterion: its weight is 1 whatever happens; ranks never move
        c = criteria[0]
        return {c: StabilityInterval(c, weights[c], 0.0, 1.0, None, None)}
    names = {c.id: c.name for c in live.scenario.criteria}
    for k, c in enumerate(criteria):
        progress(k / len(criteria), f"stability of {names.get(c, 'criterion')}")
        high, above = _end(live, base, weights, c, upward=True)
        low, below = _end(live, base, weights, c, upward=False)
        out[c] = StabilityInterval(c, weights[c], low, high, below, above)
    return out
