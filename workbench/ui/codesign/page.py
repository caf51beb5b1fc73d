"""The facilitator's specification and contract-terms page: widgets on a CodesignState.

Top to bottom: the heading; who records; the service; the overview (every group's
priority beside the agreed one, the answers, the targets to complete, the term sheet);
proposing a requirement and a term; answering a group whose priority differs; agreeing a
term; answering a position; the documents to download. Each callback is one state call
inside ``disabled_while``; each message shows beside its own button.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.monitoring.answers import STATE_WORDS, STATES
from workbench.store.codesign import KIND_WORDS, PRIORITY_WORDS
from workbench.tender.specification import KINDS
from workbench.tender.terms import TOPIC_WORDS, TOPICS
from workbench.ui.codesign import html
from workbench.ui.codesign.state import CodesignState
from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import disabled_while, text_box
from workbench.ui.common.style import STYLE
from workbench.ui.common.weighting import STACK_CSS
from workbench.ui.facilitator.page import refused_page

WIDE = {"width": "auto", "max_width": "40em"}
CHOOSE = "(choose one)"
ANSWER_STATES = [(STATE_WORDS[s].capitalize(), s) for s in STATES
                 if s not in ("not_answered", "withdrawn")]
MEDIA = {"html": "text/html", "docx": "application/vnd.openxmlformats-officedocument."
         "wordprocessingml.document", "targets": "application/yaml"}


def _drop(label: str, options, css: str) -> widgets.Dropdown:
    return widgets.Dropdown(description=label, options=options,
                            style={"description_width": "initial"},
                            layout=widgets.Layout(**WIDE)).add_class(css).add_class("wb-stack")


def _button(text: str, css: str) -> widgets.Button:
    return widgets.Button(description=text, layout=widgets.Layout(width="auto")).add_class(css)


def _text(label: str, css: str, rows: int | None = None, placeholder: str = ""):
    return text_box(label, css, rows, placeholder, "40em").add_class("wb-stack")


def _form(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox(list(children)).add_class("wb-form")


def _set_options(dropdown: widgets.Dropdown, options: list[tuple[str, str]]) -> None:
    if list(dropdown.options) == options:
        return
    chosen = dropdown.value
    dropdown.options = options
    values = [v for _, v in options]
    dropdown.value = chosen if chosen in values else (values[0] if values else None)


class CodesignPage:
    """The page on an opened CodesignState; ``widget`` is what the notebook shows."""

    def __init__(self, state: CodesignState):
        self.state = state
        self.notes: dict[str, widgets.HTML] = {}
        self.by = _text("Recorded by (your name and role)", "wb-recorded-by",
                        placeholder="e.g. Jo Patel, commissioning officer")
        self.service = _drop("Service", [(n, i) for i, n in state.services], "wb-service")
        self.service.value = state.service
        self.waiting = widgets.HTML().add_class("wb-waiting")
        self.overview = widgets.HTML().add_class("wb-overview")
        self.req_text = _text("Requirement", "wb-new-requirement", 2)
        self.req_kind = _drop("Kind", [(KIND_WORDS[k].capitalize(), k) for k in KINDS],
                              "wb-new-requirement-kind")
        self.req_send = _button("Propose this requirement", "wb-propose-requirement")
        self.term_topic = _drop("Topic", [(CHOOSE, "")] + [
            (TOPIC_WORDS[t].capitalize(), t) for t in TOPICS], "wb-new-term-topic")
        self.term_text = _text("Term", "wb-new-term", 2)
        self.term_send = _button("Propose this term", "wb-propose-term")
        self.pa_which = _drop("Group's priority", [], "wb-priority-answer-which")
        self.pa_state = _drop("Answer", [(CHOOSE, ""), *ANSWER_STATES],
                              "wb-priority-answer-state")
        self.pa_text = _text("Answer text (why, for partly accepted or rejected)",
                             "wb-priority-answer-text", 2)
        self.pa_send = _button("Send this answer", "wb-priority-answer-send")
        self.ag_term = _drop("Term to agree", [], "wb-agree-which")
        self.ag_text = _text("Agreed text", "wb-agree-text", 2)
        self.ag_send = _button("Record the agreed term", "wb-agree-send")
        self.po_which = _drop("Position", [], "wb-position-answer-which")
        self.po_state = _drop("Answer", [(CHOOSE, ""), *ANSWER_STATES],
                              "wb-position-answer-state")
        self.po_text = _text("Answer text (why, for partly accepted or rejected)",
                             "wb-position-answer-text", 2)
        self.po_send = _button("Send this answer", "wb-position-answer-send")
        self.kpi_which = _drop("Performance indicator", [], "wb-kpi-which")
        self.kpi_unit = _text("Unit (e.g. % of visits on time)", "wb-kpi-unit")
        self.kpi_direction = _drop("Better when it is", [("Higher", "higher"),
                                                         ("Lower", "lower")],
                                   "wb-kpi-direction")
        self.kpi_level = _text("Target level (a number)", "wb-kpi-level")
        self.kpi_period = _drop("Measured", [("Each month", "month"),
                                             ("Each quarter", "quarter")], "wb-kpi-period")
        self.kpi_send = _button("Add it to the meeting's targets", "wb-kpi-send")
        self.make_documents = _button("Prepare the documents", "wb-make-documents")
        self.downloads = widgets.HTML().add_class("wb-downloads")
        for place in ("service", "requirement", "term", "priority_answer", "agree",
                      "position_answer", "kpi", "poll", "document"):
            self.notes[place] = widgets.HTML().add_class(f"wb-note-{place}")
        n = self.notes
        self.widget = widgets.VBox([
            widgets.HTML(STYLE + STACK_CSS + html.STYLE),
            widgets.HTML(f"<h1>Specification and contract terms</h1><p>{esc(state.name)}: "
                         "set what the service must do and the terms of its contract with "
                         "the groups. Each group gives each requirement a priority on its "
                         "own page; the agreed priority is worked out from them, weighted "
                         "by each group's influence.</p>"), n["poll"],
            self.by, self.service, n["service"], self.waiting, self.overview,
            widgets.HTML("<h2>Propose a requirement</h2>"),
            _form(self.req_text, self.req_kind, self.req_send, n["requirement"]),
            widgets.HTML("<h2>Propose a term</h2>"),
            _form(self.term_topic, self.term_text, self.term_send, n["term"]),
            widgets.HTML("<h2>Answer a group whose priority differs</h2>"),
            _form(self.pa_which, self.pa_state, self.pa_text, self.pa_send,
                  n["priority_answer"]),
            widgets.HTML("<h2>Agree a term</h2>"),
            _form(self.ag_term, self.ag_text, self.ag_send, n["agree"]),
            widgets.HTML("<h2>Answer a position on a term</h2>"),
            _form(self.po_which, self.po_state, self.po_text, self.po_send,
                  n["position_answer"]),
            widgets.HTML("<h2>Make a performance indicator a target</h2><p>A performance "
                         "indicator the groups have not ruled out becomes one of the "
                         "meeting's targets once its unit, level and period are set: the "
                         "groups then agree it on their pages and results are monitored "
                         "against it.</p>"),
            _form(self.kpi_which, self.kpi_unit, self.kpi_direction, self.kpi_level,
                  self.kpi_period, self.kpi_send, n["kpi"]),
            widgets.HTML("<h2>The documents</h2><p>The specification and the agreed term "
                         "sheet as a web page and a Word document, and the performance "
                         "indicators as targets to complete and paste into the scenario's "
                         "targets.</p>"),
            self.make_documents, self.downloads, n["document"],
        ]).add_class("wb-app").add_class("wb-codesign-page")
        self.by.observe(lambda c: setattr(state, "by", c["new"]), names="value")
        self.service.observe(self._chosen, names="value")
        self.req_send.on_click(lambda _: self._act(
            [self.req_text, self.req_kind, self.req_send], "requirement",
            lambda: state.propose_requirement(self.req_text.value, self.req_kind.value),
            [self.req_text]))
        self.term_send.on_click(lambda _: self._act(
            [self.term_topic, self.term_text, self.term_send], "term",
            lambda: state.propose_term(self.term_topic.value or "", self.term_text.value),
            [self.term_text]))
        self.pa_send.on_click(lambda _: self._act(
            [self.pa_which, self.pa_state, self.pa_text, self.pa_send], "priority_answer",
            lambda: state.answer_priority(self.pa_which.value or "", self.pa_state.value or "",
                                          self.pa_text.value), [self.pa_text]))
        self.ag_send.on_click(lambda _: self._act(
            [self.ag_term, self.ag_text, self.ag_send], "agree",
            lambda: state.agree_term(self.ag_term.value or "", self.ag_text.value), []))
        self.po_send.on_click(lambda _: self._act(
            [self.po_which, self.po_state, self.po_text, self.po_send], "position_answer",
            lambda: state.answer_position(self.po_which.value or "", self.po_state.value or "",
                                          self.po_text.value), [self.po_text]))
        self.kpi_send.on_click(lambda _: self._act(
            [self.kpi_which, self.kpi_unit, self.kpi_direction, self.kpi_level,
             self.kpi_period, self.kpi_send], "kpi",
            lambda: state.add_kpi_target(self.kpi_which.value or "", self.kpi_unit.value,
                                         self.kpi_direction.value, self.kpi_level.value,
                                         self.kpi_period.value),
            [self.kpi_unit, self.kpi_level]))
        self.make_documents.on_click(lambda _: self.preparing())
        state.observe(lambda _: self.show(), names="changed")
        state.observe(lambda _: self.show_notes(), names="messages")
        self.show()
        self.show_notes()

    # -- callbacks: one state call each --------------------------------------------------
    def _chosen(self, change) -> None:
        with disabled_while([self.service], self.state, "service"):
            self.state.choose(change["new"] or "")
            self.downloads.value = ""

    def _act(self, controls, place: str, call, clear) -> None:
        with disabled_while(controls, self.state, place):
            if call():
                for box in clear:
                    box.value = ""

    def preparing(self) -> None:
        with disabled_while([self.make_documents], self.state, "document"):
            files = []
            for kind, label in (("html", "Download the web page"),
                                ("docx", "Download the Word document"),
                                ("targets", "Download the targets to complete (YAML)")):
                made = self.state.document(kind)
                if made is None:
                    return
                files.append((label, made[0], made[1], MEDIA[kind]))
            self.downloads.value = html.downloads_html(files)
            self.state.clear("document")

    # -- showing -----------------------------------------------------------------------------
    def show(self) -> None:
        s, found = self.state, self.state.found
        if found is None:
            return
        for widget, value in ((self.waiting, html.waiting_html(found, s.groups)),
                              (self.overview, html.overview_html(found, s.service_name,
                                                                 s.groups))):
            if widget.value != value:
                widget.value = value
        texts = {r.id: r.text for r in found.spec.requirements}
        differ = [(r.id, g) for r in found.spec.requirements for g in s.groups
                  if found.differs(r.id, g)]
        _set_options(self.pa_which, [
            (f"{s.groups[g]} on \u201c{texts[r][:50]}\u201d: gave "
             f"{PRIORITY_WORDS[found.spec.priorities[g][r]]}, agreed "
             f"{PRIORITY_WORDS.get(found.agreed.get(r) or '', 'none')} "
             f"({STATE_WORDS[found.priority_state(r, g)]})", f"{r}/{g}") for r, g in differ])
        topic = {t.id: TOPIC_WORDS.get(t.topic, t.topic) for t in found.sheet.terms}
        _set_options(self.kpi_which, [(f"\u201c{k['measure'][:60]}\u201d", k["id"])
                                      for k in s.open_indicators()])
        _set_options(self.ag_term, [(f"{topic[t.id].capitalize()}: {t.text[:50]}", t.id)
                                    for t in found.sheet.terms])
        _set_options(self.po_which, [
            (f"{s.groups.get(p.group, p.group)} {p.stance}s {topic[p.term]}"
             f" ({STATE_WORDS[found.sheet.answer_to(p).state]})", f"{p.term}/{p.group}")
            for p in found.sheet.positions])

    def show_notes(self) -> None:
        for place, note in self.notes.items():
            value = message_html(*self.state.message(place))
            if note.value != value:
                note.value = value


def build_codesign_page(store, meeting_id: str, token: str) -> widgets.VBox:
    """The page for the facilitator's link (a refused link gets only the refusal, in
    words); polling starts once it is drawn."""
    state = CodesignState(store, meeting_id, token)
    if not state.open():
        return refused_page(state.refused)
    page = CodesignPage(state)
    state.start_polling()
    return page.widget
