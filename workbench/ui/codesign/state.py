"""The facilitator's specification and contract-terms page as a traitlets model, no
widgets (commissioning-cycle.md, section 5): choose a service; propose requirements (for an
officer) and terms; every group's priority beside the agreed priority (the core's, read
from the store) and an answer where they differ; every position on each term, the agreed
term and its answer to each; the kpi requirements as target stubs; the document as HTML and
DOCX. A poll takes in what the panels send meanwhile.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import traitlets
import yaml

from workbench.errors import WorkbenchError
from workbench.export.specification import (
    meeting_specification,
    specification_docx,
    specification_html,
)
from workbench.store.cycle import FACILITATOR
from workbench.ui.common.messages import Messages
from workbench.ui.common.polling import FollowsStore

POLL_SECONDS = 3.0
PLACES = ("service", "requirement", "term", "priority_answer", "agree", "position_answer",
          "kpi", "poll", "document")


class CodesignState(FollowsStore, Messages):
    """One meeting's specifications and term sheets, for the facilitator's link."""

    MESSAGE_PLACES: ClassVar[tuple[str, ...]] = PLACES

    refused = traitlets.Unicode("")
    name = traitlets.Unicode("")
    service = traitlets.Unicode("")             # the service chosen
    found = traitlets.Any(None)                 # store.codesign.Codesign of that service
    by = traitlets.Unicode("")                  # who records (name and role), for every act
    version = traitlets.Int(0)
    changed = traitlets.Int(0)
    targets = traitlets.List()                  # ids of the meeting's targets in force

    def __init__(self, store, meeting_id: str, token: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id, self.token = store, meeting_id, token
        self.services: list[tuple[str, str]] = []   # (id, name), the scenario's order
        self.groups: dict[str, str] = {}
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None

    def open(self) -> bool:
        """Check the facilitator's link and read the first service."""
        try:
            access = self.store.access(self.meeting_id, self.token, after_close=True)
            if access.role != FACILITATOR:
                raise WorkbenchError("this is a panel's link: the specification page needs "
                                     "the facilitator's link")
            scenario = self.store.scenario(self.meeting_id)
            self.name = self.store.meeting(self.meeting_id).name
            self.services = [(s.id, s.name) for s in scenario.services]
            self.groups = {g.id: g.name for g in scenario.stakeholders}
            used = self.store.codesign_services(self.meeting_id)
            self.service = used[0] if used else self.services[0][0]
            self.refresh()
        except WorkbenchError as exc:
            self.refused = f"This link cannot be used: {exc}"
            return False
        return True

    def refresh(self) -> None:
        with self._lock:
            version = self.store.meeting(self.meeting_id).version
            found = self.store.codesign(self.meeting_id, self.service)
            targets = [t.id for t in self.store.targets_in_force(self.meeting_id).targets
                       or ()]
            with self.hold_trait_notifications():
                self.found, self.version, self.targets = found, version, targets
            self.changed += 1

    def choose(self, service: str) -> bool:
        if service not in dict(self.services):
            self.say("service", "error", "Choose one of the meeting's services.")
            return False
        self.service = service
        self.refresh()
        self.clear("service")
        return True

    @property
    def service_name(self) -> str:
        return dict(self.services).get(self.service, self.service)

    # -- acting ------------------------------------------------------------------------------
    def _by(self, place: str) -> str | None:
        if not self.by.strip():
            self.say(place, "error", "Type who records this (your name and role) at the top "
                     "of the page first; nothing was recorded.")
            return None
        return self.by.strip()

    def _do(self, place: str, done: str, call, *args) -> bool:
        try:
            call(self.meeting_id, self.token, self.service, *args)
        except WorkbenchError as exc:
            self.say(place, "error", f"Not recorded: {exc}")
            return False
        self.say(place, "success", done)
        self.refresh()
        return True

    def propose_requirement(self, text: str, kind: str) -> bool:
        """A requirement an officer proposes (``by`` names them)."""
        by = self._by("requirement")
        if by is None:
            return False
        if not text.strip():
            self.say("requirement", "error", "Write the requirement first.")
            return False
        return self._do("requirement", "Requirement added: every group can now give it a "
                        "priority.", self.store.propose_requirement, text.strip(), kind, by)

    def propose_term(self, topic: str, text: str) -> bool:
        by = self._by("term")
        if by is None:
            return False
        if not topic:
            self.say("term", "error", "Choose the term's topic first.")
            return False
        return self._do("term", "Term added: every group can now take a position on it.",
                        self.store.propose_term, topic, text, by)

    def answer_priority(self, key: str, state: str, text: str) -> bool:
        """``key``: "requirement/group", as the form's options carry it."""
        requirement, _, group = (key or "").partition("/")
        by = self._by("priority_answer")
        if by is None:
            return False
        if not group or not state:
            self.say("priority_answer", "error", "Choose the group's priority and the "
                     "answer first.")
            return False
        return self._do("priority_answer", "Answer recorded: the group sees it on its page.",
                        self.store.answer_priority, requirement, group, state, text, by)

    def agree_term(self, term: str, text: str) -> bool:
        by = self._by("agree")
        if by is None:
            return False
        if not term:
            self.say("agree", "error", "Choose the term first.")
            return False
        return self._do("agree", "The agreed term is recorded.", self.store.agree_term, term,
                        text, by)

    def answer_position(self, key: str, state: str, text: str) -> bool:
        """``key``: "term/group"."""
        term, _, group = (key or "").partition("/")
        by = self._by("position_answer")
        if by is None:
            return False
        if not group or not state:
            self.say("position_answer", "error", "Choose the position and the answer first.")
            return False
        return self._do("position_answer", "Answer recorded: the group sees it on its page.",
                        self.store.answer_position, term, group, state, text, by)

    # -- performance indicators become targets (section 5, then section 3) -----------------
    def target_id(self, requirement: str) -> str:
        return f"{self.service}_{requirement}"

    def open_indicators(self) -> list[dict[str, Any]]:
        """The chosen service's ``kpi`` requirements not yet targets of the meeting."""
        stubs = self.found.kpi_stubs() if self.found is not None else []
        return [s for s in stubs if self.target_id(s["id"]) not in self.targets]

    def add_kpi_target(self, requirement: str, unit: str, direction: str, level: str,
                       period: str) -> bool:
        """A performance indicator, completed by an officer, becomes a target of the
        meeting: the panels then take positions on it and results are monitored against it."""
        by = self._by("kpi")
        if by is None:
            return False
        stub = next((s for s in self.open_indicators() if s["id"] == requirement), None)
        if stub is None:
            self.say("kpi", "error", "Choose a performance indicator first.")
            return False
        try:
            number = float((level or "").replace(",", ""))
        except ValueError:
            self.say("kpi", "error", f"Type the target as a number (got {level[:30]!r}).")
            return False
        values = {**stub, "id": self.target_id(requirement), "unit": unit.strip(),
                  "direction": direction, "target": number, "period": period}
        try:
            self.store.add_target(self.meeting_id, self.token, values, by=by,
                                  requirement=requirement)
        except WorkbenchError as exc:
            self.say("kpi", "error", f"Not added: {exc}")
            return False
        self.say("kpi", "success", "Added to the meeting's targets: each group can now agree "
                 "it or propose another level on its page, and results are monitored "
                 "against it on the review page.")
        self.refresh()
        return True

    # -- documents ---------------------------------------------------------------------------
    def document(self, kind: str) -> tuple[str, bytes] | None:
        """(file name, content) of the chosen service's document: ``html``, ``docx``, or
        ``targets`` (the kpi stubs as YAML to paste into the scenario)."""
        try:
            if kind == "targets":
                stubs = self.found.kpi_stubs() if self.found is not None else []
                text = yaml.safe_dump({"targets": stubs}, sort_keys=False, allow_unicode=True)
                return f"targets-{self.service}.yaml", text.encode("utf-8")
            blocks = meeting_specification(self.store, self.meeting_id, self.service)
            if kind == "docx":
                return f"specification-{self.service}.docx", specification_docx(blocks)
            return (f"specification-{self.service}.html",
                    specification_html(blocks).encode("utf-8"))
        except WorkbenchError as exc:
            self.say("document", "error", f"The document could not be made: {exc}")
            return None

