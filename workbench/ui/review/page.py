"""The facilitator's monitoring and review page: widgets linked to a ReviewState.

Top to bottom: the heading; reviews due (as of a month) with a button to open each; importing
results; the ratings and contract performance; a trend picture per target; the challenges,
each with its answer form; the open reviews, each with its close form, and the closed ones
with the new scenario to download; the needs register, each need with its answer and merge
forms (workbench.ui.review.needs). Forms are made once per challenge or review and kept, so
a poll that redraws the page never loses what is being typed. Each callback is one state
call inside ``disabled_while``; each message shows beside its control.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workbench.export.reasons import reason_words
from workbench.monitoring.answers import STATE_WORDS
from workbench.monitoring.outcome import OUTCOMES
from workbench.store.cycle import StoredChallenge, StoredReview
from workbench.ui.common import message_html
from workbench.ui.common.controls import disabled_while
from workbench.ui.common.style import STYLE
from workbench.ui.common.weighting import STACK_CSS
from workbench.ui.facilitator.page import refused_page
from workbench.ui.review import charts, render
from workbench.ui.review.needs import NeedsDesk
from workbench.ui.review.options import OptionsDesk
from workbench.ui.review.state import ANSWER_STATES, ReviewState

MOST_SHOWN = 50        # challenges shown with a form at once: the most pressing first
CHOOSE = "(choose one)"
WIDE = {"width": "auto", "max_width": "40em"}


def _html(css: str, value: str = "") -> widgets.HTML:
    return widgets.HTML(value).add_class(css)


def _button(text: str, css: str) -> widgets.Button:
    return widgets.Button(description=text, layout=widgets.Layout(width="auto")).add_class(css)


def _text(label: str, css: str, rows: int = 0, placeholder: str = "") -> widgets.Widget:
    kind = widgets.Textarea if rows else widgets.Text
    box = kind(description=label, placeholder=placeholder, continuous_update=False,
               style={"description_width": "initial"}, layout=widgets.Layout(**WIDE))
    if rows:
        box.rows = rows
    return box.add_class(css).add_class("wb-stack")


def _choice(label: str, options: list[tuple[str, str]], css: str) -> widgets.Dropdown:
    return widgets.Dropdown(description=label, options=[(CHOOSE, ""), *options], value="",
                            style={"description_width": "initial"},
                            layout=widgets.Layout(**WIDE)).add_class(css).add_class("wb-stack")


def _set(widget: widgets.Widget, value: str) -> None:
    """Send a value to the browser only when it changed."""
    if widget.value != value:
        widget.value = value


class AnswerForm:
    """One challenge's card and its answer form."""

    def __init__(self, page: ReviewPage, key: str):
        self.key = key
        n = key.split(":")[-1]
        self.card = _html("wb-challenge-card")
        self.state = _choice("Answer", [(STATE_WORDS[s], s) for s in ANSWER_STATES],
                             f"wb-answer-state-{n}")
        self.text = _text("Answer text (why, for partly accepted or rejected)",
                          f"wb-answer-text-{n}", rows=3)
        self.by = _text("Answered by", f"wb-answer-by-{n}", placeholder="name and role")
        self.button = _button("Send this answer", f"wb-answer-{n}")
        self.note = _html(f"wb-note-answer-{n}")
        self.controls = [self.state, self.text, self.by, self.button]
        self.box = widgets.VBox([self.card, self.state, self.text, self.by, self.button,
                                 self.note]).add_class("wb-form")
        self.button.on_click(lambda _: page.answering(self))


class CloseForm:
    """One open review's card and its close form."""

    def __init__(self, page: ReviewPage, service: str, version: int):
        self.service, self.version = service, version
        self.card = _html("wb-open-review-card")
        self.outcome = _choice("Outcome", [(render.OUTCOME_WORDS[o], o) for o in OUTCOMES],
                               f"wb-outcome-{service}")
        self.changes = _text("Changes (needed for revise)", f"wb-changes-{service}", rows=2)
        self.response = _text("Response to publish", f"wb-response-{service}", rows=3)
        self.by = _text("Closed by", f"wb-closed-by-{service}", placeholder="name and role")
        self.button = _button("Close this review", f"wb-close-{service}")
        self.note = _html(f"wb-note-close-{service}")
        self.controls = [self.outcome, self.changes, self.response, self.by, self.button]
        self.box = widgets.VBox([self.card, self.outcome, self.changes, self.response,
                                 self.by, self.button, self.note]).add_class("wb-form")
        self.button.on_click(lambda _: page.closing(self))


class ReviewPage:
    """The page on an opened ReviewState; ``widget`` is what the notebook shows."""

    def __init__(self, state: ReviewState):
        self.state = state
        self.heading = _html("wb-heading")
        self.poll_note = _html("wb-note-poll")
        self.as_of = widgets.Text(description="As of (YYYY-MM)", continuous_update=False,
                                  placeholder="the latest result's month",
                                  style={"description_width": "initial"},
                                  layout=widgets.Layout(width="auto", max_width="22em"))
        self.as_of.add_class("wb-as-of")
        self.as_of_note = _html("wb-note-as-of")
        self.due_note = _html("wb-note-due")
        self.due_box = widgets.VBox().add_class("wb-due-list")
        self.open_buttons: dict[str, widgets.Button] = {}
        self.rules = _html("wb-rules")
        self.opened_by = _text("Opened by", "wb-opened-by", placeholder="name and role")
        self.by_hand = _choice("Or review a service by hand", [], "wb-by-hand")
        self.why = _text("Why (needed when no review is due)", "wb-by-hand-why", rows=2)
        self.by_hand_button = _button("Open a review by hand", "wb-open-by-hand")
        self.by_hand_button.on_click(lambda _: self.opening(self.by_hand.value, by_hand=True))
        self.targets_list = _html("wb-target-ids")
        self.upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False,
                                         description="Choose a results file (CSV or XLSX)",
                                         layout=widgets.Layout(width="auto"))
        self.upload.add_class("wb-results-upload")
        self.chosen = _html("wb-chosen-file")
        self.import_button = _button("Import results", "wb-import")
        self.import_note = _html("wb-note-import")
        self.problems = _html("wb-import-problems")
        self.ratings = _html("wb-ratings-panel")
        self.trends = _html("wb-trends-panel")
        self.challenge_count = _html("wb-challenges-summary")
        self.challenge_box = widgets.VBox().add_class("wb-challenge-list")
        self.answer_forms: dict[str, AnswerForm] = {}
        self.close_note = _html("wb-note-close")
        self.open_box = widgets.VBox().add_class("wb-open-reviews")
        self.close_forms: dict[int, CloseForm] = {}
        self.closed = _html("wb-closed-reviews")
        self._showing = False
        self.needs = NeedsDesk(self)
        self.options = OptionsDesk(self)
        self.widget = widgets.VBox([
            widgets.HTML(STYLE + STACK_CSS + render.STYLE), self.heading, self.poll_note,
            _html("wb-h", "<h2>Reviews due</h2>"), self.rules,
            self.as_of, self.as_of_note, self.opened_by, self.due_note, self.due_box,
            self.by_hand, self.why, self.by_hand_button,
            _html("wb-h", "<h2>Import results</h2><p>A CSV or XLSX file with the columns "
                  "service, measure, period, value (measure is the target's id, listed "
                  "below). Every problem is listed with its row and column, and nothing is "
                  "imported until the file has none.</p>"), self.targets_list,
            widgets.HBox([self.upload, self.import_button]).add_class("wb-import-row"),
            self.chosen, self.import_note, self.problems,
            _html("wb-h", "<h2>Ratings</h2>"), self.ratings,
            _html("wb-h", "<h2>Trends</h2>"), self.trends,
            _html("wb-h", "<h2>Challenges</h2>"), self.challenge_count, self.challenge_box,
            _html("wb-h", "<h2>Open reviews</h2>"), self.close_note, self.open_box,
            _html("wb-h", "<h2>Closed reviews</h2>"), self.closed,
            self.needs.box,
            self.options.box,
        ]).add_class("wb-app").add_class("wb-review-page")
        self.as_of.observe(self._as_of_typed, names="value")
        self.upload.observe(lambda _: self.show_chosen(), names="value")
        self.import_button.on_click(lambda _: self.importing())
        state.observe(lambda _: self.show(), names="changed")
        state.observe(lambda _: self.show_notes(), names=["messages", "problems"])
        self.show()

    # -- callbacks: one state call each --------------------------------------------------
    def _as_of_typed(self, change) -> None:
        if self._showing:
            return
        with disabled_while([self.as_of], self.state, "as_of"):
            self.state.set_as_of(change["new"])

    def importing(self) -> None:
        with disabled_while([self.upload, self.import_button], self.state, "import"):
            files = self.upload.value
            if not files:
                self.state.say("import", "error", "Choose a results file first (CSV or "
                               "XLSX); nothing was imported.")
                return
            item = files[0]
            if self.state.import_file(bytes(item["content"]), item["name"]):
                self.upload.value = ()
                self.chosen.value = ""

    def opening(self, service: str, by_hand: bool = False) -> None:
        controls = [*self.open_buttons.values(), self.opened_by, self.by_hand, self.why,
                    self.by_hand_button]
        with disabled_while(controls, self.state, "due"):
            if self.state.open_review(service, self.opened_by.value,
                                      self.why.value if by_hand else "") and by_hand:
                self.by_hand.value, self.why.value = "", ""

    def answering(self, form: AnswerForm) -> None:
        with disabled_while(form.controls, self.state, f"answer:{form.key}"):
            if self.state.answer(form.key, form.state.value, form.text.value, form.by.value):
                form.state.value, form.text.value = "", ""

    def closing(self, form: CloseForm) -> None:
        with disabled_while(form.controls, self.state, f"close:{form.service}"):
            self.state.close_review(form.service, form.outcome.value, form.changes.value,
                                    form.response.value, form.by.value)

    # -- showing the state -----------------------------------------------------------------
    def show(self) -> None:
        s = self.state
        if s.scenario is None:
            return
        report = s.report
        as_of = report.as_of if report is not None else None
        _set(self.heading, render.heading_html(s.name, s.scenario.name, s.as_of_text))
        _set(self.rules, render.rules_html(s.scenario.rules))
        _set(self.targets_list, render.target_ids_html(s.scenario))
        if s.message("as_of")[0] != "error":
            self._showing = True
            try:
                _set(self.as_of, s.chosen or s.as_of_text)
            finally:
                self._showing = False
        self.show_due()
        if report is not None:
            _set(self.ratings, render.ratings_html(s.scenario, s.results, as_of,
                                                   report.performance, report.warnings))
        else:
            _set(self.ratings, render.ratings_html(s.scenario, s.results, None, {}, ()))
        _set(self.trends, charts.trends_html(s.scenario.targets or (), s.results, as_of,
                                             {v.id: v.name for v in s.scenario.services}))
        self.show_challenges()
        self.show_reviews()
        self.needs.show()
        self.options.show()
        self.show_notes()

    def show_due(self) -> None:
        s = self.state
        open_ = s.open_reviews
        children: list[widgets.Widget] = []
        for service, reasons in s.due.items():
            card = _html("wb-due-card", render.due_html(
                s.service_name(service),
                [reason_words(r.to_json(), s.scenario, who=True) for r in reasons],
                open_[service].review.opened_at if service in open_ else None))
            children.append(card)
            if service not in open_:
                children.append(self._open_button(service))
        if s.report is not None and not s.due:
            children.append(_html("wb-none-due", render.none_due_html(s.as_of_text)))
        self.due_box.children = children
        can_open = [(s.service_name(v.id), v.id) for v in s.scenario.services
                  if v.id not in open_]
        if list(self.by_hand.options)[1:] != can_open:
            keep = self.by_hand.value if self.by_hand.value in dict(can_open).values() else ""
            self.by_hand.options = [(CHOOSE, ""), *can_open]
            self.by_hand.value = keep

    def _open_button(self, service: str) -> widgets.Button:
        if service not in self.open_buttons:
            button = _button(f"Open a review of {self.state.service_name(service)}",
                             f"wb-open-review-{service}")
            button.on_click(lambda _, s=service: self.opening(s))
            self.open_buttons[service] = button
        return self.open_buttons[service]

    def show_challenges(self) -> None:
        s = self.state
        today = s.today()
        found = [(c, s.overdue(c)) for c in s.challenges]
        pressing = sorted(found, key=lambda p: (not p[1], p[0].state != "not_answered",
                                                p[0].lodged, p[0].version))
        shown = pressing[:MOST_SHOWN]
        unanswered = sum(c.state == "not_answered" for c, _ in found)
        _set(self.challenge_count, render.challenges_summary_html(
            len(found), unanswered, sum(o for _, o in found), len(shown)))
        boxes = []
        for challenge, overdue in shown:
            form = self._answer_form(challenge)
            _set(form.card, render.challenge_html(
                challenge, s.service_name(challenge.service), s.group_name(challenge.via),
                overdue, today))
            boxes.append(form.box)
        self.challenge_box.children = boxes

    def _answer_form(self, challenge: StoredChallenge | Any) -> AnswerForm:
        """The answer form of a challenge, or of a need (``store.answer`` takes both)."""
        if challenge.key not in self.answer_forms:
            self.answer_forms[challenge.key] = AnswerForm(self, challenge.key)
        return self.answer_forms[challenge.key]

    def show_reviews(self) -> None:
        s = self.state
        boxes = []
        for service, stored in s.open_reviews.items():
            form = self._close_form(stored)
            _set(form.card, render.open_review_html(stored, s.service_name(service), s.scenario))
            boxes.append(form.box)
        if not boxes:
            boxes.append(_html("wb-none-open", "<p>No review is open.</p>"))
        self.open_box.children = boxes
        _set(self.closed, render.closed_reviews_html(
            [(r, s.service_name(r.review.service), s.reopened_file(r))
             for r in reversed(s.closed_reviews)]))

    def _close_form(self, stored: StoredReview) -> CloseForm:
        if stored.version not in self.close_forms:
            self.close_forms[stored.version] = CloseForm(self, stored.review.service,
                                                         stored.version)
        return self.close_forms[stored.version]

    def show_chosen(self) -> None:
        files = self.upload.value
        self.chosen.value = render.chosen_html(files[0]["name"], int(files[0]["size"])) \
            if files else ""

    def show_notes(self) -> None:
        s = self.state
        for place, box in (("poll", self.poll_note), ("as_of", self.as_of_note),
                           ("due", self.due_note), ("import", self.import_note),
                           ("close", self.close_note)):
            _set(box, message_html(*s.message(place)))
        _set(self.problems, render.problems_html(s.problems))
        for key, form in self.answer_forms.items():
            _set(form.note, message_html(*s.message(f"answer:{key}")))
        for form in self.close_forms.values():
            _set(form.note, message_html(*s.message(f"close:{form.service}")))
        self.needs.show_notes()
        self.options.show_notes()


def build_review_page(store, meeting_id: str, token: str) -> widgets.VBox:
    """The review page for the facilitator's link (a refused link gets only the refusal, in
    words); polling starts once it is drawn."""
    state = ReviewState(store, meeting_id, token)
    if not state.open():
        return refused_page(state.refused)
    page = ReviewPage(state)
    state.start_polling()
    return page.widget
