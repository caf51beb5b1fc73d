"""The meeting workbench page, projected for the room: widgets that mirror a MeetingState
and call it, and nothing else.

Top to bottom: the scenario, the givens (and lifting one for a what-if), then the weights
with the recommendation's summary pinned beside them (what the last move changed), the full
results, what-if questions, compare, and the trade-offs. Each control's message shows next
to it. Other pages add sections at the named places ``top`` (after the scenario) and
``foot`` (the end of the page) with ``add_section``.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import ScenarioSource, disabled_while, marked_busy
from workbench.ui.common.givens import givens_html
from workbench.ui.common.pairwise import pairwise_verdict_html
from workbench.ui.common.style import STYLE
from workbench.ui.common.weighting import WeightingPanel
from workbench.ui.common.words import given_text
from workbench.ui.meeting import render
from workbench.ui.meeting.state import MeetingState
from workbench.ui.meeting.weights import GroupWeights


def _html(css: str, value: str = "") -> widgets.HTML:
    return widgets.HTML(value).add_class(css)


class MeetingPage:
    """The page for one MeetingState. ``widget`` is what the notebook shows; ``top`` and
    ``foot`` are the places other pages add sections to."""

    PLACES = ("top", "foot")

    def __init__(self, state: MeetingState, pick_scenario: bool = True):
        self.state = state
        self.top = widgets.VBox().add_class("wb-place-top")
        self.foot = widgets.VBox().add_class("wb-place-foot")
        self.title = _html("wb-title")
        self.notes = {place: _html(f"wb-note-{place}") for place in
                      ("source", "weights", "method", "lift", "whatif", "compare", "analysis")}
        self.givens = _html("wb-givens-panel")
        self.lift_box = widgets.VBox().add_class("wb-lift")
        self.lifted = _html("wb-lifted-panel")
        self.summary = _html("wb-summary-panel")
        self.agreed = _html("wb-agreed-panel")
        self.table = _html("wb-results")
        self.criteria = _html("wb-criteria-panel")
        self.satisfaction = _html("wb-satisfaction-panel")
        self.spend = _html("wb-spend-panel")
        self.compare = _html("wb-compare-panel")
        self.progress = widgets.FloatProgress(value=0, min=0, max=1, description="Trade-offs")
        self.progress.add_class("wb-progress")
        self.progress_text = _html("wb-progress-text")
        self.analysis = _html("wb-analysis")
        self.pin = widgets.Button(description="Pin this run",
                                  tooltip="Keep this run to compare").add_class("wb-pin")
        self.wi_service = widgets.Select(description="Service (pick one)", rows=8)
        self.wi_service.add_class("wb-whatif-service")
        self.wi_option = widgets.Dropdown(description="Option").add_class("wb-whatif-option")
        self.wi_force = widgets.Button(description="What if it took this?")
        self.wi_force.add_class("wb-whatif-force")
        self.wi_forbid = widgets.Button(description="What if this were ruled out?")
        self.wi_forbid.add_class("wb-whatif-forbid")
        self.wi_result = _html("wb-whatif-panel")
        self.source = ScenarioSource(state, lambda: self.working("source"))
        # a slider move is quick: the page is marked busy, its controls stay enabled
        self.weights = GroupWeights(
            state, lambda: marked_busy(self.widget, self.state, "weights"))
        self.method = WeightingPanel(
            lambda: self.working("method"), swing=state.use_swing,
            pairwise=lambda g, m, anyway: state.use_pairwise(g, m, accept_inconsistent=anyway),
            verdict=lambda g: pairwise_verdict_html(state.scenario, state.pairwise.get(g))
            if state.scenario else "")
        # the swing and pairwise entry works on the group whose tab is open: never blank
        widgets.dlink((self.weights.tabs, "selected_index"), (self.method.group, "value"),
                      self._tab_group)
        self._lifts: list[widgets.Checkbox] = []
        self._drawn: tuple[object, str] = (None, "")     # an analysis and its drawn HTML
        self._wire()
        self.widget = self._layout(pick_scenario)

    def _tab_group(self, k: int | None) -> str | None:
        """The group whose weights tab is open ("" before a scenario is open)."""
        groups = self.state.scenario.stakeholders if self.state.scenario else ()
        wanted = groups[k].id if k is not None and 0 <= k < len(groups) else ""
        offered = [value for _, value in self.method.group.options]
        return wanted if wanted in offered else ("" if "" in offered else None)

    # -- the page's places -----------------------------------------------------------------
    def add_section(self, place: str, *children: widgets.Widget) -> None:
        """Add widgets at ``place`` (``top`` or ``foot``)."""
        if place not in self.PLACES:
            raise ValueError(f"place must be one of {', '.join(self.PLACES)} (got {place!r})")
        box = getattr(self, place)
        box.children = (*box.children, *children)

    def controls(self) -> list[widgets.Widget]:
        """Every control the page disables while a call runs."""
        return [self.pin, self.wi_force, self.wi_forbid, self.source.picker, self.source.upload,
                *self._lifts, *self.weights.controls, *self.method.controls]

    def working(self, place: str):
        return disabled_while(self.controls(), self.state, place)

    # -- wiring ----------------------------------------------------------------------------
    def _wire(self) -> None:
        s = self.state
        s.observe(lambda _: self.scenario_changed(), names="scenario")
        s.observe(lambda _: self.results_changed(),
                  names=["result", "lifted_result", "pinned", "before"])
        s.observe(lambda _: self.givens_changed(), names="prices")
        s.observe(lambda _: self.whatif_changed(), names="whatif")
        s.observe(lambda _: self.analysis_changed(), names=["analysis", "analysis_current"])
        s.observe(lambda _: self.progress_changed(), names=["progress", "progress_message"])
        s.observe(lambda _: self.notes_changed(), names="messages")
        s.observe(lambda _: self.method.show_verdict(), names="pairwise")
        self.wi_service.observe(lambda _: self.service_picked(), names="value")
        self.wi_force.on_click(lambda _: self.ask(True))
        self.wi_forbid.on_click(lambda _: self.ask(False))
        self.pin.on_click(lambda _: self.pinned())

    def _layout(self, pick_scenario: bool) -> widgets.VBox:
        n = self.notes
        picker = widgets.HBox([self.source.picker, self.source.upload] if pick_scenario
                              else []).add_class("wb-source")
        weights_column = widgets.VBox([
            _html("wb-h", "<h2>Weights</h2><p>One tab per group: move a slider, or type a "
                  "weight from 0 to 100 in the box beside it.</p>"),
            n["weights"], self.weights.tabs,
            _html("wb-h", "<h3>Or weigh by swings or by pairs (for the group whose tab is "
                  "open)</h3>"), self.method.box, n["method"], self.agreed,
        ]).add_class("wb-weights-column")
        summary_column = widgets.VBox([self.summary, self.satisfaction])
        summary_column.add_class("wb-summary-column")
        return widgets.VBox([
            _html("wb-style", STYLE), self.title, picker, n["source"], self.source.problems,
            self.top,
            self.givens, _html("wb-h", "<h2>Lift a given (what-if)</h2>"), self.lift_box,
            n["lift"], self.lifted,
            widgets.HBox([weights_column, summary_column]).add_class("wb-workspace"),
            self.table, self.criteria, self.spend,
            _html("wb-h", "<h2>What if…</h2>"),
            widgets.HBox([self.wi_service, self.wi_option]),
            widgets.HBox([self.wi_force, self.wi_forbid]), n["whatif"], self.wi_result,
            _html("wb-h", "<h2>Compare</h2>"), widgets.HBox([self.pin]), n["compare"],
            self.compare,
            widgets.HBox([self.progress, self.progress_text]), n["analysis"], self.analysis,
            self.foot,
        ]).add_class("wb-app")

    # -- showing the state -----------------------------------------------------------------
    def scenario_changed(self) -> None:
        scenario = self.state.scenario
        if scenario is None:
            return
        self.title.value = f"<h1>{esc(scenario.name)}</h1>"
        self.givens_changed()
        self.weights.rebuild(scenario)
        self.method.rebuild(scenario)
        self.weights.tabs.selected_index = 0
        self.method.group.value = self._tab_group(0)
        self._lift_controls()
        self.wi_service.options = [(s.name, s.id) for s in scenario.services]
        self.service_picked()

    def _lift_controls(self) -> None:
        boxes = []
        for g in self.state.scenario.givens:
            box = widgets.Checkbox(value=False, indent=False,
                                   description=f"Lift “{given_text(self.state.scenario, g)}” "
                                   "for a what-if").add_class(f"wb-lift-{g.id}")
            box.observe(lambda change, given=g.id: self.lift(given, change["new"]),
                        names="value")
            boxes.append(box)
        self._lifts = boxes
        self.lift_box.children = boxes

    def givens_changed(self) -> None:
        s = self.state
        if s.scenario is not None:
            clash = s.result is not None and s.result.portfolio is None
            self.givens.value = "<h2>The givens</h2>" + givens_html(
                s.scenario, s.prices, "not known while the givens clash" if clash else "…")

    def results_changed(self) -> None:
        s = self.state
        if s.scenario is None:
            return
        changes = s.changes()
        self.summary.value = render.summary_html(s.scenario, s.result, changes)
        self.givens_changed()
        self.table.value = "<h2>Recommendation in full</h2>" + render.portfolio_html(
            s.scenario, s.result, set(changes.get("changed", ())))
        self.satisfaction.value = render.satisfaction_html(s.scenario, s.result)
        self.agreed.value = render.agreed_html(s.scenario, s.agreed_weights)
        self.criteria.value = render.criteria_html(s.scenario, s.result)
        self.lifted.value = render.lifted_html(s.scenario, s.lifted, s.result,
                                               s.lifted_result)
        self.compare.value = render.comparison_html(s.scenario, s.comparison(),
                                                    s.pinned is not None)
        self.spend.value = render.spend_html(s.scenario, s.result)

    def analysis_changed(self) -> None:
        s = self.state
        a = s.analysis
        if s.scenario is None or a is None or a.recommended.portfolio is None:
            self.analysis.value = ""
            return
        if self._drawn[0] is not a:       # drawn once per analysis, not per slider move
            self._drawn = (a, render.analysis_body(s.scenario, a))
        self.analysis.value = render.analysis_html(s.scenario, a, s.analysis_current,
                                                   self._drawn[1])

    def progress_changed(self) -> None:
        self.progress.value = self.state.progress
        self.progress_text.value = f"<p>{esc(self.state.progress_message)}</p>"

    def whatif_changed(self) -> None:
        s = self.state
        self.wi_result.value = render.whatif_html(s.scenario, s.whatif) if s.scenario else ""

    def notes_changed(self) -> None:
        for place, box in self.notes.items():
            kind, text = self.state.message(place)
            box.value = message_html(kind, text)

    def show(self) -> None:
        """Draw everything from the state as it is (a page opened on an open state)."""
        self.scenario_changed()
        self.results_changed()
        self.analysis_changed()
        self.progress_changed()
        self.notes_changed()
        self.source.show_status()

    # -- events ----------------------------------------------------------------------------
    def lift(self, given: str, lifted: bool) -> None:
        with self.working("lift"):
            self.state.lift(given, lifted)

    def service_picked(self) -> None:
        if self.state.scenario is not None and self.wi_service.value:
            service = self.state.scenario.service(self.wi_service.value)
            self.wi_option.options = [(o.name, o.id) for o in service.options]
            self.wi_option.index = 0

    def ask(self, chosen: bool) -> None:
        with self.working("whatif"):
            self.state.ask_what_if(self.wi_service.value, self.wi_option.value, chosen)

    def pinned(self) -> None:
        with self.working("compare"):
            self.state.pin()


def build_meeting_app(scenario: str | Path | None = None,
                      state: MeetingState | None = None) -> MeetingPage:
    """The page for a meeting, opened on ``scenario``; or on ``state`` when it is given
    with its scenario already open (a meeting in the store), without the scenario picker."""
    if state is not None:
        page = MeetingPage(state, pick_scenario=False)
        page.show()
        return page
    page = MeetingPage(MeetingState())
    page.source.open_first(scenario)
    return page
