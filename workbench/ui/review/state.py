"""The facilitator's monitoring and review page as a traitlets model: no widgets, so tests
drive it (commissioning-cycle.md, sections 3 and 4).

It reads one meeting with the facilitator's token: the targets in force, the results, the
challenges with their challengers' names and contacts (this page only), and the reviews. A
poll of the store every few seconds, in a thread, takes in whatever happened meanwhile (a
public challenge lodged, results imported from another tab). Every action is one store call;
a refusal is said beside the control it is about and nothing typed is lost.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

import traitlets

from workbench.errors import ScenarioError, WorkbenchError
from workbench.export.page import plural
from workbench.limits import excerpt, limits_for
from workbench.monitoring import is_overdue, read_results, reopened, review
from workbench.monitoring.answers import STATE_WORDS, STATES
from workbench.monitoring.outcome import OUTCOMES, REOPENS
from workbench.monitoring.periods import month_text, parse_month
from workbench.scenario import Scenario
from workbench.scenario.files import dump_scenario
from workbench.store.checks import check_text
from workbench.store.cycle import FACILITATOR, StoredChallenge, StoredReview, in_force
from workbench.ui.common.messages import Messages
from workbench.ui.common.polling import FollowsStore
from workbench.ui.review.options_state import OptionsReview

POLL_SECONDS = 3.0     # "every few seconds": a challenge lodged meanwhile shows without a reload
# Where a message is shown. ``answer`` and ``close`` take a suffix (``answer:challenge:7``,
# ``close:home_care``, ``merge:need:4``), so a refusal stands beside the one form it is about.
PLACES = ("as_of", "due", "import", "answer", "close", "poll", "merge", "option")
# The states the facilitator may give (``withdrawn`` is the author's own, section 2).
ANSWER_STATES = tuple(s for s in STATES if s not in ("not_answered", "withdrawn"))


class ReviewState(FollowsStore, OptionsReview, Messages):
    """One meeting's monitoring and review, as the store holds it now."""

    MESSAGE_PLACES: ClassVar[tuple[str, ...]] = PLACES

    refused = traitlets.Unicode("")        # why this link cannot be used
    name = traitlets.Unicode("")           # the meeting's name
    scenario = traitlets.Instance(Scenario, allow_none=True)   # with the targets in force
    chosen = traitlets.Unicode("")         # the as-of month typed ("" = the latest result's)
    report = traitlets.Any(None)           # monitoring.ReviewReport, None when there is none
    results = traitlets.List()             # the results in force (monitoring.Result)
    challenges = traitlets.List()          # StoredChallenge, names and contacts included
    reviews = traitlets.List()             # StoredReview, oldest first
    needs = traitlets.List()               # store.needs.Need, names and contacts included
    problems = traitlets.List()            # the located problems of a refused results file
    version = traitlets.Int(0)             # the last meeting version taken in
    changed = traitlets.Int(0)             # counts each new reading or review: pages redraw

    def __init__(self, store, meeting_id: str, token: str,
                 today: Callable[[], date] = date.today, **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id, self.token = store, meeting_id, token
        self.today = today
        self.source = ""                   # the scenario file's name, for downloads
        self._adopted: dict[str, str] | None = None   # the decision in force, for s.52
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None


    # -- opening and reading ---------------------------------------------------------------
    def open(self) -> bool:
        """Check the facilitator's link and read the meeting; a refusal is kept in words."""
        try:
            access = self.store.access(self.meeting_id, self.token, after_close=True)
            if access.role != FACILITATOR:
                raise WorkbenchError("this is a panel's link: the review page needs the "
                                     "facilitator's link")
            self.name = self.store.meeting(self.meeting_id).name
            history = self.store.audit(self.meeting_id)
            self.source = str(history[0].detail.get("source") or "") if history else ""
            self.refresh()
        except WorkbenchError as exc:
            self.refused = f"This link cannot be used: {exc}"
            return False
        return True

    def refresh(self) -> None:
        """Read the targets in force, results, challenges and reviews again, and review."""
        with self._lock:
            version = self.store.meeting(self.meeting_id).version   # first: never skip one
            scenario = self.store.targets_in_force(self.meeting_id)
            results = self.store.results(self.meeting_id, scenario)
            challenges = self.store.challenges(self.meeting_id, private=True)
            reviews = self.store.reviews(self.meeting_id)
            needs = self.store.needs(self.meeting_id, private=True)
            options = self.refresh_options()
            adopted = in_force(self.store, self.meeting_id)
            with self.hold_trait_notifications():
                self.scenario, self.results = scenario, results
                self.challenges, self.reviews, self.needs = challenges, reviews, needs
                self.options = options
                self._adopted, self.version = adopted, version
                self._review()
            self.changed += 1

    def _review(self) -> None:
        """The review as of the month chosen (else the latest result's)."""
        as_of = parse_month(self.chosen) if self.chosen else None
        if not self.results and as_of is None:
            self.report = None
            self.say("due", "info", "No results have been imported yet, so there is no month "
                     "to review as of: import results below, or type a month in the box.")
            return
        stored = self.challenges
        self.report = review(self.scenario, self.results, [c.as_challenge() for c in stored],
                             as_of, self._adopted, {i: c.answers for i, c in enumerate(stored)})
        self.clear("due")

    def set_as_of(self, text: str) -> bool:
        """Review as of the month ``text`` (YYYY-MM; empty: the latest result's month). A bad
        month is refused beside the box, and the review shown stays as it was."""
        text = text.strip()
        if text and parse_month(text) is None:
            shown = f"; the review still shows {self.as_of_text}" if self.report else ""
            self.say("as_of", "error", f"As of: must be a month written YYYY-MM, such as "
                     f"2028-03 (got {excerpt(text)}){shown}.")
            return False
        with self._lock:
            self.chosen = text
            self._review()
            self.clear("as_of")
            self.changed += 1
        return True

    @property
    def as_of_text(self) -> str:
        """The month the review is as of (YYYY-MM), "" when there is none."""
        return month_text(self.report.as_of) if self.report is not None else ""

    # -- reviews due -------------------------------------------------------------------------
    @property
    def due(self) -> Mapping[str, tuple]:
        """Service id -> its reasons (monitoring.due), for the services a review is due of."""
        return self.report.due if self.report is not None else {}

    @property
    def open_reviews(self) -> dict[str, StoredReview]:
        """Service id -> its open review."""
        return {r.review.service: r for r in self.reviews if r.review.outcome is None}

    def open_review(self, service: str, by: str, why: str = "") -> bool:
        """Open a review of ``service`` with the reasons it is due now; one that is not due
        is opened by hand with ``why`` (needed then), recorded with who opened it."""
        if not service:
            self.say("due", "error", "Choose the service to review first.")
            return False
        if not by.strip():
            self.say("due", "error", "Say who opens the review (a name and role) in "
                     "\u201cOpened by\u201d; no review was opened.")
            return False
        reasons = [r.to_json() for r in self.due.get(service, ())]
        try:
            why = check_text(why, "why") or ""
        except WorkbenchError as exc:
            self.say("due", "error", f"No review was opened: {exc}. What you typed is still "
                     "here.")
            return False
        if why:
            reasons.append({"reason": "by_hand", "why": why})
        elif not reasons:
            self.say("due", "error", f"No review of {self.service_name(service)} is due: say "
                     "why you open one by hand; no review was opened.")
            return False
        try:
            self.store.open_review(self.meeting_id, self.token, service, reasons,
                                   by=by.strip())
        except WorkbenchError as exc:
            self.say("due", "error", f"No review was opened: {exc}")
            return False
        self.refresh()
        self.say("due", "success", f"A review of {self.service_name(service)} is open, with "
                 f"{plural(len(reasons), 'reason')}: close it under Open reviews.")
        return True

    # -- results ---------------------------------------------------------------------------
    def import_file(self, content: bytes, name: str) -> bool:
        """Read an uploaded results file (CSV or XLSX) against the targets in force and store
        it whole; on any problem nothing is imported and every problem is listed."""
        name = name or "results file"
        try:
            scenario = self.store.targets_in_force(self.meeting_id)
            results = read_results(scenario, bytes(content), name, limits_for())
        except ScenarioError as exc:
            self.problems = [str(p) for p in exc.problems]
            self.say("import", "error", f"{name} was not imported: "
                     f"{plural(len(exc.problems), 'problem')}, listed below with their row "
                     "and column. Nothing was imported; mend the file and import it again.")
            return False
        except WorkbenchError as exc:
            self.problems = []
            self.say("import", "error", f"{name} was not imported: {exc}")
            return False
        try:
            done = self.store.import_results(self.meeting_id, self.token, results, name,
                                             hashlib.sha256(bytes(content)).hexdigest())
        except WorkbenchError as exc:
            self.problems = []
            self.say("import", "error", f"{name} was not imported: {exc}")
            return False
        self.problems = []
        self.refresh()
        rows, replaced = done.detail["rows"], done.detail["replaced"]
        self.say("import", "success", f"Imported {plural(rows, 'result')} from {name}; "
                 f"{replaced} of them replaced earlier values (the earlier ones stay in the "
                 "history).")
        return True

    # -- challenges --------------------------------------------------------------------------
    def overdue(self, challenge: StoredChallenge) -> bool:
        """Still unanswered 28 days or more after it was lodged, today."""
        return is_overdue(challenge.lodged, challenge.answers, self.today())

    def answer(self, key: str, state: str, text: str, by: str) -> bool:
        """The public body's answer to one challenge; refusals beside its form."""
        place = f"answer:{key}"
        if state not in ANSWER_STATES:
            words = ", ".join(STATE_WORDS[s] for s in ANSWER_STATES)
            self.say(place, "error", f"Choose the answer's state ({words}); nothing was "
                     "answered.")
            return False
        try:
            self.store.answer(self.meeting_id, self.token, key, state, text, by)
        except WorkbenchError as exc:
            self.say(place, "error", f"Not answered: {exc}. Nothing you typed was lost.")
            return False
        self.refresh()
        self.say(place, "success", f"Answered: {STATE_WORDS[state]}, by {by.strip()}.")
        return True

    # -- the needs register (answered with ``answer`` above, like a challenge) -------------
    def merge_need(self, key: str, into: str, reason: str) -> bool:
        """Merge the need ``key`` into ``into``, with the reason; refusals beside its form."""
        place = f"merge:{key}"
        if not into:
            self.say(place, "error", "Choose the need to merge it into; nothing was merged.")
            return False
        try:
            self.store.merge_need(self.meeting_id, self.token, key, into, reason)
        except WorkbenchError as exc:
            self.say(place, "error", f"Not merged: {exc}. Nothing you typed was lost.")
            return False
        self.refresh()
        self.say(place, "success", f"Merged into need {into.split(':', 1)[-1]}: both stay in "
                 "the register, and its supports count there.")
        return True

    # -- closing a review --------------------------------------------------------------------
    def close_review(self, service: str, outcome: str, changes: str, response: str,
                     by: str) -> bool:
        """Close the open review of ``service``; ``revise`` needs the changes."""
        place = f"close:{service}"
        if outcome not in OUTCOMES:
            self.say(place, "error", f"Choose the outcome ({', '.join(OUTCOMES)}); the "
                     "review is still open.")
            return False
        try:
            self.store.close_review(self.meeting_id, self.token, service, outcome, response,
                                    changes or None, by)
        except WorkbenchError as exc:
            self.say(place, "error", f"Not closed: {exc}. Nothing you typed was lost.")
            return False
        self.refresh()
        self.clear(place)
        reopens = " Download the new scenario under Closed reviews: its make-or-buy choice " \
                  "is open again." if outcome in REOPENS else ""
        self.say("close", "success", f"The review of {self.service_name(service)} is closed: "
                 f"{outcome}.{reopens}")
        return True

    @property
    def closed_reviews(self) -> list[StoredReview]:
        return [r for r in self.reviews if r.review.outcome is not None]

    def reopened_file(self, stored: StoredReview) -> tuple[str, bytes] | None:
        """For a ``revise`` or ``terminate`` review: the new scenario file (its name and
        YAML bytes) without the service's ``require_option`` givens; None otherwise."""
        if stored.review.outcome not in REOPENS or self.scenario is None:
            return None
        new = reopened(self.scenario, stored.review)
        name = f"{self.scenario_stem()}-after-review-{stored.review.service}.yaml"
        return name, dump_scenario(new).encode("utf-8")

    def scenario_stem(self) -> str:
        """The scenario's file name without its extension (else its name, made safe)."""
        stem = re.sub(r"\.(ya?ml|json)$", "", self.source.rsplit("/", 1)[-1], flags=re.I)
        if not stem or stem.startswith("<"):
            stem = self.scenario.name if self.scenario is not None else "scenario"
        return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-").lower()[:60] or "scenario"

    # -- names -------------------------------------------------------------------------------
    def service_name(self, service: str) -> str:
        if self.scenario is not None:
            for s in self.scenario.services:
                if s.id == service:
                    return s.name
        return service

    def group_name(self, group: str | None) -> str:
        if self.scenario is not None and group:
            for g in self.scenario.stakeholders:
                if g.id == group:
                    return g.name
        return group or ""
