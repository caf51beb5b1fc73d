"""The facilitator's side of proposed options, as state with no widgets (a mixin of
ReviewState): each proposal with its answer, the costing that accepts it into a new
scenario version, or the reason that declines it; and, for an accepted one, the new
version's file (for a download) and its diff against the version before.

Where the new version goes: the meeting keeps its scenario in the store and never changes
it (a proposed option never enters the meeting's optimisation), so the new version is a
file for the officers: a download on this page, or ``workbench options accept MEETING N
--out FILE`` on the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import traitlets

from workbench.errors import WorkbenchError
from workbench.scenario.versions import version_diff, version_text
from workbench.store.options import ProposedOption, number
from workbench.ui.common.amounts import parse_amounts


class OptionsReview(traitlets.HasTraits):
    """``options``: every proposed option (store.options.ProposedOption), oldest first."""

    options = traitlets.List()

    if TYPE_CHECKING:      # what ReviewState gives this mixin
        store: Any
        meeting_id: str
        token: str

        def say(self, place: str, kind: str, text: str) -> None: ...

        def refresh(self) -> None: ...

        def scenario_stem(self) -> str: ...

    def refresh_options(self) -> list[ProposedOption]:
        return self.store.options(self.meeting_id)

    def accept_option(self, key: str, cost: str, one_off: str, scores: dict[str, Any],
                      by: str) -> bool:
        """Accept ``key`` with the officers' costing; refusals beside its form."""
        place = f"option:{key}"
        base = self.store.scenario(self.meeting_id)
        try:
            costs = parse_amounts(cost, "Cost a year", len(base.years))
            once = parse_amounts(one_off, "One-off cost", 1) if one_off.strip() else [0.0]
            if not costs:
                raise WorkbenchError("Cost a year: must be given (one amount, or one a year)")
            names = {c.id: c.name for c in base.criteria}
            missing = [names[c] for c in names if scores.get(c) is None]
            if missing:
                raise WorkbenchError(f"a score from 0 to 100 is needed for "
                                     f"{', '.join(missing)}")
            self.store.accept_option(self.meeting_id, self.token, key, costs, once[0],
                                     scores, by)
        except WorkbenchError as exc:
            self.say(place, "error", f"Not accepted: {exc}. Nothing you typed was lost.")
            return False
        self.refresh()
        found = next(o for o in self.options if o.key == key)
        version = found.accepted.scenario_version if found.accepted else 0
        self.say(place, "success", f"Accepted into version {version} of the scenario. "
                 "Download the new version below (the meeting's own scenario is unchanged), "
                 "and see what changed in it.")
        return True

    def decline_option(self, key: str, reason: str, by: str) -> bool:
        """Decline ``key`` with the reason; refusals beside its form."""
        place = f"option:{key}"
        try:
            self.store.decline_option(self.meeting_id, self.token, key, reason, by)
        except WorkbenchError as exc:
            self.say(place, "error", f"Not declined: {exc}. Nothing you typed was lost.")
            return False
        self.refresh()
        self.say(place, "success", f"Declined proposal {number(key)}, with the reason: the "
                 "panel sees the answer on its page.")
        return True

    def version_file(self, option: ProposedOption) -> tuple[str, bytes, str] | None:
        """For an accepted option: its version's file name, YAML bytes and the diff."""
        if option.accepted is None:
            return None
        base = self.store.scenario(self.meeting_id)
        v = option.accepted.scenario_version
        stem = self.scenario_stem()
        return (f"{stem}-version-{v}.yaml", version_text(base, self.options, v).encode(),
                version_diff(base, self.options, v))
