"""The panel page's folded section "Specification and contract terms": for each service
with requirements or terms, the group gives each requirement a priority (in words), may
propose a requirement, and takes a position on each term. Few widgets (one small form for
each), cards in HTML, so the phone page stays short; each callback is one state call
inside ``disabled_while`` with its message beside its own button.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.monitoring.answers import STATE_WORDS
from workbench.store.codesign import KIND_WORDS, PRIORITY_WORDS
from workbench.tender.specification import KINDS, PRIORITIES
from workbench.tender.terms import TOPIC_WORDS
from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import disabled_while, text_box
from workbench.ui.panel.codesign_state import PanelCodesign

FULL = {"width": "auto", "max_width": "40em"}
TITLE = "9. Specification and contract terms"
STANCE_CHOICES = (("We support it", "support"), ("We oppose it", "oppose"),
                  ("We ask to amend it", "amend"))


def _dropdown(label: str, options, css: str) -> widgets.Dropdown:
    return widgets.Dropdown(description=label, options=options,
                            style={"description_width": "initial"},
                            layout=widgets.Layout(**FULL)).add_class(css).add_class("wb-stack")


def _button(text: str, css: str) -> widgets.Button:
    return widgets.Button(description=text, layout=widgets.Layout(width="auto")).add_class(css)


def cards_html(state: PanelCodesign) -> str:
    """Each service's requirements (agreed priority and ours) and terms (ours, the agreed
    text and its answer), in words."""
    parts = []
    for service, found in state.found.items():
        parts.append(f"<h3>{esc(state.names.get(service, service))}</h3>")
        items = []
        for r in found.spec.requirements:
            ours = state.mine(service, r.id)
            agreed = found.agreed.get(r.id)
            items.append(
                f"<li><strong>{esc(r.text)}</strong> ({esc(KIND_WORDS.get(r.kind, r.kind))})"
                f"<br>Agreed so far: {esc(PRIORITY_WORDS.get(agreed or '', 'no priority yet'))}"
                f"; yours: {esc(PRIORITY_WORDS.get(ours or '', 'not given yet'))}.</li>")
        if items:
            parts.append(f"<ul class='wb-cards wb-requirements'>{''.join(items)}</ul>")
        agreed_terms = {a.term: a for a in found.sheet.agreed}
        items = []
        for t in found.sheet.terms:
            mine = state.my_position(service, t.id)
            said = "no position yet" if mine is None else \
                dict((v, k) for k, v in STANCE_CHOICES)[mine.stance].replace("We", "you", 1)
            agreed_text = (f"<br>Agreed: {esc(agreed_terms[t.id].text)}"
                           if t.id in agreed_terms else "")
            answer = ""
            if mine is not None and t.id in agreed_terms:
                got = found.sheet.answer_to(mine)
                answer = f"<br>Answer to you: {esc(STATE_WORDS[got.state])}" + \
                    (f": {esc(got.text)}" if got.text else "")
            items.append(f"<li><strong>{esc(TOPIC_WORDS.get(t.topic, t.topic).capitalize())}"
                         f"</strong>: {esc(t.text)}<br>Your group: {esc(said)}.{agreed_text}"
                         f"{answer}</li>")
        if items:
            parts.append(f"<ul class='wb-cards wb-terms'>{''.join(items)}</ul>")
    return "".join(parts)


class CodesignSection:
    """The section's widgets; ``box`` is empty when no service has requirements or terms
    (then the page shows no toggle for it)."""

    def __init__(self, state: PanelCodesign):
        self.state = state
        self.cards = widgets.HTML().add_class("wb-codesign-cards")
        self.which = _dropdown("Requirement", [], "wb-priority-which")
        self.priority = _dropdown("Our priority", [("(choose one)", "")] + [
            (PRIORITY_WORDS[p], p) for p in PRIORITIES], "wb-priority-value")
        self.send_priority = _button("Send our priority", "wb-priority-send")
        self.priority_note = widgets.HTML().add_class("wb-note-priority")
        self.service = _dropdown("Service", [], "wb-requirement-service")
        self.text = text_box("Our requirement", "wb-requirement-text", 2, "",
                             "40em").add_class("wb-stack")
        self.kind = _dropdown("Kind", [(KIND_WORDS[k].capitalize(), k) for k in KINDS],
                              "wb-requirement-kind")
        self.send_requirement = _button("Propose this requirement", "wb-requirement-send")
        self.requirement_note = widgets.HTML().add_class("wb-note-requirement")
        self.term = _dropdown("Term", [], "wb-position-term")
        self.stance = widgets.RadioButtons(options=STANCE_CHOICES, value="support",
                                           layout=widgets.Layout(width="auto"))
        self.stance.add_class("wb-position-stance")
        self.why = text_box("Our wording or reason", "wb-position-text", 2, "",
                            "40em").add_class("wb-stack")
        self.send_position = _button("Send our position", "wb-position-send")
        self.position_note = widgets.HTML().add_class("wb-note-position")
        state.refresh()
        intro = widgets.HTML(
            f"<h2>{TITLE}</h2><p>What the service must do, and the terms of its contract, "
            "are set with the groups. Give each requirement your group's priority, propose "
            "a requirement, and say what your group thinks of each term. Where the agreed "
            "priority differs from yours, your group gets an answer.</p>")
        self.box = widgets.VBox([
            intro, self.cards,
            widgets.HTML("<h3>Our priority for a requirement</h3>"), self.which,
            self.priority, self.send_priority, self.priority_note,
            widgets.HTML("<h3>Propose a requirement</h3>"), self.service, self.text,
            self.kind, self.send_requirement, self.requirement_note,
            widgets.HTML("<h3>Our position on a term</h3>"), self.term, self.stance,
            self.why, self.send_position, self.position_note,
        ]).add_class("wb-codesign") if state.found else widgets.VBox([])
        self.send_priority.on_click(lambda _: self.sending_priority())
        self.send_requirement.on_click(lambda _: self.proposing())
        self.send_position.on_click(lambda _: self.positioning())
        state.observe(lambda _: self.show(), names="changed")
        state.observe(lambda _: self.show_notes(), names="messages")
        self.show()

    def show(self) -> None:
        s = self.state
        value = cards_html(s)
        if self.cards.value != value:
            self.cards.value = value
        self._options(self.which, [(f"{s.names.get(sv, sv)}: {r.text[:70]}", f"{sv}/{r.id}")
                                   for sv, r in s.requirements])
        self._options(self.service, [(s.names.get(sv, sv), sv) for sv in s.found])
        self._options(self.term, [
            (f"{s.names.get(sv, sv)}: {TOPIC_WORDS.get(t.topic, t.topic)}", f"{sv}/{t.id}")
            for sv, t in s.terms])

    @staticmethod
    def _options(dropdown: widgets.Dropdown, options: list[tuple[str, str]]) -> None:
        if list(dropdown.options) == options:
            return
        chosen = dropdown.value
        dropdown.options = options
        values = [v for _, v in options]
        dropdown.value = chosen if chosen in values else (values[0] if values else None)

    def show_notes(self) -> None:
        for place, note in (("priority", self.priority_note),
                            ("requirement", self.requirement_note),
                            ("position", self.position_note)):
            value = message_html(*self.state.message(place))
            if note.value != value:
                note.value = value

    def sending_priority(self) -> None:
        with disabled_while([self.which, self.priority, self.send_priority], self.state,
                            "priority"):
            if self.state.give_priority(self.which.value or "", self.priority.value or ""):
                self.priority.value = ""

    def proposing(self) -> None:
        with disabled_while([self.service, self.text, self.kind, self.send_requirement],
                            self.state, "requirement"):
            if self.state.propose_requirement(self.service.value or "", self.text.value,
                                              self.kind.value or ""):
                self.text.value = ""

    def positioning(self) -> None:
        with disabled_while([self.term, self.stance, self.why, self.send_position],
                            self.state, "position"):
            if self.state.take_position(self.term.value or "", self.stance.value or "",
                                        self.why.value):
                self.why.value = ""


def codesign_section(panel) -> widgets.Widget:
    """The section for a panel's page (an empty box when there is nothing to show), read
    again whenever the panel's poll sees the meeting change (its ``version``)."""
    state = PanelCodesign(panel.store, panel.meeting_id, panel.token, panel.group)
    section = CodesignSection(state)
    if state.found:
        panel.observe(lambda _: state.refresh(), names="version")
    return section.box
