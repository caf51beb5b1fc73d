"""The facilitator page's sections for the commissioning cycle: every view and its answer,
the officers' proposal beside the recommendation, the targets agreed with the panels, and
the choice of the portfolio to adopt with a reason for each service that departs.

Each section is a small widget class linked to the FacilitatorState; every callback is one
state call inside ``disabled_while``, and its message shows beside its own button.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.monitoring.answers import STATE_WORDS
from workbench.ui.common import message_html
from workbench.ui.common.controls import disabled_while, text_box
from workbench.ui.common.proposal import proposal_html
from workbench.ui.facilitator import render
from workbench.ui.facilitator.cycle import view_label

WIDE = {"width": "auto", "max_width": "44em"}
ANSWER_STATES = [(STATE_WORDS[s].capitalize(), s) for s in
                 ("evaluating", "accepted", "partly_accepted", "rejected")]


class AnswersSection:
    """Every comment and dissent note, and a form to answer one of them."""

    def __init__(self, state):
        self.state = state
        self.table = widgets.HTML().add_class("wb-views-panel")
        self.which = widgets.Dropdown(description="View to answer", options=[],
                                      style={"description_width": "initial"},
                                      layout=widgets.Layout(**WIDE)).add_class("wb-answer-which")
        self.how = widgets.Dropdown(description="Answer", options=[("(choose one)", ""),
                                                                   *ANSWER_STATES],
                                    value="", style={"description_width": "initial"}
                                    ).add_class("wb-answer-state")
        self.text = text_box("Why, in words (needed when rejected or partly accepted)",
                          "wb-answer-text", 3)
        self.by = text_box("Answered by", "wb-answered-by", placeholder="name and role")
        self.save = widgets.Button(description="Save the answer",
                                   layout=widgets.Layout(width="auto")).add_class("wb-answer-save")
        self.note = widgets.HTML().add_class("wb-note-answer")
        self.save.on_click(lambda _: self.saving())
        state.observe(lambda _: self.show(), names="views")
        state.observe(lambda _: self.show_note(), names="messages")
        self.box = widgets.VBox([
            widgets.HTML("<h2>Every view gets an answer</h2><p>Each panel sees the answer on "
                         "its own page, and the decision record shows what was said and what "
                         "was answered (\u201cyou said, we did\u201d).</p>"),
            self.table, self.which, self.how, self.text, self.by, self.save, self.note,
        ]).add_class("wb-answers")
        self.show()

    def show(self) -> None:
        state = self.state
        if state.scenario is None:
            return
        self.table.value = render.views_html(state.scenario, state.views)
        names = {g.id: g.name for g in state.scenario.stakeholders}
        current = self.which.value
        options = [(view_label(v, names.get(v.group, v.group)), v.key) for v in state.views]
        self.which.options = options
        keys = [k for _, k in options]
        unanswered = [v.key for v in state.views if v.state == "not_answered"]
        self.which.value = current if current in keys else \
            (unanswered[0] if unanswered else (keys[0] if keys else None))

    def show_note(self) -> None:
        self.note.value = message_html(*self.state.message("answer"))

    def saving(self) -> None:
        with disabled_while([self.save, self.which, self.how, self.text, self.by], self.state,
                            "answer"):
            if self.state.answer(self.which.value or "", self.how.value, self.text.value,
                                 self.by.value):
                self.text.value, self.how.value = "", ""


class ProposalSection:
    """The officers' proposal beside the recommendation, redrawn with each new result."""

    def __init__(self, state):
        self.state = state
        self.box = widgets.HTML().add_class("wb-proposal-panel")
        state.observe(lambda _: self.show(), names="result")
        self.show()

    def show(self) -> None:
        state = self.state
        if state.scenario is not None:
            self.box.value = proposal_html(state.scenario, state.result,
                                                  state.proposal_beside())


class TargetsSection:
    """The targets in force with the panels' positions, and a form to record an agreed one."""

    def __init__(self, state):
        self.state = state
        self.table = widgets.HTML().add_class("wb-targets-panel")
        self.which = widgets.Dropdown(description="Target", options=[],
                                      style={"description_width": "initial"},
                                      layout=widgets.Layout(**WIDE)).add_class("wb-target-which")
        number = {"style": {"description_width": "initial"}}
        self.value = widgets.FloatText(description="Agreed target", **number)
        self.approaching = widgets.FloatText(description="Approaching target down/up to",
                                             **number)
        self.inadequate = widgets.Text(description="Inadequate beyond (blank: none)",
                                       **number)
        self.groups = widgets.VBox().add_class("wb-target-groups")
        self.by = text_box("Recorded by", "wb-target-by", placeholder="name and role")
        self.save = widgets.Button(description="Record the agreed target",
                                   layout=widgets.Layout(width="auto")).add_class("wb-target-save")
        self.note = widgets.HTML().add_class("wb-note-targets")
        self.which.observe(lambda _: self.fill(), names="value")
        self.save.on_click(lambda _: self.saving())
        state.observe(lambda _: self.show(), names=["targets", "positions", "result"])
        state.observe(lambda _: self.show_note(), names="messages")
        self.checks: dict[str, widgets.Checkbox] = {}
        if state.scenario is not None:
            self.checks = {g.id: widgets.Checkbox(description=g.name, value=False,
                                                  indent=False)
                           for g in state.scenario.stakeholders}
            self.groups.children = [widgets.HTML("<p>Agreed by:</p>"), *self.checks.values()]
        form = [self.which, self.value, self.approaching, self.inadequate, self.groups,
                self.by, self.save, self.note]
        self.controls = [self.which, self.value, self.approaching, self.inadequate, self.by,
                         self.save, *self.checks.values()]
        self.box = widgets.VBox([
            widgets.HTML("<h2>Targets, set together</h2><p>The panels see the proposed "
                         "targets on their own pages and say whether they agree or propose "
                         "other values. Record here the value agreed and who agreed it.</p>"),
            self.table, *(form if state.scenario and state.scenario.targets else [])],
        ).add_class("wb-targets-section")
        self.show()

    def show(self) -> None:
        state = self.state
        if state.scenario is None:
            return
        self.table.value = render.targets_html(state.scenario, state.targets,
                                               state.positions) + \
            render.kpi_warnings_html(state.kpi_warnings())
        current = self.which.value
        names = {s.id: s.name for s in state.scenario.services}
        options = [(f"{names.get(t.service, t.service)}: {t.measure}", t.id)
                   for t in state.targets]
        if list(self.which.options) != options:        # not resent on every slider move
            self.which.options = options
        ids = [t.id for t in state.targets]
        self.which.value = current if current in ids else (ids[0] if ids else None)
        self.fill()

    def fill(self) -> None:
        found = next((t for t in self.state.targets if t.id == self.which.value), None)
        if found is None:
            return
        self.value.value = found.target
        self.approaching.value = found.approaching_level
        self.inadequate.value = "" if found.inadequate is None else f"{found.inadequate:g}"
        for g, box in self.checks.items():
            box.value = g in found.agreed_by

    def show_note(self) -> None:
        self.note.value = message_html(*self.state.message("targets"))

    def saving(self) -> None:
        with disabled_while(self.controls, self.state, "targets"):
            text = self.inadequate.value.strip()
            try:
                inadequate = float(text) if text else None
            except ValueError:
                self.state.say("targets", "error", f"Inadequate beyond: must be a number or "
                               f"blank (got {text[:20]!r}); nothing was saved.")
                return
            self.state.agree_target(self.which.value or "", self.value.value,
                                    self.approaching.value, inadequate,
                                    [g for g, box in self.checks.items() if box.value],
                                    self.by.value)


class AdoptChoice:
    """Which portfolio to adopt; a reason box for each service that departs from the
    recommendation; the confirmation needed while dissent notes are unanswered."""

    def __init__(self, state):
        self.state = state
        self.source = widgets.Dropdown(description="Portfolio to adopt", options=[],
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(**WIDE)).add_class("wb-adopt-source")
        self.departures = widgets.VBox().add_class("wb-departures")
        self.confirm = widgets.Checkbox(value=False, indent=False,
                                        layout=widgets.Layout(width="auto"))
        self.confirm.add_class("wb-confirm-unanswered")
        self.confirm_box = widgets.VBox([self.confirm]).add_class("wb-confirm-box")
        self._boxes: dict[str, widgets.Textarea] = {}
        self.source.observe(self._picked, names="value")
        self.confirm.observe(lambda c: setattr(state, "confirm_unanswered", c["new"]),
                             names="value")
        state.observe(lambda _: self.show(), names=["result", "analysis", "pinned", "views",
                                                    "adopt_source"])
        self.box = widgets.VBox([self.source, self.departures, self.confirm_box])
        self.show()

    @property
    def controls(self) -> list[widgets.Widget]:
        return [self.source, self.confirm, *self._boxes.values()]

    def _picked(self, change) -> None:
        if change["new"]:
            self.state.adopt_source = change["new"]

    def show(self) -> None:
        state = self.state
        if state.scenario is None:
            return
        options = state.sources()
        values = [v for _, v in options]
        if list(self.source.options) != options:
            self.source.options = options
        if state.adopt_source not in values:
            state.adopt_source = "recommended"
        if self.source.value != state.adopt_source:
            self.source.value = state.adopt_source
        self._show_departures()
        unanswered = state.unanswered
        if list(unanswered) != getattr(self, "_confirmed_for", None):
            self.confirm.value = False       # a tick covers the notes it was given for only
            self._confirmed_for = list(unanswered)
        if unanswered:
            n = len(unanswered)
            self.confirm.description = (f"Adopt with {n} dissent note{'s' if n > 1 else ''} "
                                        "not yet answered (the record marks "
                                        f"{'them' if n > 1 else 'it'} \u201cnot answered\u201d)")
            self.confirm_box.layout.display = None
        else:
            self.confirm.value = False
            self.confirm_box.layout.display = "none"

    def _show_departures(self) -> None:
        state = self.state
        departing = state.departing()
        services = {s.id: s for s in state.scenario.services}
        wanted = [s for s, _, _ in departing]
        if wanted == list(self._boxes) and self.departures.children:
            return
        boxes, rows = {}, []
        for service, recommended, adopted in departing:
            s = services[service]
            box = self._boxes.get(service) or text_box(
                f"Why {s.name} departs: recommended {s.option(recommended).name}, adopted "
                f"{s.option(adopted).name}", f"wb-reason-{service}", 2)
            box.value = state.reasons.get(service, box.value)
            if service not in self._boxes:
                box.observe(lambda c, sv=service: state.set_reason(sv, c["new"]),
                            names="value")
            boxes[service] = box
            rows.append(box)
        self._boxes = boxes
        head = widgets.HTML(
            f"<p><strong>{len(departing)} service{'s' if len(departing) != 1 else ''} "
            "depart from the recommendation.</strong> Say why for each one; the record shows "
            "the recommended and the adopted option side by side.</p>") if departing else \
            widgets.HTML("")
        self.departures.children = [head, *rows]
