"""The finance page: widgets linked to a FinanceState, and nothing else.

Downloads are links holding the file as a base64 data: URI with a ``download`` name, which
work in Voilà without a server round trip.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from workbench.errors import WorkbenchError
from workbench.export import Decision
from workbench.export.tables import Table, allocation, budget
from workbench.report import money
from workbench.ui.controls import ScenarioSource, disabled_while
from workbench.ui.finance import FinanceState, adopted_choices, data_uri, existing_store

STYLE = """<style>
.wb-finance table.wb-table { border-collapse: collapse; margin: 0.5em 0 1em; }
.wb-finance table.wb-table caption { font-weight: 600; text-align: left; }
.wb-finance table.wb-table th, .wb-finance table.wb-table td {
  border: 1px solid #8c8c8c; padding: 0.2em 0.5em; text-align: left; }
.wb-finance td.num { text-align: right; font-variant-numeric: tabular-nums; }
.wb-finance tr.wb-total th, .wb-finance tr.wb-total td { font-weight: 700; }
.wb-finance a.wb-download { display: inline-block; margin: 0.3em 1em 0.3em 0;
  padding: 0.4em 0.8em; border: 2px solid #0b4f8a; color: #0b4f8a; border-radius: 4px; }
</style>"""

LABELS = {"xlsx": "Download the workbook (Excel)", "csv": "Download the allocation (CSV)",
          "html": "Download the decision record (HTML, to publish)"}


def _cell(value, kind: str, currency: str) -> str:
    if value is None:
        return "<td></td>"
    if kind == "money" and isinstance(value, (int, float)):
        sign = "-" if value < 0 else ""
        return f'<td class="num">{sign}{escape(money(abs(value), currency))}</td>'
    if isinstance(value, float):
        return f'<td class="num">{value:.4f}</td>'
    return f"<td>{escape(str(value))}</td>"


def table_html(table: Table, currency: str, skip: tuple[str, ...] = ()) -> str:
    """A finance table as HTML (money in whole units; the files keep the pence)."""
    keep = [i for i, c in enumerate(table.columns) if c.title not in skip]
    head = "".join(f'<th scope="col">{escape(table.columns[i].title)}</th>' for i in keep)
    rows = list(table.rows) + ([table.totals] if table.totals else [])
    body = []
    for k, row in enumerate(rows):
        css = ' class="wb-total"' if table.totals and k == len(rows) - 1 else ""
        cells = [f'<th scope="row">{escape(str(row[keep[0]]))}</th>'] + [
            _cell(row[i], table.columns[i].kind, currency) for i in keep[1:]]
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    return (f'<table class="wb-table wb-{table.name.lower()}"><caption>'
            f"{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def review_html(decision: Decision | None) -> str:
    """What the officer checks before downloading: allocation, budgets, where it is from."""
    if decision is None:
        return ""
    scenario, rec = decision.scenario, decision.recommendation
    cur = scenario.currency
    status = "optimal (proven)" if rec.status == "optimal" else \
        f"best found before the time limit (proven gap {rec.gap:.4%})"
    about = (f"<p class='wb-about'>{escape(scenario.name)}: {status}, solver "
             f"{escape(rec.solver)}; total cost {money(decision.portfolio.total_cost, cur)}."
             + (f" File SHA-256 <code>{escape(decision.sha256)}</code>." if decision.sha256
                else "") + "</p>")
    return (about + table_html(allocation(decision), cur,
                               skip=("Service id", "Option id", "Today's option id"))
            + table_html(budget(decision), cur))


def links_html(files: dict[str, tuple[str, bytes]]) -> str:
    return "".join(
        f'<a class="wb-download wb-download-{ext}" download="{escape(name)}" '
        f'href="{data_uri(content, ext)}">{escape(LABELS[ext])}</a>'
        for ext, (name, content) in files.items())


def export_panel(make_decision) -> widgets.VBox:
    """A button that turns ``make_decision()`` into download links (for the meeting page)."""
    button = widgets.Button(description="Prepare the finance export",
                            tooltip="Workbook, CSV and (once the trade-offs are ready) the "
                            "decision record of the current recommendation",
                            layout=widgets.Layout(width="auto"))
    button.add_class("wb-export")
    links = widgets.HTML().add_class("wb-export-links")
    state = FinanceState()

    def clicked(_) -> None:
        button.disabled = True
        try:
            try:
                decision = make_decision()
            except Exception as exc:
                links.value = f"<p>Could not export: {escape(str(exc))}</p>"
                return
            state.open_decision(decision)
            links.value = links_html(state.files()) or f"<p>{escape(state.status)}</p>"
        finally:
            button.disabled = False

    button.on_click(clicked)
    return widgets.VBox([widgets.HTML("<h2>Finance export</h2>"), button, links])


def build_finance_page(scenario: str | Path | None = None) -> widgets.VBox:
    """The finance page, opened on ``scenario``."""
    state = FinanceState()
    title = widgets.HTML("<h1>Finance export and decision record</h1>")
    review = widgets.HTML().add_class("wb-review")
    downloads = widgets.HTML().add_class("wb-downloads")
    record = widgets.Button(description="Prepare the decision record",
                            tooltip="Works out the trade-offs the record shows (a few seconds)",
                            layout=widgets.Layout(width="auto"))
    record.add_class("wb-make-record")
    controls = [record]

    def working():
        return disabled_while(controls, state)

    source = ScenarioSource(state, working)
    controls += [source.picker, source.upload]
    adopted = widgets.Dropdown(description="Adopted decision", options=[],
                               style={"description_width": "10em"},
                               layout=widgets.Layout(width="48em", display="none"))
    adopted.add_class("wb-adopted-picker")
    controls.append(adopted)
    try:
        store = existing_store()
        choices = adopted_choices(store) if store is not None else []
    except WorkbenchError as exc:
        store, choices = None, []
        state.status = f"The meeting store could not be read: {exc}"
    if choices:
        adopted.options = [("(pick one)", None), *choices]
        adopted.layout.display = None

    def adopted_picked(change) -> None:
        if change["new"] is not None:
            with working():
                state.open_adopted(store, *change["new"])

    adopted.observe(adopted_picked, names="value")

    def decision_changed(_=None) -> None:
        review.value = "<h2>The allocation</h2>" + review_html(state.decision)
        downloads.value = links_html(state.files())

    def make_record(_) -> None:
        with working():
            state.add_analysis()

    state.observe(decision_changed, names="decision")
    source.open_first(scenario)
    record.on_click(make_record)
    page = widgets.VBox([
        widgets.HTML(STYLE), title, source.status,
        widgets.HBox([source.picker, source.upload]), adopted, source.problems,
        widgets.HTML("<h2>Downloads</h2>"), downloads, record, review,
    ]).add_class("wb-finance")
    page.state = state
    return page
