"""The meeting's state as a traitlets model: no widgets, so tests drive it without a browser.

The page only links widgets to these traits and calls these methods; every method turns one
event into a state change and a service call, keeps the last good result when anything
fails, and says what happened in plain words at the place of the control it is about
(``messages``: place -> (kind, text); ``status`` repeats the latest message).
"""

from __future__ import annotations

import atexit
import threading
import weakref
from pathlib import Path
from typing import Any

import traitlets

from workbench.analysis import Analysis, analyse
from workbench.analysis.whatif import WhatIf, what_if
from workbench.errors import CancelledError, Problem, WorkbenchError
from workbench.limits import limits_for
from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.recommend import Recommendation
from workbench.scenario import Scenario, load_scenario, parse_scenario
from workbench.ui.common.entry import pairwise_entry, swing_entry
from workbench.ui.common.messages import Messages
from workbench.weights import agree

_OPEN: weakref.WeakSet = weakref.WeakSet()
ANALYSIS_DELAY = 0.3   # seconds after a re-solve before the long analyses start


@atexit.register
def _stop_analyses() -> None:
    """Cancel unfinished analyses before the interpreter goes, so no solver thread is cut."""
    for state in list(_OPEN):
        state.close()


class MeetingState(Messages):
    """One commissioning meeting: the scenario, each group's weights, and the results."""

    scenario = traitlets.Instance(Scenario, allow_none=True)
    source = traitlets.Unicode("")
    group_weights = traitlets.Dict()        # group id -> {criterion id: raw weight}
    influence = traitlets.Dict()            # group id -> influence
    lifted = traitlets.List(traitlets.Unicode())   # givens lifted for a what-if, never official
    result = traitlets.Instance(Recommendation, allow_none=True)          # every given kept
    lifted_result = traitlets.Instance(Recommendation, allow_none=True)   # with ``lifted``
    pinned = traitlets.Instance(Recommendation, allow_none=True)
    problems = traitlets.List()             # located problems of the last refused file
    status = traitlets.Unicode("")
    busy = traitlets.Bool(False)
    prices = traitlets.Dict()               # given id -> Price, with every given kept
    analysis = traitlets.Instance(Analysis, allow_none=True)   # the long analyses, when done
    progress = traitlets.Float(0.0)         # of the analysis under way (0 to 1)
    progress_message = traitlets.Unicode("")
    whatif = traitlets.Instance(WhatIf, allow_none=True)
    pairwise = traitlets.Dict()             # group id -> PairwiseResult of its last comparisons
    before = traitlets.Instance(Recommendation, allow_none=True)   # the result before the
    # last move, to mark what it changed (None after opening a scenario)
    analysis_current = traitlets.Bool(False)   # False while ``analysis`` is for older weights

    def __init__(self, background: bool = True, **kwargs: Any):
        super().__init__(**kwargs)
        self._live: dict[tuple[str, ...], LiveOptimiser] = {}
        self._background = background
        self._generation = 0
        self._thread: threading.Thread | None = None
        # The live solvers are not thread-safe: a poll of the store (facilitator) and a
        # slider move may both re-solve.
        self._lock = threading.RLock()
        _OPEN.add(self)

    def say(self, place: str, kind: str, text: str) -> None:
        """A message beside the control at ``place``; ``status`` repeats the latest."""
        super().say(place, kind, text)
        self.status = text

    def close(self, timeout: float = 30) -> None:
        """Cancel the analysis under way (at its next step) and wait for it to stop."""
        self._generation += 1
        self.wait_for_analysis(timeout)

    # -- opening -------------------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open a scenario file; on any problem keep the current one and list the problems."""
        return self._open(lambda: load_scenario(path), str(path))

    def open_text(self, text: str, name: str) -> bool:
        """Open an uploaded scenario (its text and file name)."""
        return self._open(lambda: parse_scenario(text, name), name)

    def _open(self, read, name: str) -> bool:
        try:
            scenario = read()
        except WorkbenchError as exc:
            problems = list(getattr(exc, "problems", ())) or [Problem("", str(exc), name)]
            self.problems = [str(p) for p in problems]
            kept = f" The previous scenario, {self.scenario.name}, is still open." \
                if self.scenario else ""
            self.say("source", "error",
                     f"{name} was not opened: {len(problems)} problem(s).{kept}")
            return False
        self._generation += 1   # an analysis of the previous scenario is never shown
        self._live = {}
        self.prices = {}        # filled by the background analysis for the new scenario
        self.problems = []
        self.pinned = None
        self.lifted = []
        self.messages = {}
        with self.hold_trait_notifications():
            self.analysis, self.analysis_current, self.whatif = None, False, None
            self.result = self.lifted_result = self.before = None
            self.pairwise = {}
            self.scenario, self.source = scenario, name
            self.group_weights = {g.id: dict(g.weights) for g in scenario.stakeholders}
            self.influence = {g.id: g.influence for g in scenario.stakeholders}
        self.resolve()
        if self.result is not None and self.result.portfolio is not None:
            self.say("source", "success", f"Opened {scenario.name}.")
        elif self.result is not None:
            self.say("source", "warning", f"Opened {scenario.name}, but its givens clash: "
                     "there is no recommendation until one of them is lifted (see the "
                     "givens).")
        return True

    # -- weights and givens ---------------------------------------------------------------
    @property
    def agreed_weights(self) -> dict[str, float]:
        return agree(self.group_weights, self.influence, self.scenario.criterion_ids)

    def set_weight(self, group: str, criterion: str, value: float) -> bool:
        """A group's weight for a criterion moved: store it and re-solve; a value out of
        range, or the group's last weight above 0 going to 0, is refused in words (the
        stored weight stays, and the page puts its control back to it)."""
        if group not in self.group_weights or criterion not in self.scenario.criterion_ids:
            self.say("weights", "error", "Pick a group and a criterion first.")
            return False
        who, what = self._group_name(group), self._criterion_name(criterion)
        kept = self.group_weights[group].get(criterion, 0)
        if not 0 <= float(value) <= 100:
            self.say("weights", "error", f"{who}, {what}: a weight must be 0 to 100 (got "
                     f"{float(value):g}); it stays at {kept:g}.")
            return False
        weights = {**self.group_weights, group: {**self.group_weights[group],
                                                 criterion: float(value)}}
        if not any(weights[group].values()):
            self.say("weights", "error", f"{who}: at least one weight must be above 0, so "
                     f"{what} stays at {kept:g} (every other weight of this group is 0).")
            return False
        self.clear("weights")
        self.group_weights = weights
        self.resolve()
        return True

    def use_swing(self, group: str, points: dict[str, float]) -> bool:
        """Swing weighting: the most important swing gets 100, the others 0 to 100."""
        weights, said = swing_entry(points)
        return self._entered(group, weights, said)

    def use_pairwise(self, group: str, matrix: list[list[float]],
                     accept_inconsistent: bool = False) -> bool:
        """Pairwise (AHP) comparisons. Above a consistency ratio of 0.10 the weights are
        shown with a warning and only used when the facilitator accepts them knowingly."""
        weights, result, said = pairwise_entry(matrix, self.scenario.criterion_ids,
                                               accept_inconsistent)
        if result is not None:
            self.pairwise = {**self.pairwise, group: result}
        return self._entered(group, weights, said)

    def _entered(self, group: str | None, weights: dict[str, float] | None,
                 said: str) -> bool:
        """A group's weights replaced at once (swing or pairwise), or why they were not."""
        if group not in self.group_weights:
            self.say("method", "error", "Pick the group whose weights these are first.")
            return False
        if weights is None:
            self.say("method", "error", f"{self._group_name(group)}: {said}")
            return False
        self.group_weights = {**self.group_weights, group: weights}
        self.resolve()
        self.say("method", "success", f"{self._group_name(group)}: weights set from {said}; "
                 "its sliders show them.")
        return True

    def _group_name(self, group: str) -> str:
        return next((g.name for g in self.scenario.stakeholders if g.id == group), group)

    def _criterion_name(self, criterion: str) -> str:
        return next((c.name for c in self.scenario.criteria if c.id == criterion), criterion)

    def set_influence(self, group: str, value: float) -> bool:
        influence = {**self.influence, group: float(value)}
        if group not in self.influence or float(value) < 0 \
                or not any(v > 0 for v in influence.values()):
            self.say("weights", "error", "Influence must be 0 or more, and at least one "
                     "group's above 0; it stays as it was.")
            return False
        self.clear("weights")
        self.influence = influence
        self.resolve()
        return True

    def lift(self, given: str, lifted: bool = True) -> None:
        """Lift a given for a what-if (the official recommendation always keeps it)."""
        if given not in {g.id for g in self.scenario.givens}:
            self.say("lift", "error", "There is no such given in this scenario.")
            return
        now = [g for g in self.lifted if g != given] + ([given] if lifted else [])
        self.lifted = now
        self.clear("lift")
        self.resolve(moved=False)

    # -- solving --------------------------------------------------------------------------
    def _optimiser(self, lifted: tuple[str, ...]) -> LiveOptimiser:
        if lifted not in self._live:
            # a page's solve stops at the upload time limit (anyone may upload a file)
            self._live[lifted] = LiveOptimiser(self.scenario, lifted=lifted,
                                               time_limit=limits_for().seconds)
        return self._live[lifted]

    def resolve(self, moved: bool = True) -> None:
        """Re-solve with the current weights; on failure keep the last good result. A move
        (``moved``) keeps the previous result in ``before`` so the page can mark what
        changed."""
        if self.scenario is None:
            return
        previous = self.result
        self.busy = True
        try:
            with self._lock:
                weights = self.agreed_weights
                result = self._optimiser(()).solve(weights, group_weights=self.group_weights)
                lifted = None
                if self.lifted:
                    lifted = self._optimiser(tuple(sorted(self.lifted))).solve(
                        weights, group_weights=self.group_weights)
                with self.hold_trait_notifications():
                    if moved:
                        self.before = previous
                    self.result, self.lifted_result = result, lifted
        except WorkbenchError as exc:
            self.say("weights", "error", f"Could not solve again: {exc}. The last result "
                     "stays.")
            return
        finally:
            self.busy = False
        self.start_analysis()

    # -- the long analyses, off the slider's path -------------------------------------------
    def start_analysis(self) -> None:
        """Fair portfolio, frontier, stability and summary for the current weights, in a
        thread; a newer call supersedes (cancels) an unfinished older one."""
        self._generation += 1
        generation = self._generation
        self.analysis_current = False
        if self.scenario is None or self.result is None or self.result.portfolio is None:
            # nothing to analyse: the trade-offs of earlier givens or weights never stand
            with self.hold_trait_notifications():
                self.analysis, self.progress = None, 0.0
                self.progress_message = ("No trade-offs: the givens clash, so there is no "
                                         "recommendation to weigh them against."
                                         if self.result is not None else "")
            return
        # The weights as they are now; the scenario is rebuilt from them in the thread, off
        # the slider's path (it is validated again, which grows with the scenario).
        base, weights = self.scenario, self.agreed_weights
        groups, influence = dict(self.group_weights), dict(self.influence)
        self.progress, self.progress_message = 0.0, "analysing trade-offs"

        def work() -> None:
            if generation != self._generation:
                return          # superseded while it waited
            def report(fraction: float, message: str) -> None:
                if generation == self._generation:
                    self.progress, self.progress_message = fraction, message

            try:
                done = analyse(_with_weights(base, groups, influence), weights,
                               progress=report,
                               cancelled=lambda: generation != self._generation)
            except CancelledError:
                return
            except Exception as exc:  # shown, never lost in a thread
                if generation == self._generation:
                    self.say("analysis", "error", f"The trade-off analysis failed: {exc}")
                    self.progress_message = "trade-offs not available"
                return
            if generation == self._generation:
                with self.hold_trait_notifications():
                    self.analysis, self.analysis_current = done, True
                    self.prices = dict(done.prices)   # the givens' prices at these weights
                    self.progress, self.progress_message = 1.0, "trade-offs up to date"

        if self._background:
            # A moment's wait lets the new table and charts reach the page first: the
            # analysis holds the interpreter while it runs, which delayed them by ~150 ms.
            self._thread = threading.Timer(ANALYSIS_DELAY, work)
            self._thread.daemon = True
            self._thread.start()
        else:
            work()

    def current_scenario(self) -> Scenario:
        """The scenario with the groups' weights and influence as the meeting has them now:
        what the analyses, exports and records must use."""
        return _with_weights(self.scenario, self.group_weights, self.influence)

    def wait_for_analysis(self, timeout: float = 60) -> None:
        """For tests and scripts: block until the analysis under way has finished."""
        if self._thread is not None:
            self._thread.join(timeout)

    def ask_what_if(self, service: str, option: str, chosen: bool) -> None:
        """What if this service took that option (``chosen``), or could not take it?"""
        if self.result is None or self.result.portfolio is None:
            self.say("whatif", "error", "There is no recommendation to compare a what-if "
                     "with: the givens clash.")
            return
        try:
            self.scenario.service(service).option(option)
        except (KeyError, WorkbenchError, AttributeError):
            self.say("whatif", "error", "Pick a service and one of its options first.")
            return
        self.busy = True
        try:
            with self._lock:
                self.whatif = what_if(self._optimiser(()), self.result, service, option,
                                      chosen, self.agreed_weights)
            self.clear("whatif")
        except WorkbenchError as exc:
            self.say("whatif", "error", f"Could not answer the what-if: {exc}")
        finally:
            self.busy = False

    def pin(self) -> None:
        """Keep the current run to compare with what follows."""
        if self.result is None or self.result.portfolio is None:
            self.say("compare", "error", "There is no recommendation to pin.")
            return
        self.pinned = self.result
        self.say("compare", "success", "Pinned: change anything and compare below.")

    def comparison(self) -> dict[str, Any]:
        """The pinned run beside the current one: choices that differ, value, cost, groups."""
        if self.pinned is None or self.result is None or self.pinned.portfolio is None \
                or self.result.portfolio is None:
            return {}
        before, after = self.pinned.portfolio, self.result.portfolio
        return {
            "changed": changes_between(self.pinned, self.result)["changed"],
            "value": (before.value, after.value),
            "total_cost": (before.total_cost, after.total_cost),
            "satisfaction": {g: (self.pinned.satisfaction.get(g), s)
                             for g, s in self.result.satisfaction.items()},
        }

    def price_of_lifted(self) -> dict[str, float] | None:
        """What the lifted givens cost together: value and total cost gained by lifting
        (None unless both the official and the lifted run have a portfolio)."""
        if not self.lifted or self.lifted_result is None or self.result is None:
            return None
        a, b = self.result.portfolio, self.lifted_result.portfolio
        if a is None or b is None:
            return None
        return {"value": b.value - a.value, "total_cost": b.total_cost - a.total_cost}

    def changes(self) -> dict[str, Any]:
        """What the last move changed: services whose option changed (old, new), and the
        change in value and total cost; empty when nothing is known to compare."""
        return changes_between(self.before, self.result)


def changes_between(before: Recommendation | None,
                    after: Recommendation | None) -> dict[str, Any]:
    """Services whose option differs (service id -> (before, after) option ids), and the
    change in value and total cost, from ``before`` to ``after``; empty if either has no
    portfolio."""
    if before is None or after is None or before.portfolio is None \
            or after.portfolio is None:
        return {}
    a, b = before.portfolio, after.portfolio
    return {"changed": {s: (a.choices[s], b.choices[s]) for s in a.choices
                        if a.choices.get(s) != b.choices.get(s)},
            "value": b.value - a.value, "total_cost": b.total_cost - a.total_cost}


def _with_weights(scenario: Scenario, groups: dict, influence: dict) -> Scenario:
    """``scenario`` with each group's weights and influence replaced."""
    return scenario.replace(stakeholders=[
        {**g.model_dump(by_alias=True), "weights": groups[g.id], "influence": influence[g.id]}
        for g in scenario.stakeholders])
