"""The finance page: widgets linked to a FinanceState, and nothing else.

Downloads are links holding the file as a base64 data: URI with a ``download`` name, which
work in Voilà without a server round trip. Each message shows beside its control: opening a
file beside the picker, an adopted decision beside its box, the record beside its button.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from workbench.errors import WorkbenchError
from workbench.ui.common import message_html
from workbench.ui.common.controls import ScenarioSource, disabled_while
from workbench.ui.common.weighting import STACK_CSS
from workbench.ui.finance import html
from workbench.ui.finance.state import FinanceState, adopted_choices, existing_store

PICK_ONE = "(pick one)"


class FinancePage:
    """The finance page on one scenario, with the store's adopted decisions to pick from.
    ``widget`` is what the notebook shows; ``sections`` names the places where another page
    may add its own section (``add_section``)."""

    PLACES = ("foot",)

    def __init__(self, scenario: str | Path | None = None, store=None):
        self.state = state = FinanceState()
        self.sections = {place: widgets.VBox().add_class(f"wb-section-{place}")
                         for place in self.PLACES}
        self.review = widgets.HTML().add_class("wb-review")
        self.downloads = widgets.HTML().add_class("wb-downloads")
        self.record = widgets.Button(
            description="Prepare the decision record",
            tooltip="Works out the trade-offs the record shows (a few seconds)",
            layout=widgets.Layout(width="auto")).add_class("wb-make-record")
        self.record_said = widgets.HTML().add_class("wb-record-message")
        self.source = ScenarioSource(state, self._working)
        self.adopted = widgets.Dropdown(description="Adopted decision", options=[],
                                        style={"description_width": "initial"},
                                        layout=widgets.Layout(width="auto", max_width="48em",
                                                              display="none"))
        self.adopted.add_class("wb-adopted-picker").add_class("wb-stack")
        self.adopted_said = widgets.HTML().add_class("wb-adopted-message")
        self.controls = [self.record, self.source.picker, self.source.upload, self.adopted]
        self.store = store
        self._list_adopted()
        self.adopted.observe(self._adopted_picked, names="value")
        state.observe(lambda _: self._show_decision(), names="decision")
        state.observe(lambda _: self._show_messages(), names="messages")
        self.source.open_first(scenario)
        self.record.on_click(lambda _: self._make_record())
        self._show_messages()
        self.widget = widgets.VBox([
            widgets.HTML(html.STYLE + STACK_CSS),
            widgets.HTML("<h1>Finance export and decision record</h1>"),
            widgets.HBox([self.source.picker, self.source.upload]).add_class("wb-row"),
            self.source.status, self.source.problems,
            self.adopted, self.adopted_said,
            widgets.HTML("<h2>Downloads</h2>"), self.downloads, self.record, self.record_said,
            self.review, self.sections["foot"],
        ]).add_class("wb-finance")

    def add_section(self, place: str, section: widgets.Widget) -> None:
        """Add a section at one of ``PLACES``."""
        box = self.sections[place]
        box.children = (*box.children, section)

    def _working(self):
        return disabled_while(self.controls, self.state)

    def _list_adopted(self) -> None:
        """The adopted decisions in the store (the page never creates an empty store)."""
        try:
            if self.store is None:
                self.store = existing_store()
            choices = adopted_choices(self.store) if self.store is not None else []
        except WorkbenchError as exc:
            self.store, choices = None, []
            self.state.say("adopted", "error", f"The meeting store could not be read: {exc}")
            self.adopted.layout.display = None
        if choices:
            self.adopted.options = [(PICK_ONE, None), *choices]
            self.adopted.value = None
            self.adopted.layout.display = None

    def _adopted_picked(self, change) -> None:
        if change["new"] is not None:
            with self._working():
                self.state.open_adopted(self.store, *change["new"])

    def _make_record(self) -> None:
        with self._working():
            self.state.add_analysis()

    def _show_decision(self) -> None:
        state = self.state
        if state.origin == "file" and self.adopted.value is not None:
            self.adopted.value = None        # a file was opened: no decision is picked
        self.review.value = html.review_html(state.decision, state.opened)
        self.downloads.value = html.links_html(state.files())

    def _show_messages(self) -> None:
        self.adopted_said.value = message_html(*self.state.message("adopted"))
        self.record_said.value = message_html(*self.state.message("record"))


def export_panel(make_decision) -> widgets.VBox:
    """A button that turns ``make_decision()`` into download links (for the meeting page);
    what goes wrong is said beside the button."""
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
                links.value = message_html("error", f"Could not export: {exc}")
                return
            state.open_decision(decision)
            links.value = html.links_html(state.files()) or message_html("error",
                                                                         state.status)
        finally:
            button.disabled = False

    button.on_click(clicked)
    return widgets.VBox([widgets.HTML("<h2>Finance export</h2>"), button, links])
