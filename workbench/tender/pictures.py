"""The tender's result as pictures (matplotlib, no pyplot state), in the trade-offs'
style (workbench.analysis.pictures: Okabe-Ito colours, labelled axes, large type): each
compliant bid's points split into quality and price, and each bid's total as price's
share of the points moves from 10% to 90% (the sensitivity of the spec, drawn). Each comes
with a sentence that says the same in words, for the image's alternative text."""

from __future__ import annotations

import base64
import io

from matplotlib.figure import Figure

from workbench.analysis.pictures import OKABE_ITO, _figure
from workbench.tender.evaluation import TenderResult
from workbench.tender.ranking import rank_bids
from workbench.tender.sensitivity import PRICE_SHARES, weights_at_price_share


def points_figure(result: TenderResult) -> Figure:
    """Stacked bars: quality points and price points of each compliant bid, rank order."""
    tender = result.tender
    ranked = [s for s in result.bids if s.rank is not None]
    fig, ax = _figure(10, 1.2 + 0.8 * max(1, len(ranked)))
    names = [tender.bid(s.id).bidder for s in ranked][::-1]
    quality = [float(s.quality) for s in ranked][::-1]
    price = [float(s.price_points or 0) for s in ranked][::-1]
    ax.barh(names, quality, color=OKABE_ITO[0], label="Quality points")
    ax.barh(names, price, left=quality, color=OKABE_ITO[1], label="Price points")
    ax.set_xlim(0, tender.total_points)
    ax.set_xlabel(f"Points (of {tender.total_points:g})")
    ax.set_title("Each bid's points")
    ax.legend(loc="lower right")
    return fig


def points_words(result: TenderResult) -> str:
    tender = result.tender
    parts = [f"{tender.bid(s.id).bidder} {float(s.total or 0):.2f} ({float(s.quality):.2f} "
             f"quality, {float(s.price_points or 0):.2f} price)"
             for s in result.bids if s.rank is not None]
    return "Each bid's points: " + "; ".join(parts) + "."


def price_share_figure(result: TenderResult) -> Figure:
    """Each compliant bid's total points at each price share, the file's own marked."""
    tender, marks = result.tender, result.marks
    fig, ax = _figure(10, 5.5)
    totals: dict[str, list[float]] = {}
    for share in PRICE_SHARES:
        for s in rank_bids(tender, marks, weights_at_price_share(tender, share)):
            if s.total is not None:
                totals.setdefault(s.id, []).append(float(s.total))
    markers = "osD^v<>p"
    for i, (bid, values) in enumerate(totals.items()):
        ax.plot(PRICE_SHARES[:len(values)], values, marker=markers[i % len(markers)],
                color=OKABE_ITO[i % len(OKABE_ITO)], label=tender.bid(bid).bidder)
    own = 100 * tender.price.weight / tender.total_points if tender.total_points else 0
    ax.axvline(own, color="#3d3d3d", linestyle="--", label=f"This tender's price share "
                                                           f"({own:.0f}%)")
    ax.set_xlabel("Price's share of the points (%)")
    ax.set_ylabel(f"Total points (of {tender.total_points:g})")
    ax.set_title("Who wins as price's share changes")
    ax.legend(loc="best")
    return fig


def price_share_words(result: TenderResult) -> str:
    tender = result.tender
    said = ", ".join(f"{p}%: {tender.bid(w).bidder if w else 'no winner'}"
                     for p, w in result.by_price_weight.items())
    return f"The winner at each share of the points for price: {said}."


def png_base64(fig: Figure) -> str:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=80)
    return base64.b64encode(out.getvalue()).decode("ascii")


def pictures_html(result: TenderResult) -> str:
    """Both pictures as ``<figure>`` with their words as alternative text and caption."""
    from workbench.html import escaped

    out = []
    for fig, words in ((points_figure(result), points_words(result)),
                       (price_share_figure(result), price_share_words(result))):
        out.append(f"<figure><img src='data:image/png;base64,{png_base64(fig)}' "
                   f"alt='{escaped(words)}'><figcaption>{escaped(words)}</figcaption>"
                   "</figure>")
    return "".join(out)
