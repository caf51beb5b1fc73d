"""A panel's part in a service's specification and contract terms (commissioning-cycle.md,
section 5), as state with no widgets: each requirement with the group's own priority and
the agreed one (the core's, read from the store), proposing a requirement, and the group's
position on each term with the agreed term's answer to it.

Its own model beside PanelState (it reads the same link), so the panel page's one folded
section ("Specification and contract terms", workbench.ui.panel.codesign) carries it.
"""

from __future__ import annotations

from typing import Any, ClassVar

import traitlets

from workbench.errors import WorkbenchError
from workbench.ui.common.messages import Messages

PLACES = ("priority", "requirement", "position", "read")


class PanelCodesign(Messages):
    """``found``: service id -> store.codesign.Codesign, for the services that have a
    requirement or a term; ``names``: service id -> name."""

    MESSAGE_PLACES: ClassVar[tuple[str, ...]] = PLACES

    found = traitlets.Dict()
    changed = traitlets.Int(0)

    def __init__(self, store, meeting_id: str, token: str, group: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id, self.token, self.group = store, meeting_id, token, group
        scenario = store.scenario(meeting_id)
        self.names = {s.id: s.name for s in scenario.services}
        self.group_names = {g.id: g.name for g in scenario.stakeholders}

    def refresh(self) -> None:
        """Read every service's specification and term sheet again."""
        try:
            found = self.store.codesigns(self.meeting_id)
        except WorkbenchError as exc:
            self.say("read", "error", f"Could not read the specification: {exc}")
            return
        self.found = found
        self.changed += 1

    @property
    def requirements(self) -> list[tuple[str, Any]]:
        """(service, Requirement) in order, for the priority form."""
        return [(s, r) for s, c in self.found.items() for r in c.spec.requirements]

    @property
    def terms(self) -> list[tuple[str, Any]]:
        return [(s, t) for s, c in self.found.items() for t in c.sheet.terms]

    def mine(self, service: str, requirement: str) -> str | None:
        """This group's priority for a requirement (None until it gives one)."""
        return self.found[service].spec.priorities.get(self.group, {}).get(requirement)

    def my_position(self, service: str, term: str):
        return next((p for p in self.found[service].sheet.positions
                     if p.term == term and p.group == self.group), None)

    # -- acting: one store call each; a refusal said at its place, nothing typed lost -----
    def give_priority(self, key: str, priority: str) -> bool:
        """``key``: "service/requirement", as the form's options carry it."""
        service, _, requirement = (key or "").partition("/")
        if not requirement:
            self.say("priority", "error", "Choose a requirement first.")
            return False
        if not priority:
            self.say("priority", "error", "Choose your group's priority first.")
            return False
        return self._do("priority", "Your group's priority is recorded.",
                        self.store.give_priority, service, requirement, priority)

    def propose_requirement(self, service: str, text: str, kind: str) -> bool:
        if not service:
            self.say("requirement", "error", "Choose the service first.")
            return False
        if not text.strip():
            self.say("requirement", "error", "Write the requirement first.")
            return False
        return self._do("requirement", "Your group's requirement is added: every group can "
                        "now give it a priority.", self.store.propose_requirement, service,
                        text.strip(), kind)

    def take_position(self, key: str, stance: str, text: str) -> bool:
        service, _, term = (key or "").partition("/")
        if not term:
            self.say("position", "error", "Choose a term first.")
            return False
        if stance == "amend" and not text.strip():
            self.say("position", "error", "Write the wording your group asks for.")
            return False
        return self._do("position", "Your group's position is recorded.",
                        self.store.take_position, service, term, stance, text.strip() or None)

    def _do(self, place: str, done: str, call, *args) -> bool:
        try:
            call(self.meeting_id, self.token, *args)
        except WorkbenchError as exc:
            self.say(place, "error", f"Not recorded: {exc}")
            return False
        self.say(place, "success", done)
        self.refresh()
        return True
