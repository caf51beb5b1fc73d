"""Totals and the ranking of the compliant bids (commissioning-cycle.md, section 5): by
total, then higher quality points, then lower price, then bid id. Non-compliant bids are
left out of the ranking (and of the lowest price) and listed last."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from fractions import Fraction

from workbench.tender.marks import Marks, quality_points
from workbench.tender.model import Tender
from workbench.tender.pricing import non_compliance, price_points
from workbench.tender.reader import exact


@dataclass(frozen=True)
class Weights:
    """Points for price and for each quality criterion: the file's own, or a sensitivity
    case's."""

    price: Fraction
    quality: Mapping[str, Fraction]


def file_weights(tender: Tender) -> Weights:
    return Weights(exact(tender.price.weight),
                   {c.id: exact(c.weight) for c in tender.quality})


@dataclass(frozen=True)
class BidScore:
    """One bid's points and place; ``rank``, ``price_points`` and ``total`` are None for a
    non-compliant bid, whose ``reason`` says why."""

    id: str
    price: float
    quality: Fraction
    price_points: Fraction | None
    total: Fraction | None
    rank: int | None
    reason: str | None = None

    @property
    def compliant(self) -> bool:
        return self.reason is None


def rank_bids(tender: Tender, marks: Marks, weights: Weights,
              leave_out: Collection[str] = ()) -> tuple[BidScore, ...]:
    """Every bid but ``leave_out``: the compliant ones in rank order, then the others by id."""
    bids = [b for b in tender.bids if b.id not in leave_out]
    reasons = {b.id: non_compliance(tender, b) for b in bids}
    compliant = [b for b in bids if reasons[b.id] is None]
    lowest = min((b.price for b in compliant), default=None)
    scored = []
    for bid in compliant:
        quality = quality_points(marks, weights.quality, bid.id)
        points = price_points(tender.price, weights.price, bid.price, lowest)
        scored.append((quality + points, quality, points, bid))
    scored.sort(key=lambda s: (-s[0], -s[1], s[3].price, s[3].id))
    ranked = [BidScore(bid.id, bid.price, quality, points, total, rank)
              for rank, (total, quality, points, bid) in enumerate(scored, start=1)]
    others = sorted((b for b in bids if reasons[b.id] is not None), key=lambda b: b.id)
    ranked += [BidScore(b.id, b.price, quality_points(marks, weights.quality, b.id), None,
                        None, None, reasons[b.id]) for b in others]
    return tuple(ranked)


def winner_of(ranking: tuple[BidScore, ...]) -> str | None:
    """The first-ranked bid, or None when no bid is compliant."""
    return ranking[0].id if ranking and ranking[0].rank == 1 else None
