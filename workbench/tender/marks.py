"""The mark of each bid on each criterion, and the quality points it earns
(commissioning-cycle.md, section 5).

Exact arithmetic (fractions of the numbers in the file), so that two bids whose totals are
equal on paper tie exactly and the tie-breaks decide, as the rules say.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from workbench.tender.model import Tender
from workbench.tender.reader import exact

Marks = Mapping[tuple[str, str], Fraction]


def bid_marks(tender: Tender) -> dict[tuple[str, str], Fraction]:
    """``(bid, criterion) -> mark``: the moderated mark when the panel agreed one, else the
    mean of every evaluator's mark (every evaluator marks every bid: the file is refused
    otherwise, so a mean never hides a missing mark)."""
    moderated = {(m.bid, m.criterion): exact(m.mark) for m in tender.moderated}
    marks: dict[tuple[str, str], Fraction] = {}
    for bid in tender.bids:
        for criterion in tender.quality:
            key = (bid.id, criterion.id)
            if key in moderated:
                marks[key] = moderated[key]
                continue
            given = [exact(tender.marks[e.id, bid.id, criterion.id])
                     for e in tender.evaluators]
            marks[key] = sum(given, Fraction(0)) / len(given) if given else Fraction(0)
    return marks


def quality_points(marks: Marks, weights: Mapping[str, Fraction], bid: str) -> Fraction:
    """Σ weight[c] · mark[c] / 100: the points a bid's marks earn under ``weights``."""
    return sum((w * marks[bid, c] / 100 for c, w in weights.items()), Fraction(0))
