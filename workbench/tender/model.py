"""A tender evaluation as immutable objects (commissioning-cycle.md, section 5).

Built only by :mod:`workbench.tender.files`, which checks every rule of the file first; the
objects can therefore be trusted by the kernels that rank the bids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

FORMAT = "commissioning-tender/1"
METHODS = ("relative", "ceiling")
Method = Literal["relative", "ceiling"]


@dataclass(frozen=True)
class PriceRule:
    """How price becomes points: its weight (points), the method, and the ceiling (above
    which a bid is not compliant) and floor (at or below which a bid gets full points)."""

    weight: float
    method: Method
    ceiling: float | None = None
    floor: float | None = None


@dataclass(frozen=True)
class Criterion:
    """A quality criterion worth ``weight`` points at a mark of 100."""

    id: str
    name: str
    weight: float
    social_value: bool = False


@dataclass(frozen=True)
class Evaluator:
    id: str
    name: str
    group: str | None = None


@dataclass(frozen=True)
class Bid:
    id: str
    bidder: str
    price: float


@dataclass(frozen=True)
class Moderated:
    """The panel's consensus mark for a bid on a criterion, and why it was agreed."""

    bid: str
    criterion: str
    mark: float
    reason: str


@dataclass(frozen=True)
class Tender:
    """One tender evaluation: ``marks`` holds every evaluator's mark, keyed by
    ``(evaluator, bid, criterion)``; ``group_weights`` each group's own proportions of the
    quality criteria."""

    name: str
    price: PriceRule
    quality: tuple[Criterion, ...]
    evaluators: tuple[Evaluator, ...]
    bids: tuple[Bid, ...]
    marks: Mapping[tuple[str, str, str], float]
    moderated: tuple[Moderated, ...] = ()
    group_weights: Mapping[str, Mapping[str, float]] = field(
        default_factory=lambda: MappingProxyType({}))
    scale: tuple[float, ...] | None = None
    service: str | None = None
    currency: str = "GBP"

    def bid(self, bid_id: str) -> Bid:
        return next(b for b in self.bids if b.id == bid_id)

    @property
    def total_points(self) -> float:
        """Price weight plus the quality weights: what a perfect bid would score."""
        return self.price.weight + sum(c.weight for c in self.quality)
