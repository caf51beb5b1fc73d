"""The evaluation report of a stored tender as a Word document (commissioning-cycle.md,
section 5): the same sections as the HTML report (workbench.tender.report) without its
pictures (their numbers are in the sensitivity tables): the winner, how price became
points, every bid's points and rank, every mark with the moderated mark and its reason, the
declarations of interest, the sensitivity and the warnings. Every text a plain run.
"""

from __future__ import annotations

from workbench.export.docx import Block, Heading, Paragraph, Table, docx_bytes
from workbench.money import money
from workbench.tender.evaluation import TenderResult
from workbench.tender.reader import number_text
from workbench.tender.report import _bidder, _points, price_method_text
from workbench.tender.stored import Evaluation


def _winner(result: TenderResult) -> str:
    if result.winner is None:
        return "There is no winner: no bid is compliant."
    score = next(s for s in result.bids if s.id == result.winner)
    return (f"The winner is {_bidder(result.tender, result.winner)} with "
            f"{_points(score.total)} of {number_text(result.tender.total_points)} points "
            f"({_points(score.quality)} for quality, {_points(score.price_points)} for price).")


def report_blocks(evaluation: Evaluation, result: TenderResult) -> list[Block]:
    """The report as plain blocks."""
    tender, frame = result.tender, evaluation.frame
    state = "closed" if evaluation.closed else "not closed yet"
    out: list[Block] = [
        Heading(f"{tender.name}: evaluation report", 0),
        Paragraph(f"{len(tender.bids)} bid(s), {len(tender.evaluators)} evaluator(s); the "
                  f"evaluation is {state}."),
        Paragraph(_winner(result)),
        Heading("How the winner was reached", 1), Paragraph(price_method_text(tender)),
        Table(f"Bids in rank order (out of {number_text(tender.total_points)} points)",
              ("Bidder", "Rank", "Price", "Quality points", "Price points", "Total points",
               "Compliant"),
              tuple((tender.bid(s.id).bidder, str(s.rank) if s.rank is not None else
                     "not ranked", money(s.price, tender.currency), _points(s.quality),
                     _points(s.price_points), _points(s.total), s.reason or "yes")
                    for s in result.bids)),
        Heading("Every mark", 1),
        Paragraph("Each bid's mark on a criterion is the moderated mark when one was agreed "
                  "(with its reason), else the mean of the evaluators' marks."),
    ]
    rows = []
    for bid in frame.bids:
        for c in frame.quality:
            marks = [evaluation.marks.get((ev.id, bid.id, c.id)) for ev in frame.evaluators]
            moderated = evaluation.moderated.get((bid.id, c.id))
            rows.append((f"{bid.bidder}: {c.name}",
                         *(number_text(m.mark) if m else "missing" for m in marks),
                         number_text(moderated.mark) if moderated else "–",
                         moderated.reason if moderated else "–",
                         f"{float(result.marks[bid.id, c.id]):.2f}"))
    out.append(Table("Every mark (0 to 100), the moderated mark and why",
                     ("Bid and criterion", *(ev.name for ev in frame.evaluators),
                      "Moderated mark", "Reason", "Mark used"), tuple(rows)))
    out.append(Heading("Declarations of interest", 1))
    declared = []
    for ev in frame.evaluators:
        found = evaluation.declarations.get(ev.id)
        declared.append((ev.name, "not declared yet" if found is None else
                         ("none" if found.interest is None else found.interest)))
    out.append(Table("Each evaluator's declaration of interest",
                     ("Evaluator", "Interest declared"), tuple(declared)))
    out.append(Heading("Sensitivity", 1))
    out.append(Table("The winner if price were worth a different share of the points",
                     ("Price's share of the points", "Winner"),
                     tuple((f"{pct}%", _bidder(tender, w))
                           for pct, w in result.by_price_weight.items())))
    if result.by_group:
        out.append(Table("The winner under each group's own weights of the quality criteria",
                         ("Group", "Winner"), tuple((g, _bidder(tender, w))
                                                    for g, w in result.by_group.items())))
    for r in result.rank_reversal:
        out.append(Paragraph(
            f"Without {_bidder(tender, r.removed)}, the order "
            f"{' > '.join(_bidder(tender, b) for b in r.before)} becomes "
            f"{' > '.join(_bidder(tender, b) for b in r.after)}.", "Rank reversal:"))
    out.append(Heading("Warnings", 1))
    out.extend([Paragraph(w) for w in result.warnings] or [Paragraph("No warnings.")])
    return out


def evaluation_report_docx(evaluation: Evaluation, result: TenderResult) -> bytes:
    return docx_bytes(f"{result.tender.name}: evaluation report",
                      report_blocks(evaluation, result))
