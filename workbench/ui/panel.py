"""One stakeholder panel's screen as a traitlets model: no widgets, so tests drive it.

A panel reads its meeting with its own token and writes only its own weights and comments.
What it has typed is never lost: a refused or failed submission keeps every value on the
screen and says why; a submission counts only once the store has committed it.
"""

from __future__ import annotations

import threading
from typing import Any

import traitlets

from workbench.errors import WorkbenchError
from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.recommend import Recommendation
from workbench.scenario import Scenario
from workbench.ui.entry import pairwise_entry, swing_entry
from workbench.weights import agree, scaled_to_100

COMMENT_LIMIT = 4000   # characters; the store refuses more, the page says so first


class PanelState(traitlets.HasTraits):
    """A panel's weights, comment and dissent, its preview, and what it last submitted."""

    scenario = traitlets.Instance(Scenario, allow_none=True)
    group = traitlets.Unicode("")           # the group this panel speaks for
    group_name = traitlets.Unicode("")
    weights = traitlets.Dict()              # criterion id -> points 0 to 100
    comment = traitlets.Unicode("")
    dissent = traitlets.Unicode("")
    preview = traitlets.Instance(Recommendation, allow_none=True)   # its own weights' choice
    agreed = traitlets.Instance(Recommendation, allow_none=True)    # everyone's latest
    pairwise = traitlets.Any(None)          # PairwiseResult of the last comparisons
    submitted = traitlets.Dict()            # revision, at, weights of the last stored one
    refused = traitlets.Unicode("")         # why this screen cannot be used (bad link)
    status = traitlets.Unicode("")
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
                self.comment, self.dissent = mine.comment or "", mine.dissent or ""
                self.submitted = _submitted(mine)
        self._live = LiveOptimiser(scenario)
        self.update()
        return True

    # -- weights ---------------------------------------------------------------------------
    def set_weight(self, criterion: str, value: float) -> None:
        if not 0 <= float(value) <= 100:
            self.status = f"{criterion}: a weight must be 0 to 100 (got {value:g})"
            return
        weights = {**self.weights, criterion: float(value)}
        if not any(weights.values()):
            self.status = "At least one weight must be above 0."
            return
        self.weights = weights
        self.update()

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
            self.status = said[0].upper() + said[1:]
            return False
        self.weights = weights
        self.update()
        self.status = f"Weights set from {said} (not yet submitted)."
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
        submitted them now; on failure the last good ones stay."""
        if self.scenario is None or self._live is None:
            return
        self.busy = True
        try:
            with self._lock:
                groups = self.others()
                influence = {g.id: g.influence for g in self.scenario.stakeholders}
                agreed_weights = agree(groups, influence, self.scenario.criterion_ids)
                preview = self._live.solve(self.weights, group_weights=groups)
                agreed = self._live.solve(agreed_weights, group_weights=groups)
        except WorkbenchError as exc:
            self.status = f"Could not update the preview: {exc}"
            return
        finally:
            self.busy = False
        with self.hold_trait_notifications():
            self.preview, self.agreed = preview, agreed

    def submit(self) -> bool:
        """Store the weights, comment and dissent (a new revision; earlier ones are kept)."""
        for name, text in (("comment", self.comment), ("dissent note", self.dissent)):
            if len(text) > COMMENT_LIMIT:
                self.status = (f"Not submitted: the {name} is {len(text)} characters; at most "
                               f"{COMMENT_LIMIT}. Nothing was lost: shorten it and submit again.")
                return False
        self.busy = True
        try:
            stored = self.store.submit_weights(self.meeting_id, self.token, dict(self.weights),
                                               comment=self.comment or None,
                                               dissent=self.dissent or None)
        except WorkbenchError as exc:
            self.status = f"Not submitted: {exc}. Nothing was lost: your entries are still here."
            return False
        finally:
            self.busy = False
        self.submitted = _submitted(stored)
        self.status = (f"Submitted: revision {stored.revision} of the {self.group_name} "
                       f"weights, at {stored.at:%H:%M:%S} UTC.")
        self.update()
        return True


def _submitted(submission) -> dict[str, Any]:
    return {"revision": submission.revision, "at": submission.at,
            "weights": dict(submission.weights)}
