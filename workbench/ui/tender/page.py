"""The tender evaluation's pages (commissioning-cycle.md, section 5): the evaluator's (the
declaration first, then a mark per bid and criterion, never a price) and the moderator's
(every mark side by side, the declarations, the moderation form, the result and the
report). One column for a phone; every action disables its controls while it runs and
enables them again in ``finally``; each message sits beside its control."""

from __future__ import annotations

import base64
import threading

import ipywidgets as widgets

from workbench.tender.pictures import pictures_html
from workbench.tender.reader import number_text
from workbench.tender.report import (
    declarations_html,
    evaluation_report_html,
    marks_html,
    ranking_html,
    sensitivity_html,
    warnings_html,
    winner_html,
)
from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import disabled_while
from workbench.ui.tender.state import EvaluatorState, ModerationState, mark_words

NOT_MARKED = "Not marked yet"
STYLE = """<style>
.wb-tender { max-width: 44em; margin: 0 auto; font-size: 16px; line-height: 1.45;
  color: #1a1a1a; overflow-wrap: anywhere; }
.wb-tender h1 { font-size: 1.45em; line-height: 1.25; margin: 0.3em 0; }
.wb-tender h2 { font-size: 1.2em; line-height: 1.3; margin: 1em 0 0.3em;
  border-bottom: 2px solid #0b4f8a; }
.wb-tender p { margin: 0.35em 0; }
.wb-tender .wb-field.widget-inline-hbox { flex-wrap: wrap; height: auto; max-width: 100%;
  align-self: stretch; box-sizing: border-box; margin: 0.5em 0 0.1em; }
.wb-tender .wb-field > .widget-label { flex: 0 0 100%; width: auto !important;
  max-width: 100%; text-align: left; white-space: normal; overflow: visible; height: auto;
  line-height: 1.35; margin: 0 0 0.2em 0; font-size: 16px; color: #1a1a1a; font-weight: 600; }
.wb-tender .wb-field select, .wb-tender .wb-field input, .wb-tender .wb-field textarea {
  flex: 1 1 100%; max-width: 100%; min-width: 0; box-sizing: border-box; font-size: 16px;
  min-height: 36px; color: #1a1a1a; }
.wb-tender .widget-radio-box label { font-size: 16px; color: #1a1a1a; min-height: 36px;
  display: flex; align-items: center; gap: 0.4em; }
.wb-tender .widget-radio-box input { width: 20px; height: 20px; margin: 0; }
.wb-tender .widget-button { min-height: 36px; height: auto; white-space: normal;
  max-width: 100%; font-size: 16px; margin-top: 0.6em; padding: 4px 14px; }
.wb-tender .jupyter-button.mod-primary { background: #0b4f8a; color: #fff; }
.wb-tender .wb-msg { padding: 0.3em 0.6em; margin: 0.3em 0; border-left: 4px solid; }
.wb-tender .wb-msg-error, .wb-tender .wb-msg-warning { border-color: #a4000f;
  background: #fdf0f0; }
.wb-tender .wb-msg-success { border-color: #006d2c; background: #eef8f1; }
.wb-tender .wb-msg-info { border-color: #0b4f8a; }
.wb-tender .wb-note { border-left: 4px solid #0b4f8a; background: #f4f7fa;
  padding: 0.3em 0.6em; }
.wb-tender .scroll { overflow-x: auto; max-width: 100%; margin: 0.6em 0 1em; }
.wb-tender table { border-collapse: collapse; width: 100%; font-size: 15px; }
.wb-tender caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
.wb-tender th, .wb-tender td { border: 1px solid #8c8c8c; padding: 0.3em 0.45em;
  text-align: left; vertical-align: top; }
.wb-tender thead th { background: #e8eef5; }
.wb-tender td.num, .wb-tender th.num { text-align: right; white-space: nowrap; }
.wb-tender table { overflow-wrap: normal; }
.wb-tender .widget-html, .wb-tender .widget-html-content, .wb-tender .widget-vbox {
  min-width: 0; max-width: 100%; box-sizing: border-box; }
.wb-tender figure { margin: 0.6em 0 1em; }
.wb-tender figure img { max-width: 100%; height: auto; border: 1px solid #d0d0d0; }
.wb-tender figcaption { font-size: 15px; color: #3d3d3d; }
.wb-tender.wb-moderation { max-width: 64em; }
.wb-tender a.wb-download { display: inline-block; margin: 4px 0; padding: 6px 12px;
  border: 2px solid #0b4f8a; color: #0b4f8a; font-weight: 600; text-decoration: none; }
</style>"""


def _field(box: widgets.Widget, css: str) -> widgets.Widget:
    box.style = {"description_width": "initial"}
    box.layout = widgets.Layout(width="100%", max_width="40em")
    return box.add_class(css).add_class("wb-field")


def _page(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox([widgets.HTML(STYLE), *children]).add_class("wb-tender")


def _refused(text: str) -> widgets.VBox:
    return _page(widgets.HTML(f"<h1>Tender evaluation</h1><p class='wb-note'>{esc(text)}</p>"))


class _Said:
    """Where ``disabled_while`` says an unexpected error: at one place of the state."""

    def __init__(self, state, place: str):
        self.state, self.place = state, place

    @property
    def status(self) -> str:
        return self.state.message(self.place)[1]

    @status.setter
    def status(self, text: str) -> None:
        self.state.say(self.place, "error", f"{text}.")


# -- the evaluator ----------------------------------------------------------------------------
class EvaluatorPage:
    """An opened EvaluatorState's page; ``widget`` is what to show."""

    def __init__(self, state: EvaluatorState):
        self.state = state
        # set while draw() itself sets a control's value, in the thread drawing (a poll's
        # or the visitor's), so a visitor's own change in another thread is never dropped
        self._drawing = threading.local()
        self.head = widgets.HTML()
        self.choice = _field(widgets.RadioButtons(
            options=[("I have no interest to declare", False),
                     ("I have an interest to declare", True)],
            description="Your declaration of interest"), "wb-tender-declare-choice")
        self.text = _field(widgets.Textarea(
            description="Your interest, in your own words (a bidder you know, work for or "
                        "have worked for, or anything else)", rows=3,
            continuous_update=False), "wb-tender-interest")
        widgets.link((state, "has_interest"), (self.choice, "value"))
        widgets.link((state, "interest_text"), (self.text, "value"))
        self.text.layout.display = None if state.has_interest else "none"
        state.observe(lambda change: setattr(self.text.layout, "display",
                                             None if change["new"] else "none"),
                      names="has_interest")
        self.save = widgets.Button(description="Save my declaration", button_style="primary",
                                   layout=widgets.Layout(width="auto"))
        self.save.on_click(lambda _: self._declare())
        self.declare_said = widgets.HTML()
        self.form = widgets.VBox([widgets.HTML(
            "<h2>First: your declaration of interest</h2><p>Before you mark any bid, say "
            "whether you have an interest in any bidder. The moderator and the report show "
            "what you declare.</p>"), self.choice, self.text, self.save, self.declare_said])
        self.declared = widgets.HTML()
        self.missing = widgets.HTML()
        self.boxes: dict[tuple[str, str], widgets.Widget] = {}
        self.said: dict[tuple[str, str], widgets.HTML] = {}
        blocks: list[widgets.Widget] = []
        for bid, bidder in state.rows:
            blocks.append(widgets.HTML(f"<h2>{esc(bidder)}</h2>"))
            for criterion, name in state.criteria:
                box = self._mark_box(f"{name}: your mark for {bidder}")
                box.observe(lambda change, b=bid, c=criterion: self._marked(b, c, change),
                            names="value")
                self.boxes[bid, criterion] = box
                self.said[bid, criterion] = widgets.HTML()
                blocks += [box, self.said[bid, criterion]]
        self.marks = widgets.VBox(blocks)
        self.poll_said = widgets.HTML()
        state.observe(lambda _: self.draw(), names=["changed", "messages"])
        self.draw()
        self.widget = _page(self.head, self.poll_said, self.form, self.declared, self.missing,
                            self.marks)

    def _mark_box(self, label: str) -> widgets.Widget:
        if self.state.scale is not None:
            options = [(NOT_MARKED, None), *((number_text(m), m) for m in self.state.scale)]
            return _field(widgets.Dropdown(options=options, value=None, description=label),
                          "wb-tender-mark")
        return _field(widgets.Text(description=f"{label} (0 to 100)", placeholder=NOT_MARKED,
                                   continuous_update=False), "wb-tender-mark")

    def _declare(self) -> None:
        with disabled_while([self.save, self.choice, self.text],
                            _Said(self.state, "declare")):
            self.state.declare()

    def _marked(self, bid: str, criterion: str, change) -> None:
        if getattr(self._drawing, "on", False) or change["new"] in (None, ""):
            return
        box = self.boxes[bid, criterion]
        with disabled_while([box], _Said(self.state, f"mark:{bid}:{criterion}")):
            self.state.set_mark(bid, criterion, change["new"])
        self.draw()

    def draw(self) -> None:
        state = self.state
        self._drawing.on = True
        try:
            closed = (" The evaluation is closed: the marks can no longer change."
                      if state.closed else "")
            self.head.value = (f"<h1>{esc(state.name)}: your marks</h1><p>You are marking as "
                               f"<strong>{esc(state.evaluator_name)}</strong>. Mark each bid "
                               "on each quality criterion from the bid itself; the "
                               f"moderator sees every evaluator's marks.{esc(closed)}</p>")
            self.poll_said.value = message_html(*state.message("poll"))
            self.form.layout.display = "none" if state.declared else None
            self.declare_said.value = message_html(*state.message("declare"))
            said = state.message("declare")
            declared = ("none" if not state.interest else state.interest)
            self.declared.value = "" if not state.declared else (
                (message_html(*said) if said[1] else "")
                + f"<p class='wb-note'>Your declaration of interest: {esc(declared)}.</p>")
            self.missing.value = "" if not state.declared else \
                f"<p role='status'>{esc(state.missing_text())}</p>"
            self.marks.layout.display = None if state.declared else "none"
            moderated = {tuple(cell) for cell in state.moderated}
            for (bid, criterion), box in self.boxes.items():
                value = state.marks.get((bid, criterion))
                shown = value if isinstance(box, widgets.Dropdown) else (
                    number_text(value) if value is not None else box.value)
                if box.value != shown:
                    box.value = shown
                fixed = (bid, criterion) in moderated
                box.disabled = state.closed or fixed
                kind, text = state.message(f"mark:{bid}:{criterion}")
                if fixed and kind != "error":
                    kind, text = "info", f"Moderated: your mark {mark_words(value)} stays " \
                                         "as it is."
                self.said[bid, criterion].value = message_html(kind, text)
        finally:
            self._drawing.on = False


def build_evaluator_page(store, meeting_id: str, token: str, *, poll: bool = True
                         ) -> widgets.VBox:
    """The page of a tender evaluator's link."""
    state = EvaluatorState(store, meeting_id, token)
    if not state.open():
        return _refused(state.refused)
    page = EvaluatorPage(state)
    if poll:
        state.start_polling()
    return page.widget


# -- the moderator ----------------------------------------------------------------------------
class ModerationPage:
    """An opened ModerationState's page; ``widget`` is what to show."""

    def __init__(self, state: ModerationState):
        self.state = state
        frame = state.evaluation.frame
        self.head = widgets.HTML()
        self.poll_said = widgets.HTML()
        self.declarations = widgets.HTML()
        self.marks = widgets.HTML()
        cells = [(f"{b.bidder}: {c.name}", f"{b.id}:{c.id}") for b in frame.bids
                 for c in frame.quality]
        self.cell = _field(widgets.Dropdown(options=[("Choose a bid and criterion", ""),
                                                     *cells],
                                            description="Bid and criterion to moderate"),
                           "wb-tender-cell")
        if frame.scale is not None:
            self.mark = _field(widgets.Dropdown(
                options=[("Choose the agreed mark", ""),
                         *((number_text(m), m) for m in frame.scale)],
                description="The agreed mark"), "wb-tender-agreed")
        else:
            self.mark = _field(widgets.Text(description="The agreed mark (0 to 100)",
                                            continuous_update=False), "wb-tender-agreed")
        self.reason = _field(widgets.Textarea(description="Why the panel agreed it", rows=3,
                                              continuous_update=False), "wb-tender-reason")
        self.save = widgets.Button(description="Save the moderated mark",
                                   button_style="primary", layout=widgets.Layout(width="auto"))
        self.save.on_click(lambda _: self._moderate())
        self.moderate_said = widgets.HTML()
        self.moderation = widgets.VBox([
            widgets.HTML("<h2>Moderate a mark</h2><p>Once every evaluator has marked a bid "
                         "on a criterion, you can record the mark the panel agreed, with "
                         "its reason. It replaces the mean of the evaluators' marks.</p>"),
            self.cell, self.mark, self.reason, self.save, self.moderate_said])
        self.result = widgets.HTML()
        self.close = widgets.Button(description="Close the evaluation",
                                    layout=widgets.Layout(width="auto"))
        self.close.on_click(lambda _: self._close())
        self.close_said = widgets.HTML()
        state.observe(lambda _: self.draw(), names=["changed", "messages"])
        self.draw()
        self.widget = _page(self.head, self.poll_said, self.result, self.close,
                            self.close_said, self.marks, self.moderation,
                            self.declarations).add_class("wb-moderation")

    def _moderate(self) -> None:
        bid, _, criterion = (self.cell.value or ":").partition(":")
        place = f"moderate:{bid}:{criterion}" if bid else "moderate"
        if not bid:
            self.state.say("moderate", "error", "Not saved: choose the bid and criterion "
                           "to moderate.")
            return
        with disabled_while([self.save, self.cell, self.mark, self.reason],
                            _Said(self.state, place)):
            if self.state.moderate(bid, criterion, self.mark.value, self.reason.value):
                self.reason.value = ""
        self.draw()

    def _close(self) -> None:
        with disabled_while([self.close], _Said(self.state, "close")):
            self.state.close_evaluation()

    def draw(self) -> None:
        state = self.state
        evaluation = state.evaluation
        closed = " It is closed: the result is final." if state.closed else ""
        self.head.value = (f"<h1>{esc(state.name)}: moderation</h1><p>Every evaluator's "
                           f"marks, their declarations of interest, and the result once "
                           f"every mark is in.{esc(closed)}</p>"
                           f"<p role='status'>{esc(state.missing_text())}</p>")
        self.poll_said.value = message_html(*state.message("poll"))
        self.declarations.value = "<h2>Declarations of interest</h2>" + \
            declarations_html(evaluation)
        self.marks.value = "<h2>Every evaluator's marks</h2>" + \
            marks_html(evaluation, state.result)
        cell = self.cell.value or ""
        said = state.message(f"moderate:{cell}") if cell else ("info", "")
        if not said[1]:
            said = state.message("moderate")
        self.moderate_said.value = message_html(*said)
        self.moderation.layout.display = "none" if state.closed else None
        self.close.layout.display = None if state.result is not None and not state.closed \
            else "none"
        self.close_said.value = message_html(*state.message("close"))
        self.result.value = self._result_html()

    def _result_html(self) -> str:
        state = self.state
        result = state.result
        if result is None:
            return ("<h2>The result</h2><p>The result shows here once every evaluator has "
                    "given every mark.</p>")
        report = evaluation_report_html(state.evaluation, result).encode("utf-8")
        data = base64.b64encode(report).decode("ascii")
        return ("<h2>The result</h2>" + winner_html(result) + ranking_html(result)
                + "<h3>Sensitivity</h3>" + pictures_html(result) + sensitivity_html(result)
                + "<h3>Warnings</h3>" + warnings_html(result)
                + "<p><a class='wb-download' download='evaluation-report.html' "
                  f"href='data:text/html;base64,{data}'>Download the evaluation report "
                  "(HTML)</a></p>")


def build_moderation_page(store, meeting_id: str, token: str, *, poll: bool = True
                          ) -> widgets.VBox:
    """The page of a tender's moderator link (the facilitator's token)."""
    state = ModerationState(store, meeting_id, token)
    if not state.open():
        return _refused(state.refused)
    page = ModerationPage(state)
    if poll:
        state.start_polling()
    return page.widget
