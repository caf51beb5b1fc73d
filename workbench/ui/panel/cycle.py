"""A panel's part of the commissioning cycle, as state with no widgets: opting its group out
of the meeting (with a reason) and back in, the answers to what it said, and its word on the
proposed targets. A mixin of PanelState; a light poll (one primary-key read when nothing
happened) brings the council's answers to the panel's page without a reload.
"""

from __future__ import annotations

import threading

import traitlets

from workbench.errors import WorkbenchError
from workbench.store.cycle import (
    opt_outs_of,
    opted_out_of,
    positions_of,
    views_of,
    with_agreed_targets,
)
from workbench.ui.common.polling import poll_in_thread

CYCLE_PLACES = ("optout", "targets")
POLL_SECONDS = 2.0
CYCLE_EVENTS = frozenset({"answered", "opted_out", "opted_in", "target_position",
                          "target_agreed", "target_added", "weights_submitted"})


class PanelCycle(traitlets.HasTraits):
    """Opted out or not, this group's views with their answers, the targets in force and
    this group's latest position on each."""

    opted_out = traitlets.Dict()       # every group counting 0 today: id -> why
    my_opt_outs = traitlets.Dict()     # this group's opt-outs: stage ("" the meeting) -> reason
    my_views = traitlets.List()        # this group's views (store.cycle.View)
    targets = traitlets.List()         # targets in force
    my_positions = traitlets.Dict()    # target id -> this group's latest TargetPosition
    version = traitlets.Int(0)         # the meeting version the poll last saw

    @property
    def is_out(self) -> bool:
        return self.group in self.opted_out

    def refresh_cycle(self) -> None:
        """Read the cycle's state again (on opening and when the poll sees a change)."""
        try:
            history = self.store.audit(self.meeting_id)      # one read for all of it
        except WorkbenchError as exc:
            self.say("optout", "error", f"Could not read the meeting: {exc}")
            return
        version = max((e.version or 0 for e in history), default=0)
        views = [v for v in views_of(history) if v.group == self.group]
        positions = {p.target: p for p in positions_of(history) if p.group == self.group}
        targets = list(with_agreed_targets(self.scenario, history).targets or ())
        out = opted_out_of(history, self.scenario.engagement)
        mine = {stage or "": reason for (g, stage), reason in opt_outs_of(history).items()
                if g == self.group}
        with self.hold_trait_notifications():
            self.version = version
            self.my_views, self.my_positions, self.targets = views, positions, targets
            self.opted_out = out
            self.my_opt_outs = mine

    def poll_cycle(self) -> bool:
        """Take in what changed since the last look; True when anything did."""
        try:
            changes = self.store.changes_since(self.meeting_id, self.token, self.version)
        except WorkbenchError:
            return False            # said once the panel acts; a poll never interrupts
        if not changes.events:
            return False
        if {e.kind for e in changes.events} & CYCLE_EVENTS:
            before = dict(self.opted_out)
            self.refresh_cycle()
            if self.opted_out != before:
                self.update()       # another group in or out changes the agreed weights
        else:
            self.version = changes.version
        return True

    def start_polling(self, every: float = POLL_SECONDS) -> None:
        self._stop = threading.Event()
        # a failed poll says nothing: the panel is told once it acts
        poll_in_thread(self.poll_cycle, self._stop, every, lambda exc: None)

    def stop_polling(self) -> None:
        stop = getattr(self, "_stop", None)
        if stop is not None:
            stop.set()

    # -- opting out ------------------------------------------------------------------------
    @property
    def stages(self) -> list[str]:
        """The scenario's stage names, which a group may opt out of one by one."""
        terms = self.scenario.engagement
        return [st.stage for st in (terms.stages if terms else ())]

    def opt_out(self, reason: str, stage: str = "") -> bool:
        """Opt out of the meeting ("") or of one stage."""
        try:
            self.store.opt_out(self.meeting_id, self.token, reason or None, stage or None)
        except WorkbenchError as exc:
            self.say("optout", "error", f"Not done: {exc}. Your reason is still here.")
            return False
        self.refresh_cycle()
        self.update()
        what = f"the {stage} stage" if stage else "this meeting"
        self.say("optout", "success", f"Your group has opted out of {what}: its influence "
                 "counts as 0" + (" while that stage runs" if stage else "") + " and every "
                 "page lists it as opted out, with your reason. You can opt back in at any "
                 "time.")
        return True

    def opt_in(self, stage: str = "") -> bool:
        """Opt back in to the meeting ("") or to one stage: only that opt-out ends."""
        try:
            self.store.opt_in(self.meeting_id, self.token, stage or None)
        except WorkbenchError as exc:
            self.say("optout", "error", f"Not done: {exc}")
            return False
        self.refresh_cycle()
        self.update()
        what = f"the {stage} stage" if stage else "the meeting"
        self.say("optout", "success", f"Your group has opted back in to {what}: its "
                 "weights count again there.")
        return True

    # -- targets -----------------------------------------------------------------------------
    def propose_target(self, target: str, agree: bool, value: float | None,
                       text: str) -> bool:
        try:
            self.store.propose_target(self.meeting_id, self.token, target,
                                      "agree" if agree else "other",
                                      None if agree else value, text or None)
        except WorkbenchError as exc:
            self.say("targets", "error", f"Not sent: {exc}. What you typed is still here.")
            return False
        self.refresh_cycle()
        found = next((t for t in self.targets if t.id == target), None)
        what = f"“{found.measure}”" if found is not None else "the target"
        self.say("targets", "success", "Sent: the facilitator sees your group's word on "
                 f"{what}.")
        return True
