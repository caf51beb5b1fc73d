"""The facilitator's part of the commissioning cycle, as state with no widgets: answering
every view, the groups that opted out (their influence counts as 0), the officers' proposal
beside the recommendation, targets agreed with the panels, and adopting another portfolio
than the recommendation with a reason for each service that departs.

A mixin of FacilitatorState: it reads the store the state polls and says what happened at
its own places (``answer``, ``targets``, ``adopt``).
"""

from __future__ import annotations

from typing import Any

import traitlets

from workbench.analysis.compare import SOURCE_WORDS, Beside, beside, departures
from workbench.errors import WorkbenchError
from workbench.monitoring.answers import STATE_WORDS
from workbench.numbers import figure
from workbench.store.cycle import (
    in_force,
    opted_out_of,
    positions_of,
    views_of,
    with_agreed_targets,
)
from workbench.store.record import Adoption, unanswered_dissent

CYCLE_PLACES = ("answer", "targets")
# Events after which the facilitator's lists are read again.
VIEW_EVENTS = frozenset({"weights_submitted", "answered"})
OPT_EVENTS = frozenset({"opted_out", "opted_in"})
TARGET_EVENTS = frozenset({"target_position", "target_agreed", "target_added"})
DECISION_EVENTS = frozenset({"decision_adopted"})


class CycleState(traitlets.HasTraits):
    """Views with their answers, opted-out groups, targets and the adoption's choices."""

    views = traitlets.List()              # store.cycle.View, in submission order
    opted_out = traitlets.Dict()          # group id -> reason
    positions = traitlets.List()          # store.cycle.TargetPosition, oldest first
    targets = traitlets.List()            # the targets in force (scenario.cycle.Target)
    adopt_source = traitlets.Unicode("recommended")
    reasons = traitlets.Dict()            # service id -> why it departs
    confirm_unanswered = traitlets.Bool(False)

    # -- reading the store -----------------------------------------------------------------
    def refresh_cycle(self, kinds: set[str] | None = None) -> None:
        """Read again what the events of ``kinds`` changed (everything when None)."""
        every = kinds is None
        if not (every or kinds & (VIEW_EVENTS | OPT_EVENTS | TARGET_EVENTS | DECISION_EVENTS)):
            return
        if every or kinds & DECISION_EVENTS:     # read once here, never on a slider move
            self._in_force = in_force(self.store, self.meeting_id)
        try:
            history = self.store.audit(self.meeting_id)      # one read for all of it
        except WorkbenchError as exc:
            self.say("panels", "error", f"Could not read the meeting: {exc}")
            return
        if every or kinds & VIEW_EVENTS:
            self.views = views_of(history)
        if every or kinds & OPT_EVENTS:
            out = opted_out_of(history, self.scenario.engagement)
            if out != self.opted_out:
                self.opted_out = out
                self._count_opted_out()
        if every or kinds & TARGET_EVENTS:
            self.positions = positions_of(history)
            self._targets_scenario = with_agreed_targets(self.scenario, history)
            self.targets = list(self._targets_scenario.targets or ())

    def _count_opted_out(self) -> None:
        """Influence 0 for each group opted out, the scenario's for the others; solved
        again. (Every group out: the scenario's influences stand, and adoption says why it
        cannot go ahead.)"""
        base = {g.id: g.influence for g in self.scenario.stakeholders}
        influence = {g: 0.0 if g in self.opted_out else v for g, v in base.items()}
        if not any(v > 0 for v in influence.values()):
            influence = base
        with self._lock:
            self.influence = influence
            self.resolve(moved=False)

    # -- answers -----------------------------------------------------------------------------
    @property
    def unanswered(self) -> list:
        return unanswered_dissent(self.views)

    def answer(self, key: str, state: str, text: str, by: str) -> bool:
        """Answer one view on the record; refusals are said beside the answer form."""
        if not key:
            self.say("answer", "error", "Pick the view you are answering first.")
            return False
        if not state:
            self.say("answer", "error", "Choose the answer (being evaluated, accepted, partly "
                     "accepted or rejected); nothing was saved.")
            return False
        if not by.strip():
            self.say("answer", "error", "Say who answers (a name and role); nothing was "
                     "saved.")
            return False
        try:
            self.store.answer(self.meeting_id, self.token, key, state, text, by)
        except WorkbenchError as exc:
            self.say("answer", "error", f"Not saved: {exc}. Your answer is still here.")
            return False
        self.refresh_cycle(set(VIEW_EVENTS))
        self.say("answer", "success", f"Answer saved ({STATE_WORDS[state]}): the panel "
                 "sees it on its own page.")
        return True

    # -- targets ------------------------------------------------------------------------------
    def agree_target(self, target: str, value: float, approaching: float | None,
                     inadequate: float | None, agreed_by: list[str], by: str) -> bool:
        if not by.strip():
            self.say("targets", "error", "Say who records the agreed target; nothing was "
                     "saved.")
            return False
        try:
            self.store.agree_target(self.meeting_id, self.token, target, value=value,
                                    approaching=approaching, inadequate=inadequate,
                                    agreed_by=agreed_by, by=by)
        except WorkbenchError as exc:
            self.say("targets", "error", f"Not saved: {exc}. What you typed is still here.")
            return False
        self.refresh_cycle(set(TARGET_EVENTS))
        who = ", ".join(self._group_name(g) for g in agreed_by) or "no group"
        self.say("targets", "success", f"Target agreed: {self._target_words(target)} at "
                 f"{figure(value)} (agreed by {who}).")
        return True

    def _target_words(self, target: str) -> str:
        """A target as people name it: its service and what it measures."""
        found = next((t for t in self.targets if t.id == target), None)
        if found is None or self.scenario is None:
            return "the target"
        return f"{self.scenario.service(found.service).name}: {found.measure}"

    def kpi_warnings(self) -> tuple[str, ...]:
        """The Procurement Act 2023 s.52 check (an outsourced option above GBP 5,000,000
        needs at least three KPI targets) on the options in force: the decision in force
        once one is adopted (section 3), before that the portfolio chosen to adopt."""
        from workbench.monitoring.performance import kpi_warnings

        if self.scenario is None:
            return ()
        choices = getattr(self, "_in_force", None) or self.chosen()
        if choices is None:
            return ()
        scenario = getattr(self, "_targets_scenario", None) or self.scenario
        return kpi_warnings(scenario, choices)

    # -- the portfolio to adopt -----------------------------------------------------------------
    def sources(self) -> list[tuple[str, str]]:
        """(words, source) of the portfolios that can be adopted now."""
        out = [(SOURCE_WORDS["recommended"].capitalize(), "recommended")]
        if self.scenario is not None and self.scenario.proposal:
            out.append((SOURCE_WORDS["proposal"].capitalize(), "proposal"))
        if self.analysis is not None and self.analysis.fair is not None and \
                self.analysis.fair.portfolio is not None:
            out.append((SOURCE_WORDS["fair"].capitalize(), "fair"))
        if self.pinned is not None and self.pinned.portfolio is not None:
            out.append(("The pinned what-if run", "what_if"))
        return out

    def chosen(self) -> dict[str, str] | None:
        """The choices of the portfolio to adopt (None when it cannot be had now)."""
        source = self.adopt_source
        if source == "recommended":
            return self.result.portfolio.choices if self.result and self.result.portfolio \
                else None
        if source == "proposal":
            return dict(self.scenario.proposal) if self.scenario.proposal else None
        if source == "fair":
            fair = self.analysis.fair if self.analysis is not None else None
            return fair.portfolio.choices if fair and fair.portfolio else None
        return self.pinned.portfolio.choices if self.pinned and self.pinned.portfolio \
            else None

    def departing(self) -> list[tuple[str, str, str]]:
        """(service, recommended option, adopted option) for each service that departs."""
        chosen = self.chosen()
        if chosen is None or self.result is None or self.result.portfolio is None:
            return []
        recommended = self.result.portfolio.choices
        return [(s, recommended[s], chosen[s]) for s in departures(recommended, chosen)]

    def proposal_beside(self) -> Beside | None:
        """The officers' proposal measured beside the recommendation (None without one)."""
        if self.scenario is None or not self.scenario.proposal or self.result is None or \
                self.result.portfolio is None:
            return None
        try:
            return beside(self.result, self.scenario.proposal)
        except WorkbenchError:
            return None

    def set_reason(self, service: str, text: str) -> None:
        self.reasons = {**self.reasons, service: text}

    def adoption(self) -> Adoption:
        """What to adopt, as build_record takes it."""
        source = self.adopt_source
        choices = self.chosen() if source == "what_if" else None
        departing = {s for s, _, _ in self.departing()}
        return Adoption(source, choices, {s: r for s, r in self.reasons.items()
                                          if s in departing},
                        self.confirm_unanswered)

    def adoption_problem(self) -> str:
        """Why adopting would be refused now, in words ("" when it can go ahead)."""
        if self.chosen() is None:
            return "That portfolio is not available now: pick another one."
        names = {s.id: s.name for s in self.scenario.services}
        missing = [names[s] for s, _, _ in self.departing()
                   if not self.reasons.get(s, "").strip()]
        if missing:
            return ("Say why each service departs from the recommendation before adopting "
                    f"(no reason yet for {', '.join(missing)}).")
        unanswered = self.unanswered
        if unanswered and not self.confirm_unanswered:
            many = len(unanswered) > 1
            return (f"{len(unanswered)} dissent note{'s' if many else ''} "
                    f"{'have' if many else 'has'} no answer yet: answer "
                    f"{'them' if many else 'it'} above, or tick the box to adopt with "
                    f"{'them' if many else 'it'} marked \"not answered\".")
        return ""


def view_label(view: Any, group_name: str, most: int = 60) -> str:
    """How a view is named in the answer form's list."""
    flat = " ".join(view.text.split())
    short = flat if len(flat) <= most else flat[:most - 1] + "…"
    return f"{group_name}, {view.kind}: {short}"
