"""A panel's proposals, as state with no widgets: a need (through ``store.propose_need``
with the panel's token, so it is proposed by the group) and an option for a service
(``store.propose_option``), each refused in words beside its own form with nothing typed
lost; and the group's own proposals with their answers, read again whenever the panel's
poll sees the meeting change."""

from __future__ import annotations

import math
from typing import Any

import traitlets

from workbench.errors import InputError, WorkbenchError
from workbench.fields import MODES
from workbench.store.options import ProposedOption
from workbench.ui.common.amounts import parse_amounts
from workbench.ui.common.messages import Messages

PLACES = ("need", "option", "mine")


class ProposalsState(Messages):
    """``needs``/``options``: what this group proposed, with the answers."""

    MESSAGE_PLACES = PLACES

    needs = traitlets.List()
    options = traitlets.List()

    def __init__(self, store, meeting_id: str, token: str, group: str, scenario,
                 **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id, self.token = store, meeting_id, token
        self.group, self.scenario = group, scenario

    def refresh(self) -> None:
        """Read the group's needs and options again, with their answers."""
        try:
            needs = [n for n in self.store.needs(self.meeting_id) if n.via == self.group]
            options = [o for o in self.store.options(self.meeting_id)
                       if o.proposed_by == self.group]
        except WorkbenchError as exc:
            self.say("mine", "error", f"Could not read your proposals: {exc}")
            return
        with self.hold_trait_notifications():
            self.needs, self.options = needs, options

    def propose_need(self, text: str, affected: str, evidence: str) -> bool:
        try:
            made = self.store.propose_need(self.meeting_id, self.token, text, affected,
                                           evidence or None)
        except WorkbenchError as exc:
            self.say("need", "error", f"Not sent: {exc}. What you typed is still here.")
            return False
        self.refresh()
        self.say("need", "success", f"Sent as need {made.version}: it is in the needs "
                 "register, proposed by your group, and the council will answer it.")
        return True

    def propose_option(self, service: str, mode: str, provider: str, rough_cost: str,
                       scores: dict[str, str], rationale: str) -> bool:
        try:
            if not service:
                raise InputError("choose the service it is for")
            if mode not in MODES:
                raise InputError("choose how the service would be run")
            costs = parse_amounts(rough_cost, "Rough cost", len(self.scenario.years))
            self.store.propose_option(self.meeting_id, self.token, service, mode,
                                      provider or None, costs or None,
                                      self._scores(scores), rationale)
        except WorkbenchError as exc:
            self.say("option", "error", f"Not sent: {exc}. What you typed is still here.")
            return False
        self.refresh()
        self.say("option", "success", "Sent: it is shown as proposed. The officers cost "
                 "and score it, then accept it into a new version of the scenario or say "
                 "why not; the answer shows below.")
        return True

    def _scores(self, typed: dict[str, str]) -> dict[str, float]:
        names = {c.id: c.name for c in self.scenario.criteria}
        out: dict[str, float] = {}
        for c, text in typed.items():
            text = (text or "").strip()
            if not text:
                continue
            try:
                value = float(text)
            except ValueError:
                raise InputError(f"the expected score for {names.get(c, c)} must be a "
                                 f"number from 0 to 100 (got {text[:20]!r})") from None
            if not math.isfinite(value) or not 0 <= value <= 100:
                raise InputError(f"the expected score for {names.get(c, c)} must be 0 to "
                                 f"100 (got {text[:20]})")
            out[c] = value
        return out

    def option(self, key: str) -> ProposedOption | None:
        return next((o for o in self.options if o.key == key), None)
