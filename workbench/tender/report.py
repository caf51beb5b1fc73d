"""The evaluation report of a stored tender (commissioning-cycle.md, section 5): one HTML
page, no scripts, every text escaped, that shows how the winner was reached: the price
method and each bid's price points, quality points, totals and ranking; every evaluator's
mark with the moderated mark and its reason beside them; the declarations of interest; the
sensitivity and the warnings. The moderation page shows the same sections.
"""

from __future__ import annotations

from workbench.export.page import page_html, plural, table
from workbench.html import escaped as e
from workbench.money import money
from workbench.tender.evaluation import TenderResult
from workbench.tender.model import Tender
from workbench.tender.pictures import pictures_html
from workbench.tender.reader import number_text
from workbench.tender.stored import Evaluation


def _points(value) -> str:
    return "–" if value is None else f"{float(value):.2f}"


def _bidder(tender: Tender, bid: str | None) -> str:
    return "no bid (none is compliant)" if bid is None else tender.bid(bid).bidder


def price_method_text(tender: Tender) -> str:
    """How price became points, in words."""
    rule, cur = tender.price, tender.currency
    if rule.method == "relative":
        how = (f"Price is worth {number_text(rule.weight)} of the "
               f"{number_text(tender.total_points)} points (relative pricing): the lowest "
               "compliant price gets them all, and every other bid gets them times the "
               "lowest price divided by its own price.")
    else:
        floor = money(rule.floor, cur) if rule.floor is not None else money(0, cur)
        how = (f"Price is worth {number_text(rule.weight)} of the "
               f"{number_text(tender.total_points)} points: full points at or below "
               f"{floor}, none at the ceiling, in a straight line between.")
    if rule.ceiling is not None:
        how += f" A bid above {money(rule.ceiling, cur)} is not compliant and is not ranked."
    return how


def ranking_html(result: TenderResult) -> str:
    """Rank, bidder, price, quality points, price points and total of every bid."""
    tender = result.tender
    rows = []
    for s in result.bids:
        rank = str(s.rank) if s.rank is not None else "not ranked"
        rows.append([e(tender.bid(s.id).bidder), e(rank), e(money(s.price, tender.currency)),
                     _points(s.quality), _points(s.price_points), _points(s.total),
                     e(s.reason or "yes")])
    header = ["Bidder", "Rank", "Price", "Quality points", "Price points", "Total points",
              "Compliant"]
    return (f"<p>{e(price_method_text(tender))}</p>"
            + table(f"Bids in rank order (out of {number_text(tender.total_points)} points)",
                    header, rows, numeric={1, 2, 3, 4, 5}))


def winner_html(result: TenderResult) -> str:
    tender = result.tender
    if result.winner is None:
        return "<p class=\"lead\">There is no winner: no bid is compliant.</p>"
    score = next(s for s in result.bids if s.id == result.winner)
    return (f"<p class=\"lead\">The winner is <strong>{e(_bidder(tender, result.winner))}"
            f"</strong> with {_points(score.total)} of {number_text(tender.total_points)} "
            f"points ({_points(score.quality)} for quality, {_points(score.price_points)} "
            "for price).</p>")


def sensitivity_html(result: TenderResult) -> str:
    """The winner at other price weights, under each group's weights, and rank reversals."""
    tender = result.tender
    rows = [[e(f"{pct}%"), e(_bidder(tender, w))] for pct, w in result.by_price_weight.items()]
    out = [table("The winner if price were worth a different share of the points",
                 ["Price's share of the points", "Winner"], rows)]
    if result.by_group:
        rows = [[e(group), e(_bidder(tender, w))] for group, w in result.by_group.items()]
        out.append(table("The winner under each group's own weights of the quality "
                         "criteria", ["Group", "Winner"], rows))
    if result.rank_reversal:
        items = "".join(
            f"<li>Without {e(_bidder(tender, r.removed))}, the order "
            f"{e(' > '.join(_bidder(tender, b) for b in r.before))} becomes "
            f"{e(' > '.join(_bidder(tender, b) for b in r.after))}.</li>"
            for r in result.rank_reversal)
        out.append(f"<p>Rank reversals (with relative pricing, a bid can change the order of "
                   f"the others):</p><ul>{items}</ul>")
    elif tender.price.method == "relative":
        out.append("<p>No rank reversal: removing any one bid leaves the order of the others "
                   "as it is.</p>")
    return "".join(out)


def warnings_html(result: TenderResult) -> str:
    if not result.warnings:
        return "<p>No warnings.</p>"
    return "<ul>" + "".join(f"<li>{e(w)}</li>" for w in result.warnings) + "</ul>"


def marks_html(evaluation: Evaluation, result: TenderResult | None = None) -> str:
    """Every evaluator's mark of every bid on every criterion, with the moderated mark and
    its reason beside them, and the mark used (with ``result``)."""
    frame = evaluation.frame
    header = ["Bid and criterion", *(ev.name for ev in frame.evaluators), "Moderated mark",
              "Reason", *(["Mark used"] if result else [])]
    rows = []
    for bid in frame.bids:
        for c in frame.quality:
            marks = [evaluation.marks.get((ev.id, bid.id, c.id)) for ev in frame.evaluators]
            moderated = evaluation.moderated.get((bid.id, c.id))
            row = [f"{e(bid.bidder)}: {e(c.name)}",
                   *(number_text(m.mark) if m else "missing" for m in marks),
                   number_text(moderated.mark) if moderated else "–",
                   e(moderated.reason) if moderated else "–"]
            if result:
                row.append(f"{float(result.marks[bid.id, c.id]):.2f}")
            rows.append(row)
    numeric = set(range(1, len(frame.evaluators) + 2)) | ({len(header) - 1} if result else set())
    return table("Every mark (0 to 100), the moderated mark and why", header, rows,
                 numeric=numeric)


def declarations_html(evaluation: Evaluation) -> str:
    rows = []
    for ev in evaluation.frame.evaluators:
        found = evaluation.declarations.get(ev.id)
        said = "not declared yet" if found is None else (
            "none" if found.interest is None else found.interest)
        rows.append([e(ev.name), e(said)])
    return table("Each evaluator's declaration of interest", ["Evaluator",
                                                              "Interest declared"], rows)


def report_body(evaluation: Evaluation, result: TenderResult) -> str:
    """The report's sections (HTML), for the page and the standalone report alike."""
    tender = result.tender
    state = "closed" if evaluation.closed else "not closed yet"
    return (f"<h1>{e(tender.name)}: evaluation report</h1>"
            f"<p class=\"meta\">{plural(len(tender.bids), 'bid')}, "
            f"{plural(len(tender.evaluators), 'evaluator')}; the evaluation is {state}.</p>"
            + winner_html(result)
            + "<h2>How the winner was reached</h2>" + ranking_html(result)
            + "<h2>Every mark</h2><p>Each bid's mark on a criterion is the moderated mark "
              "when one was agreed (with its reason), else the mean of the evaluators' "
              "marks. Quality points are each criterion's weight times the mark, over 100."
              "</p>" + marks_html(evaluation, result)
            + "<h2>Declarations of interest</h2>" + declarations_html(evaluation)
            + "<h2>Sensitivity</h2>" + pictures_html(result) + sensitivity_html(result)
            + "<h2>Warnings</h2>" + warnings_html(result))


def evaluation_report_html(evaluation: Evaluation, result: TenderResult) -> str:
    """The standalone report page."""
    return page_html(f"{result.tender.name}: evaluation report",
                     f"<main>{report_body(evaluation, result)}</main>")
