"""The facilitator's meeting: the workbench's state, fed live by the panels' submissions.

A poll of the store (one primary-key read when nothing happened) runs every half second in
a thread; each new submission replaces that group's weights and the recommendation is solved
again. Lifting a given and pinning a run are written to the meeting's history, and only
the facilitator's token can adopt a decision.
"""

from __future__ import annotations

import threading
from typing import Any

import traitlets

from workbench.errors import WorkbenchError
from workbench.export.page import plural
from workbench.ui.common.polling import poll_in_thread
from workbench.ui.facilitator.cycle import CycleState
from workbench.ui.meeting.state import MeetingState

POLL_SECONDS = 0.5   # a submission shows within about this (the issue asks for 2 s);
# an empty poll is one primary-key read (0.25 ms on SQLite, 1.1 ms on PostgreSQL)


class FacilitatorState(CycleState, MeetingState):
    """A MeetingState bound to a meeting in the store, with each panel's latest input."""

    panels = traitlets.Dict()     # group id -> its latest submission (weights, comment, dissent)
    version = traitlets.Int(0)    # the last meeting version seen
    adopted = traitlets.List()    # decisions adopted so far: id, when, by whom
    refused = traitlets.Unicode("")

    def __init__(self, store, meeting_id: str, token: str, background: bool = True,
                 **kwargs: Any):
        super().__init__(background=background, **kwargs)
        self.store, self.meeting_id, self.token = store, meeting_id, token
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None

    def open_meeting(self) -> bool:
        """Check the facilitator's link and open the meeting's scenario."""
        try:
            access = self.store.access(self.meeting_id, self.token)
            if access.role != "facilitator":
                raise WorkbenchError("this is a panel's link: the facilitator page needs "
                                     "the facilitator's link")
            scenario = self.store.scenario(self.meeting_id)
            name = self.store.meeting(self.meeting_id).name
        except WorkbenchError as exc:
            self.refused = f"This link cannot be used: {exc}"
            return False
        if not self._open(lambda: scenario, name):
            return False
        self.poll()
        self.refresh_cycle()
        return True

    @property
    def waiting(self) -> list[str]:
        """The groups that have not submitted yet (their scenario weights stand in)."""
        return [g.name for g in self.scenario.stakeholders if g.id not in self.panels] \
            if self.scenario else []

    def poll(self) -> bool:
        """Take in what the panels submitted since the last look; True when anything did."""
        try:
            changes = self.store.changes_since(self.meeting_id, self.token, self.version)
            if not changes.events:
                return False
            latest = self.store.latest_submissions(self.meeting_id)
        except WorkbenchError as exc:
            self.say("panels", "error", f"Could not read the meeting: {exc}")
            return False
        fresh = {g: s for g, s in latest.items()
                 if self.panels.get(g, {}).get("revision") != s.revision}
        self.version = changes.version
        self.refresh_cycle({e.kind for e in changes.events})
        if fresh:
            with self._lock:
                self.panels = {**self.panels, **{g: {
                    "revision": s.revision, "at": s.at, "weights": dict(s.weights),
                    "comment": s.comment or "", "dissent": s.dissent or ""}
                    for g, s in fresh.items()}}
                self.group_weights = {**self.group_weights,
                                      **{g: dict(s.weights) for g, s in fresh.items()}}
                self.resolve()
        return True

    def start_polling(self, every: float = POLL_SECONDS) -> None:
        """Poll in a thread until ``close``; errors go to the status line."""
        self._poller = poll_in_thread(
            self.poll, self._stop, every,
            lambda exc: self.say("panels", "error", f"Could not read the meeting: {exc}"))

    def close(self, timeout: float = 30) -> None:
        self._stop.set()
        if self._poller is not None:
            self._poller.join(timeout)
        super().close(timeout)

    # -- the facilitator's actions, on the record ------------------------------------------
    def lift(self, given: str, lifted: bool = True) -> None:
        super().lift(given, lifted)
        self._record("lift", "given_lifted" if lifted else "given_restored", {"given": given})

    def pin(self) -> None:
        super().pin()
        if self.pinned is not None:
            self._record("compare", "run_pinned", {"choices": self.pinned.portfolio.choices})

    def _record(self, place: str, kind: str, detail: dict[str, Any]) -> None:
        try:
            self.store.record_action(self.meeting_id, self.token, kind, detail)
        except WorkbenchError as exc:
            self.say(place, "warning", f"Not written to the meeting's history: {exc}")

    def adopt(self, adopted_by: str) -> bool:
        """Adopt the decision as the panels' latest submissions stand: an immutable record,
        superseded (never edited) by any later one."""
        from workbench.analysis.compare import SOURCE_WORDS
        from workbench.store.record import build_record

        if not adopted_by.strip():
            self.say("adopt", "error", "Say who adopts the decision (a name and role) "
                     "before adopting it; nothing was adopted.")
            return False
        problem = self.adoption_problem()
        if problem:
            self.say("adopt", "error", f"Not adopted: {problem}")
            return False
        self.busy = True
        try:
            record = build_record(self.store, self.meeting_id, adoption=self.adoption())
            moved = self.moved_from_record(record)
            if moved:
                self.say("adopt", "error", f"Not adopted: {moved}")
                return False
            decision = self.store.adopt(self.meeting_id, self.token, record, adopted_by)
        except WorkbenchError as exc:
            self.say("adopt", "error", f"Not adopted: {exc}")
            return False
        finally:
            self.busy = False
        self._in_force = dict(record["adopted"]["choices"])
        self.adopted = [*self.adopted, {"id": decision.id, "at": decision.adopted_at,
                                        "by": decision.adopted_by,
                                        "sha256": decision.record_sha256}]
        adopted = record["adopted"]
        what = "the recommendation" if adopted["source"] == "recommended" else \
            f"{SOURCE_WORDS[adopted['source']]}: {plural(len(adopted['departures']), 'service')}" \
            " depart from the recommendation, each with its reason"
        count = len(record["not_answered"])
        marked = f"; {plural(count, 'dissent note')} marked \"not answered\"" if count else ""
        self.say("adopt", "success", f"Decision {decision.id} adopted by "
                 f"{decision.adopted_by} at {decision.adopted_at:%H:%M:%S} UTC ({what}{marked})"
                 + (f", superseding decision {decision.supersedes}."
                    if decision.supersedes else "."))
        return True

    def moved_from_record(self, record: dict[str, Any]) -> str:
        """Why the record would not hold the recommendation on this page ("" when it does):
        the record is worked out on the panels' latest weights and the scenario's influences,
        so weights or influences moved on this page give another recommendation."""
        if self.result is None or self.result.portfolio is None or self.scenario is None:
            return ""
        recorded = record["analysis"]["recommended"]["choices"]
        shown = self.result.portfolio.choices
        differ = [s.name for s in self.scenario.services if recorded.get(s.id) != shown.get(s.id)]
        if not differ:
            return ""
        return ("the weights or influences on this page have been moved away from the panels' "
                "latest, so the recommendation shown is not the one the decision record would "
                f"hold (it differs for {', '.join(differ)}). Reload the page to work from the "
                "panels' weights, or pin this run and adopt it as the pinned what-if run.")

    # -- closing the meeting (when the store offers it) ------------------------------------
    @property
    def can_close(self) -> bool:
        """Whether this store can close a meeting (``MeetingStore.close_meeting``)."""
        return callable(getattr(self.store, "close_meeting", None))

    def close_meeting(self) -> bool:
        """Close the meeting to further submissions, on the record."""
        if not self.can_close:
            self.say("close", "error", "This meeting store cannot close a meeting.")
            return False
        try:
            self.store.close_meeting(self.meeting_id, self.token)
        except WorkbenchError as exc:
            self.say("close", "error", f"Not closed: {exc}")
            return False
        self.say("close", "success", "The meeting is closed: panels can no longer submit.")
        return True
