"""HTML fragments for the page. Every piece of scenario text is escaped: names are data."""

from __future__ import annotations

from html import escape

from workbench.optimiser.recommend import Recommendation
from workbench.report import money
from workbench.scenario import Scenario


def _table(caption: str, header: list[str], rows: list[list[str]], css: str) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="wb-table {css}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def givens_html(scenario: Scenario) -> str:
    rows = [[escape(g.id), escape(g.kind.replace("_", " ")), escape(g.category),
             escape(g.reason), escape(g.owner or "")] for g in scenario.givens]
    return _table("The givens: what cannot change, why, and who answers for it",
                  ["Given", "Kind", "Category", "Reason", "Answerable"], rows, "wb-givens")


def portfolio_html(scenario: Scenario, result: Recommendation) -> str:
    if result.portfolio is None:
        return f'<p class="wb-infeasible">{escape(result.explanation)}</p>'
    p, cur = result.portfolio, scenario.currency
    rows = []
    for service, index in zip(scenario.services, p.chosen):
        option = service.option(p.arrays.refs[index][1])
        changed = service.current not in (None, option.id)
        rows.append([escape(service.name), escape(service.area or ""), escape(option.name),
                     escape(option.mode.replace("_", " ")),
                     money(float(p.arrays.total_cost[index]), cur),
                     "changes" if changed else "stays"])
    summary = (f"<p class='wb-summary'>Value {p.value:.2f} out of 100; total cost "
               f"{money(p.total_cost, cur)} over {len(scenario.years)} years "
               f"({escape(result.status.replace('_', ' '))}).</p>")
    return summary + _table("Recommended portfolio", ["Service", "Area", "Option", "Mode",
                                                      "Total cost", "Against today"],
                            rows, "wb-portfolio")
