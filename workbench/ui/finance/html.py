"""The HTML of the finance page, from plain data (a DecisionExport, its tables, file names and
bytes), never from the page's state. Every text is escaped through ``esc``."""

from __future__ import annotations

from workbench.export import DecisionExport
from workbench.export.tables import Table, allocation, budget
from workbench.money import money
from workbench.ui.common import esc
from workbench.ui.finance.state import data_uri

# Wide tables scroll inside their own focusable box, so the page never scrolls sideways.
STYLE = """<style>
.wb-finance { max-width: 100%; font-size: 16px; color: #1a1a1a; overflow-wrap: anywhere; }
.wb-finance .widget-html, .wb-finance .widget-html-content { min-width: 0;
  max-width: 100%; line-height: 1.4; }
.wb-finance .wb-scroll { overflow-x: auto; max-width: 100%; }
.wb-finance .wb-scroll:focus { outline: 3px solid #0b4f8a; }
.wb-finance table.wb-table { border-collapse: collapse; margin: 0.5em 0 1em;
  overflow-wrap: normal; }
.wb-finance table.wb-table caption { font-weight: 600; text-align: left; }
.wb-finance table.wb-table th, .wb-finance table.wb-table td {
  border: 1px solid #8c8c8c; padding: 0.2em 0.5em; text-align: left; }
.wb-finance td.num { text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap; }
.wb-finance tr.wb-total th, .wb-finance tr.wb-total td { font-weight: 700; }
.wb-finance a.wb-download { display: inline-block; margin: 0.3em 1em 0.3em 0;
  padding: 0.4em 0.8em; border: 2px solid #0b4f8a; color: #0b4f8a; border-radius: 4px;
  min-height: 24px; }
.wb-finance .wb-row { flex-wrap: wrap; gap: 0.4em; }
.wb-finance .widget-button, .wb-finance .jupyter-button { min-height: 32px; height: auto;
  max-width: 100%; white-space: normal; }
.wb-finance .widget-upload { width: auto; }
.wb-finance .wb-msg { padding: 0.3em 0.6em; margin: 0.3em 0; border-left: 4px solid; }
.wb-finance .wb-msg-error, .wb-finance .wb-msg-warning { border-color: #a4000f;
  background: #fdf0f0; }
.wb-finance .wb-msg-success { border-color: #006d2c; background: #eef8f1; }
.wb-finance .wb-msg-info { border-color: #0b4f8a; }
</style>"""

LABELS = {"xlsx": "Download the workbook (Excel)", "csv": "Download the allocation (CSV)",
          "html": "Download the decision record (HTML, to publish)"}


def _cell(value, kind: str, currency: str) -> str:
    if value is None:
        return "<td></td>"
    if kind == "money" and isinstance(value, (int, float)):
        sign = "-" if value < 0 else ""
        return f'<td class="num">{sign}{esc(money(abs(value), currency))}</td>'
    if isinstance(value, float):
        return f'<td class="num">{value:.4f}</td>'
    return f"<td>{esc(value)}</td>"


def table_html(table: Table, currency: str, skip: tuple[str, ...] = ()) -> str:
    """A finance table as HTML (money in whole units; the files keep the pence), in a box
    that scrolls sideways on its own and can be scrolled from the keyboard."""
    keep = [i for i, c in enumerate(table.columns) if c.title not in skip]
    head = "".join(f'<th scope="col">{esc(table.columns[i].title)}</th>' for i in keep)
    rows = list(table.rows) + ([table.totals] if table.totals else [])
    body = []
    for k, row in enumerate(rows):
        css = ' class="wb-total"' if table.totals and k == len(rows) - 1 else ""
        cells = [f'<th scope="row">{esc(row[keep[0]])}</th>'] + [
            _cell(row[i], table.columns[i].kind, currency) for i in keep[1:]]
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    return (f'<div class="wb-scroll" tabindex="0" role="region" '
            f'aria-label="{esc(table.caption)}">'
            f'<table class="wb-table wb-{table.name.lower()}"><caption>'
            f"{esc(table.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def review_html(decision: DecisionExport | None, opened: str) -> str:
    """What the officer checks before downloading: what is open, allocation, budgets."""
    if decision is None:
        return ""
    scenario, rec = decision.scenario, decision.recommendation
    cur = scenario.currency
    status = "optimal (proven)" if rec.status == "optimal" else \
        f"best found before the time limit (proven gap {rec.gap:.4%})"
    about = (f"<p class='wb-about'>Under review: <strong>{esc(opened)}</strong>. {status}, "
             f"solver {esc(rec.solver)}; total cost {money(decision.portfolio.total_cost, cur)}."
             + (f" File SHA-256 <code>{esc(decision.sha256)}</code>." if decision.sha256
                else "") + "</p>")
    return ("<h2>The allocation</h2>" + about
            + table_html(allocation(decision), cur,
                         skip=("Service id", "Option id", "Today's option id"))
            + table_html(budget(decision), cur))


def links_html(files: dict[str, tuple[str, bytes]]) -> str:
    """Each file as a download link holding its bytes (no server round trip in Voilà)."""
    return "".join(
        f'<a class="wb-download wb-download-{ext}" download="{esc(name)}" '
        f'href="{data_uri(content, ext)}">{esc(LABELS[ext])}</a>'
        for ext, (name, content) in files.items())
