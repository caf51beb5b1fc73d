"""The panel page's folded section "Propose a need or an option" (commissioning-cycle.md,
section 6): two small forms, a need (text, who is affected, evidence) and an option for a
service (mode, provider idea, rough cost, expected scores, rationale), and the group's own
proposals with the council's answers, kept up to date by the panel's poll."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.export.answers import answer_html
from workbench.export.options import option_facts_html
from workbench.fields import MODES, mode_words
from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import disabled_while, text_box
from workbench.ui.panel.proposals_state import ProposalsState

FULL = {"width": "auto", "max_width": "40em"}
CHOOSE = "(choose one)"


def _box(label: str, css: str, rows: int | None = None, placeholder: str = ""):
    return text_box(label, css, rows, placeholder, "40em").add_class("wb-stack")


def _choice(label: str, options: list[tuple[str, str]], css: str) -> widgets.Dropdown:
    return widgets.Dropdown(description=label, options=[(CHOOSE, ""), *options], value="",
                            style={"description_width": "initial"},
                            layout=widgets.Layout(**FULL)).add_class(css).add_class("wb-stack")


def mine_html(state: ProposalsState) -> str:
    """The group's proposals, each with its answer (escaped)."""
    if not state.needs and not state.options:
        return "<p>Your group has not proposed a need or an option yet.</p>"
    parts = ["<h3>Your group's proposals and the council's answers</h3>"]
    for need in state.needs:
        parts.append(f"<div class='wb-card wb-my-need'><p><strong>Need "
                     f"{need.version}:</strong> {esc(need.text)}</p>"
                     f"{answer_html(need.answers)}</div>")
    for option in state.options:
        parts.append(f"<div class='wb-card wb-my-option'>"
                     f"{option_facts_html(option, state.scenario)}"
                     f"{answer_html(option.answers)}</div>")
    return "".join(parts)


class ProposalsSection:
    """The two forms and the group's proposals; ``box`` goes in a folded toggle."""

    def __init__(self, panel):
        scenario = panel.scenario
        self.state = ProposalsState(panel.store, panel.meeting_id, panel.token, panel.group,
                                    scenario)
        s = self.state
        self.need_text = _box("The need, in your words", "wb-propose-need-text", 2)
        self.need_affected = _box("Who is affected", "wb-propose-need-affected")
        self.need_evidence = _box("Evidence (optional): what shows it", "wb-propose-need-"
                                  "evidence", 2)
        self.need_send = widgets.Button(description="Send this need",
                                        layout=widgets.Layout(width="auto"))
        self.need_send.add_class("wb-propose-need-send")
        self.need_note = widgets.HTML().add_class("wb-note-propose-need")
        self.service = _choice("Service", [(v.name, v.id) for v in scenario.services],
                               "wb-propose-option-service")
        self.mode = _choice("How it would be run", [(mode_words(m).capitalize(), m)
                                                    for m in MODES],
                            "wb-propose-option-mode")
        self.provider = _box("Who could provide it (optional)", "wb-propose-option-provider")
        self.cost = _box("Rough cost a year (optional)", "wb-propose-option-cost",
                         placeholder="such as 35000")
        self.scores = {c.id: _box(f"Expected score for {c.name}, 0 to 100 (optional)",
                                  f"wb-propose-option-score-{c.id}")
                       for c in scenario.criteria}
        self.rationale = _box("Why this option", "wb-propose-option-rationale", 3)
        self.option_send = widgets.Button(description="Send this option",
                                          layout=widgets.Layout(width="auto"))
        self.option_send.add_class("wb-propose-option-send")
        self.option_note = widgets.HTML().add_class("wb-note-propose-option")
        self.mine = widgets.HTML().add_class("wb-my-proposals")
        self.mine_note = widgets.HTML()
        self.need_controls = [self.need_text, self.need_affected, self.need_evidence,
                              self.need_send]
        self.option_controls = [self.service, self.mode, self.provider, self.cost,
                                *self.scores.values(), self.rationale, self.option_send]
        self.box = widgets.VBox([
            widgets.HTML("<h2>Propose a need or an option</h2><p>A need the services "
                         "should meet, or another way to run a service. Every proposal "
                         "gets an answer from the council. An option is shown as proposed: "
                         "it is chosen only after the officers cost and score it and add "
                         "it to a new version of the scenario.</p><h3>A need</h3>"),
            *self.need_controls, self.need_note,
            widgets.HTML("<h3>An option for a service</h3>"),
            *self.option_controls, self.option_note, self.mine_note, self.mine,
        ]).add_class("wb-proposals")
        self.need_send.on_click(lambda _: self.sending_need())
        self.option_send.on_click(lambda _: self.sending_option())
        s.observe(lambda _: self.show(), names=["needs", "options"])
        s.observe(lambda _: self.show_notes(), names="messages")
        panel.observe(lambda _: s.refresh(), names="version")
        s.refresh()
        self.show()

    def sending_need(self) -> None:
        with disabled_while(self.need_controls, self.state, "need"):
            if self.state.propose_need(self.need_text.value, self.need_affected.value,
                                       self.need_evidence.value):
                for box in (self.need_text, self.need_affected, self.need_evidence):
                    box.value = ""

    def sending_option(self) -> None:
        with disabled_while(self.option_controls, self.state, "option"):
            if self.state.propose_option(self.service.value or "", self.mode.value or "",
                                         self.provider.value, self.cost.value,
                                         {c: b.value for c, b in self.scores.items()},
                                         self.rationale.value):
                for box in (self.provider, self.cost, *self.scores.values(), self.rationale):
                    box.value = ""
                self.service.value, self.mode.value = "", ""

    def show(self) -> None:
        value = mine_html(self.state)
        if self.mine.value != value:
            self.mine.value = value

    def show_notes(self) -> None:
        self.need_note.value = message_html(*self.state.message("need"))
        self.option_note.value = message_html(*self.state.message("option"))
        self.mine_note.value = message_html(*self.state.message("mine"))
