"""The whole tender evaluation (commissioning-cycle.md, section 5) as one result that
explains itself: every bid's points and place, the winner, how the winner moves with the
price weight and with each group's weights, rank reversals, and warnings."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from workbench.tender.marks import bid_marks
from workbench.tender.model import Tender
from workbench.tender.ranking import BidScore, file_weights, rank_bids, winner_of
from workbench.tender.sensitivity import Reversal, by_group, by_price_weight, rank_reversal
from workbench.tender.social_value import social_value_warning


@dataclass(frozen=True)
class TenderResult:
    tender: Tender
    bids: tuple[BidScore, ...]                 # rank order, non-compliant last
    winner: str | None
    marks: dict[tuple[str, str], Fraction]     # (bid, criterion) -> the mark used
    by_price_weight: dict[str, str | None]
    by_group: dict[str, str | None]
    rank_reversal: tuple[Reversal, ...]
    warnings: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON object of the spec: ``bids``, ``winner``, ``by_price_weight``,
        ``by_group``, ``rank_reversal``, ``warnings``."""
        return {"bids": [_bid_json(s) for s in self.bids], "winner": self.winner,
                "by_price_weight": dict(self.by_price_weight), "by_group": dict(self.by_group),
                "rank_reversal": [r.to_json() for r in self.rank_reversal],
                "warnings": list(self.warnings)}


def _number(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _bid_json(score: BidScore) -> dict[str, Any]:
    out: dict[str, Any] = {"id": score.id, "quality": _number(score.quality),
                           "price_points": _number(score.price_points),
                           "total": _number(score.total), "rank": score.rank,
                           "compliant": score.compliant}
    if score.reason is not None:
        out["reason"] = score.reason
    return out


def evaluate(tender: Tender) -> TenderResult:
    """Evaluate ``tender`` exactly as section 5 says (the file's checks have already run)."""
    marks = bid_marks(tender)
    ranking = rank_bids(tender, marks, file_weights(tender))
    winner = winner_of(ranking)
    warnings = []
    if winner is None:
        warnings.append("no bid is compliant (every price is above the ceiling): there is no "
                        "winner")
    social = social_value_warning(tender)
    if social:
        warnings.append(social)
    return TenderResult(tender=tender, bids=ranking, winner=winner, marks=marks,
                        by_price_weight=by_price_weight(tender, marks),
                        by_group=by_group(tender, marks),
                        rank_reversal=rank_reversal(tender, marks), warnings=tuple(warnings))
