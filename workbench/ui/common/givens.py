"""The givens as every page lists them: what each demands in words (names, limits in
money), why, who answers for it, and what keeping it costs."""

from __future__ import annotations

from workbench.scenario import Scenario
from workbench.ui.common import esc
from workbench.ui.common.tables import row, table
from workbench.ui.common.words import KINDS, given_text


def price_text(price, unknown: str = "…") -> str:
    """What keeping a given costs, in points of value (``unknown`` while it is not known)."""
    if price is None:
        return unknown
    if price.value <= 1e-9:
        return "nothing at present"
    return f"{price.value:.2f} points of value"


def givens_html(scenario: Scenario, prices: dict | None = None, unknown: str = "…") -> str:
    """Every given with what it demands, its kind, category, reason, owner and price
    (``unknown`` where the price is not known: being worked out, or cannot be)."""
    rows = [row(given_text(scenario, g),
                [esc(KINDS.get(g.kind, g.kind)), esc(g.category), esc(g.reason),
                 esc(g.owner or ""), esc(price_text((prices or {}).get(g.id), unknown))])
            for g in scenario.givens]
    return table("The givens: what cannot change, why, who answers for it, and what keeping "
                 "it costs", ["Given", "Kind", "Category", "Reason", "Answerable",
                              "What keeping it costs"], rows, "wb-givens")
