"""How sure the winner is (commissioning-cycle.md, section 5): the winner at other price
weights, under each group's own quality weights, and rank reversal under relative pricing
(removing a bid changes the lowest price, and so can change the order of the others)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from workbench.tender.marks import Marks
from workbench.tender.model import Tender
from workbench.tender.ranking import Weights, file_weights, rank_bids, winner_of
from workbench.tender.reader import exact

PRICE_SHARES = tuple(range(10, 100, 10))      # per cent of the total points


def weights_at_price_share(tender: Tender, percent: int) -> Weights:
    """The price weight at ``percent`` of the total points, the quality weights scaled in
    proportion to share the rest."""
    base = file_weights(tender)
    total = base.price + sum(base.quality.values(), Fraction(0))
    quality_total = sum(base.quality.values(), Fraction(0))
    price = total * percent / 100
    rest = total - price
    quality = {c: (w * rest / quality_total if quality_total else Fraction(0))
               for c, w in base.quality.items()}
    return Weights(price, quality)


def by_price_weight(tender: Tender, marks: Marks) -> dict[str, str | None]:
    """``"10"`` … ``"90"`` -> the winner at that price weight (None: no compliant bid)."""
    return {str(p): winner_of(rank_bids(tender, marks, weights_at_price_share(tender, p)))
            for p in PRICE_SHARES}


def weights_of_group(tender: Tender, own: Mapping[str, float]) -> Weights:
    """A group's proportions scaled to the file's quality total, the price weight unchanged,
    a criterion the group left out weighing 0."""
    base = file_weights(tender)
    quality_total = sum(base.quality.values(), Fraction(0))
    own_total = sum((exact(w) for w in own.values()), Fraction(0))
    quality = {c: exact(own.get(c, 0)) * quality_total / own_total for c in base.quality}
    return Weights(base.price, quality)


def by_group(tender: Tender, marks: Marks) -> dict[str, str | None]:
    """Each group in ``group_weights`` -> the winner under its weights (everyone's marks)."""
    return {group: winner_of(rank_bids(tender, marks, weights_of_group(tender, own)))
            for group, own in tender.group_weights.items()}


@dataclass(frozen=True)
class Reversal:
    """Removing ``removed`` changes the order of the others from ``before`` to ``after``."""

    removed: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    def to_json(self) -> dict:
        return {"removed": self.removed, "before": list(self.before), "after": list(self.after)}


def rank_reversal(tender: Tender, marks: Marks) -> tuple[Reversal, ...]:
    """Each compliant bid whose removal changes the order of the other compliant bids;
    empty under ceiling pricing, where one bid's price never moves another's points."""
    if tender.price.method != "relative":
        return ()
    weights = file_weights(tender)
    scores = [s for s in rank_bids(tender, marks, weights) if s.compliant]
    ranked = [s.id for s in scores]
    lowest = min((s.price for s in scores), default=None)
    # Points depend on another bid only through the lowest compliant price, so only removing
    # a bid at that price can move the others (and only if no other bid has it too).
    movers = [s.id for s in scores if s.price == lowest]
    found = []
    for removed in movers if len(movers) == 1 else ():
        before = tuple(b for b in ranked if b != removed)
        after = tuple(s.id for s in rank_bids(tender, marks, weights, leave_out={removed})
                      if s.compliant)
        if before != after:
            found.append(Reversal(removed, before, after))
    return tuple(found)
