"""One stakeholder panel's screen as a traitlets model: no widgets, so tests drive it.

A panel reads its meeting with its own token and writes only its own weights and comments.
What it has typed is never lost: a refused or failed submission keeps every value on the
screen and says why beside the control it is about; a submission counts only once the store
has committed it. Each submission is based on the latest revision this screen has seen, so
two tabs on one link never overwrite each other silently.
"""

from __future__ import annotations

import threading
from typing import Any

import traitlets

from workbench.errors import StaleSubmission, WorkbenchError
from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.recommend import Recommendation
from workbench.scenario import Scenario
from workbench.ui.common.entry import pairwise_entry, swing_entry
from workbench.ui.common.messages import Messages
from workbench.ui.panel.cycle import CYCLE_PLACES, PanelCycle
from workbench.weights import agree, scaled_to_100

COMMENT_LIMIT = 4000   # characters; the store refuses more, the page says so first
# Where a message is shown: beside the sliders, the swing and pairwise buttons, the preview,
# or the Submit button.
PLACES = ("weights", "method", "preview", "submit", *CYCLE_PLACES)


class PanelState(PanelCycle, Messages):
    """A panel's weights, comment and dissent, its preview, and what it last submitted."""

    MESSAGE_PLACES = PLACES

    scenario = traitlets.Instance(Scenario, allow_none=True)
    group = traitlets.Unicode("")           # the group this panel speaks for
    group_name = traitlets.Unicode("")
    weights = traitlets.Dict()              # criterion id -> points 0 to 100
    comment = traitlets.Unicode("")
    dissent = traitlets.Unicode("")
    preview = traitlets.Instance(Recommendation, allow_none=True)   # its own weights' choice
    agreed = traitlets.Instance(Recommendation, allow_none=True)    # everyone's latest
    pairwise = traitlets.Any(None)          # PairwiseResult of the last comparisons
    submitted = traitlets.Dict()            # the last stored submission this screen knows
    seen = traitlets.Int(0)                 # the revision this screen is based on (0: none)
    stale = traitlets.Dict()                # a newer revision found on a refused submission
    refused = traitlets.Unicode("")         # why this screen cannot be used (bad link)
    busy = traitlets.Bool(False)

    def __init__(self, store, meeting_id: str, token: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id, self.token = store, meeting_id, token
        self._live: LiveOptimiser | None = None
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------------
    def open(self) -> bool:
        """Check the link; on a refusal say why (the store logs the attempt)."""
        try:
            access = self.store.access(self.meeting_id, self.token)
            if access.role != "panel":
                raise WorkbenchError("this is the facilitator's link: open the facilitator "
                                     "page with it")
            scenario = self.store.scenario(self.meeting_id)
            latest = self.store.latest_submissions(self.meeting_id)
        except WorkbenchError as exc:
            self.refused = f"This link cannot be used: {exc}"
            return False
        group = next(g for g in scenario.stakeholders if g.id == access.group)
        mine = latest.get(group.id)
        with self.hold_trait_notifications():
            self.scenario, self.group, self.group_name = scenario, group.id, group.name
            self.weights = scaled_to_100(mine.weights if mine else group.weights)
            if mine is not None:
                self._take(mine)
        self._live = LiveOptimiser(scenario)
        self.refresh_cycle()
        self.update()
        return True

    def _take(self, submission) -> None:
        """Show a stored submission as this screen's own (on opening, or loading a newer)."""
        self.weights = scaled_to_100(submission.weights)
        self.comment, self.dissent = submission.comment or "", submission.dissent or ""
        self.submitted = submitted_facts(submission)
        self.seen = submission.revision

    # -- weights ---------------------------------------------------------------------------
    def set_weight(self, criterion: str, value: float) -> bool:
        """One slider moved: keep it (0 to 100, not every weight at 0) and update the
        preview; a refusal says why beside the sliders."""
        name = self._criterion_name(criterion)
        if not 0 <= float(value) <= 100:
            self.say("weights", "error",
                     f"{name}: a weight must be 0 to 100 (got {float(value):g}); it stays at "
                     f"{self.weights.get(criterion, 0):g}.")
            return False
        weights = {**self.weights, criterion: float(value)}
        if not any(weights.values()):
            self.say("weights", "error",
                     f"At least one weight must be above 0: {name} stays at "
                     f"{self.weights.get(criterion, 0):g}.")
            return False
        self.weights = weights
        self.say("weights", "info", "")
        self.update()
        return True

    def _criterion_name(self, criterion: str) -> str:
        return next((c.name for c in self.scenario.criteria if c.id == criterion), criterion)

    def use_swing(self, points: dict[str, float]) -> bool:
        weights, said = swing_entry(points)
        return self._entered(weights, said)

    def use_pairwise(self, matrix: list[list[float]], accept_inconsistent: bool = False) -> bool:
        """Pairwise comparisons; inconsistent ones (ratio above 0.10) only when accepted."""
        weights, result, said = pairwise_entry(matrix, self.scenario.criterion_ids,
                                               accept_inconsistent)
        if result is not None:
            self.pairwise = result
        return self._entered(weights, said)

    def _entered(self, weights: dict[str, float] | None, said: str) -> bool:
        if weights is None:
            self.say("method", "error", said[0].upper() + said[1:])
            return False
        self.weights = weights
        self.say("weights", "info", "")
        self.update()
        self.say("method", "success", f"Your sliders now show the weights from {said} "
                 "(not yet submitted).")
        return True

    # -- what the panel sees ---------------------------------------------------------------
    def others(self) -> dict[str, dict[str, float]]:
        """Every group's weights as the meeting has them: each one's latest submission (the
        scenario's, for a group yet to submit), this panel's own as on its screen."""
        latest = self.store.latest_submissions(self.meeting_id)
        out = {g.id: dict(latest[g.id].weights) if g.id in latest else dict(g.weights)
               for g in self.scenario.stakeholders}
        out[self.group] = dict(self.weights)
        return out

    def update(self) -> None:
        """The preview of the panel's own weights, and the agreed recommendation if it
        submitted them now; on failure the last good ones stay, marked as out of date."""
        if self.scenario is None or self._live is None:
            return
        self.busy = True
        try:
            with self._lock:
                groups = self.others()
                influence = {g.id: 0.0 if g.id in self.opted_out else g.influence
                             for g in self.scenario.stakeholders}
                if not any(v > 0 for v in influence.values()):
                    influence = {g.id: g.influence for g in self.scenario.stakeholders}
                agreed_weights = agree(groups, influence, self.scenario.criterion_ids)
                preview = self._live.solve(self.weights, group_weights=groups)
                agreed = self._live.solve(agreed_weights, group_weights=groups)
        except WorkbenchError as exc:
            self.say("preview", "error", f"Could not update this comparison: {exc}. What is "
                     "shown is from your earlier weights.")
            return
        finally:
            self.busy = False
        with self.hold_trait_notifications():
            self.preview, self.agreed = preview, agreed
            self.say("preview", "info", "")

    # -- submitting ------------------------------------------------------------------------
    def submit(self) -> bool:
        """Store the weights, comment and dissent as a new revision, based on the revision
        this screen has seen; earlier revisions are kept."""
        return self._submit(self.seen)

    def submit_anyway(self) -> bool:
        """After a refusal for a newer revision: store this screen's entries on top of it."""
        return self._submit(self.stale.get("revision", self.seen))

    def load_newer(self) -> None:
        """After a refusal for a newer revision: show that one instead of this screen's."""
        if not self.stale:
            return
        newer = self.stale
        with self.hold_trait_notifications():
            self.weights = scaled_to_100(newer["weights"])
            self.comment, self.dissent = newer["comment"], newer["dissent"]
            self.submitted, self.seen, self.stale = dict(newer), newer["revision"], {}
            self.say("submit", "info", f"Showing revision {newer['revision']}, the newer "
                     "one. Change anything you like and submit again.")
        self.update()

    def _submit(self, based_on: int) -> bool:
        for name, text in (("your views", self.comment), ("the dissent note", self.dissent)):
            if len(text) > COMMENT_LIMIT:
                self.say("submit", "error",
                         f"Not submitted: {name} run to {len(text):,} characters, and the "
                         f"most is {COMMENT_LIMIT:,}. Nothing was lost: shorten them and "
                         "submit again.")
                return False
        self.busy = True
        try:
            stored = self.store.submit_weights(self.meeting_id, self.token, dict(self.weights),
                                               comment=self.comment or None,
                                               dissent=self.dissent or None, based_on=based_on)
        except StaleSubmission as exc:
            newer = submitted_facts(exc.latest)
            self.stale = newer
            self.say("submit", "warning",
                     f"Not submitted: revision {newer['revision']} was submitted for your "
                     f"panel at {newer['at']:%H:%M} UTC from another tab or device, after "
                     "this page last looked. Your entries are still here. Load the newer "
                     "one, or submit yours anyway to replace it.")
            return False
        except WorkbenchError as exc:
            self.say("submit", "error", f"Not submitted: {exc}. Nothing was lost: your "
                     "entries are still here.")
            return False
        finally:
            self.busy = False
        with self.hold_trait_notifications():
            self.submitted, self.seen, self.stale = submitted_facts(stored), stored.revision, {}
        self.say("submit", "success",
                 f"Submitted: revision {stored.revision} of the {self.group_name} weights "
                 f"and views, at {stored.at:%H:%M:%S} UTC.")
        self.refresh_cycle()
        self.update()
        return True


def submitted_facts(submission) -> dict[str, Any]:
    """A stored submission as plain data for the page (revision, time, weights, texts)."""
    return {"revision": submission.revision, "at": submission.at,
            "weights": dict(submission.weights), "comment": submission.comment or "",
            "dissent": submission.dissent or ""}
