"""HTML fragments for the page. Every piece of scenario text is escaped: names are data."""

from __future__ import annotations

from html import escape

from workbench.scenario import Scenario


def _table(caption: str, header: list[str], rows: list[list[str]], css: str) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="wb-table {css}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _price_text(price) -> str:
    if price is None:
        return "…"
    if price.value <= 0:
        return "nothing at present"
    return f"{price.value:.2f} points of value"


def givens_html(scenario: Scenario, prices: dict | None = None) -> str:
    """Every given with its kind, category, reason, owner and (when known) its price."""
    rows = [[escape(g.id), escape(g.kind.replace("_", " ")), escape(g.category),
             escape(g.reason), escape(g.owner or ""),
             escape(_price_text((prices or {}).get(g.id)))] for g in scenario.givens]
    return _table("The givens: what cannot change, why, who answers for it, and what "
                  "keeping it costs", ["Given", "Kind", "Category", "Reason", "Answerable",
                                       "What it costs"], rows, "wb-givens")
