"""The rating of one result against its target, in the words of the Procurement Regulations
2024, reg. 39 (commissioning-cycle.md, section 3)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from workbench.scenario.cycle import Target

Rating = Literal["good", "approaching_target", "requires_improvement", "inadequate"]
# Best first: ``worst`` and every comparison read this order.
RATINGS: tuple[Rating, ...] = ("good", "approaching_target", "requires_improvement",
                               "inadequate")
MISSES: frozenset[Rating] = frozenset({"requires_improvement", "inadequate"})


def rate(target: Target, value: float) -> Rating:
    """``good`` at or beyond the target; ``approaching_target`` at or beyond ``approaching``;
    ``inadequate`` beyond ``inadequate`` (when set); else ``requires_improvement``."""
    sign = 1.0 if target.direction == "higher" else -1.0
    r = sign * value
    if r >= sign * target.target:
        return "good"
    if r >= sign * target.approaching_level:
        return "approaching_target"
    if target.inadequate is None or r >= sign * target.inadequate:
        return "requires_improvement"
    return "inadequate"


def is_miss(rating: Rating) -> bool:
    """A miss is ``requires_improvement`` or ``inadequate``."""
    return rating in MISSES


def worst(ratings: Iterable[Rating | None]) -> Rating | None:
    """The worst of the ratings given (None ones left out); None when there are none."""
    found = [RATINGS.index(r) for r in ratings if r is not None]
    return RATINGS[max(found)] if found else None
