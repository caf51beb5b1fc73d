"""The meeting's state as a traitlets model: no widgets, so tests drive it without a browser.

Views only link widgets to these traits and call these methods; every method turns one
event into a state change and a service call, keeps the last good result when anything
fails, and reports what went wrong in ``status`` in plain words.
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
from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.recommend import Recommendation
from workbench.scenario import Scenario, load_scenario, parse_scenario
from workbench.ui.entry import pairwise_entry, swing_entry
from workbench.weights import agree

_OPEN: weakref.WeakSet = weakref.WeakSet()
ANALYSIS_DELAY = 0.3   # seconds after a re-solve before the long analyses start


@atexit.register
def _stop_analyses() -> None:
    """Cancel unfinished analyses before the interpreter goes, so no solver thread is cut."""
    for state in list(_OPEN):
        state.close()


class MeetingState(traitlets.HasTraits):
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
            self.status = f"{name} was not opened: {len(problems)} problem(s).{kept}"
            return False
        self._live = {}
        self.prices = {}        # filled by the background analysis for the new scenario
        self.problems = []
        self.pinned = None
        self.lifted = []
        with self.hold_trait_notifications():
            self.scenario, self.source = scenario, name
            self.group_weights = {g.id: dict(g.weights) for g in scenario.stakeholders}
            self.influence = {g.id: g.influence for g in scenario.stakeholders}
        self.resolve()
        if self.result is not None and self.result.portfolio is not None:
            self.status = f"Opened {scenario.name}."
        return True

    # -- weights and givens ---------------------------------------------------------------
    @property
    def agreed_weights(self) -> dict[str, float]:
        return agree(self.group_weights, self.influence, self.scenario.criterion_ids)

    def set_weight(self, group: str, criterion: str, value: float) -> None:
        """A panel's slider moved: store it and re-solve."""
        if not 0 <= float(value) <= 100:
            self.status = f"{group}.{criterion}: a weight must be 0 to 100 (got {value:g})"
            return
        weights = {**self.group_weights, group: {**self.group_weights[group],
                                                 criterion: float(value)}}
        if not any(weights[group].values()):
            self.status = (f"{group}: at least one weight must be above 0; "
                           f"{criterion} was left at {self.group_weights[group][criterion]:g}")
            return
        self.group_weights = weights
        self.resolve()

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

    def _entered(self, group: str, weights: dict[str, float] | None, said: str) -> bool:
        """A group's weights replaced at once (swing or pairwise), or why they were not."""
        if weights is None:
            self.status = f"{self._group_name(group)}: {said}"
            return False
        self.group_weights = {**self.group_weights, group: weights}
        self.resolve()
        if not self.status:
            self.status = f"{self._group_name(group)}: weights set from {said}."
        return True

    def _group_name(self, group: str) -> str:
        return next((g.name for g in self.scenario.stakeholders if g.id == group), group)

    def set_influence(self, group: str, value: float) -> None:
        influence = {**self.influence, group: float(value)}
        if float(value) < 0 or not any(v > 0 for v in influence.values()):
            self.status = "influence: must be 0 or more, and at least one group above 0"
            return
        self.influence = influence
        self.resolve()

    def lift(self, given: str, lifted: bool = True) -> None:
        """Lift a given for a what-if (the official recommendation always keeps it)."""
        now = [g for g in self.lifted if g != given] + ([given] if lifted else [])
        self.lifted = now
        self.resolve()

    # -- solving --------------------------------------------------------------------------
    def _optimiser(self, lifted: tuple[str, ...]) -> LiveOptimiser:
        if lifted not in self._live:
            self._live[lifted] = LiveOptimiser(self.scenario, lifted=lifted)
        return self._live[lifted]

    def resolve(self) -> None:
        """Re-solve with the current weights; on failure keep the last good result."""
        if self.scenario is None:
            return
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
                    self.result, self.lifted_result = result, lifted
        except WorkbenchError as exc:
            self.status = f"Could not re-solve: {exc}"
            return
        finally:
            self.busy = False
        self.status = "" if result.portfolio is not None else result.explanation
        self.start_analysis()

    # -- the long analyses, off the slider's path -------------------------------------------
    def start_analysis(self) -> None:
        """Fair portfolio, frontier, stability and summary for the current weights, in a
        thread; a newer call supersedes (cancels) an unfinished older one."""
        self._generation += 1
        generation = self._generation
        if self.scenario is None or self.result is None or self.result.portfolio is None:
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
                    self.status = f"The trade-off analysis failed: {exc}"
                return
            if generation == self._generation:
                self.analysis = done
                self.prices = dict(done.prices)   # the givens' prices at the current weights
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
            self.status = "There is no recommendation to compare a what-if with."
            return
        self.busy = True
        try:
            with self._lock:
                self.whatif = what_if(self._optimiser(()), self.result, service, option,
                                      chosen, self.agreed_weights)
        except WorkbenchError as exc:
            self.status = f"Could not answer the what-if: {exc}"
        finally:
            self.busy = False

    def pin(self) -> None:
        """Keep the current run to compare with what follows."""
        self.pinned = self.result

    def comparison(self) -> dict[str, Any]:
        """The pinned run beside the current one: choices that differ, value, cost, groups."""
        if self.pinned is None or self.result is None or self.pinned.portfolio is None \
                or self.result.portfolio is None:
            return {}
        before, after = self.pinned.portfolio, self.result.portfolio
        return {
            "changed": {s: (before.choices[s], after.choices[s]) for s in before.choices
                        if before.choices[s] != after.choices[s]},
            "value": (before.value, after.value),
            "total_cost": (before.total_cost, after.total_cost),
            "satisfaction": {g: (self.pinned.satisfaction.get(g), s)
                             for g, s in self.result.satisfaction.items()},
        }

    def price_of_lifted(self) -> dict[str, float] | None:
        """What the lifted givens cost together: value and total cost gained by lifting."""
        if not self.lifted or self.lifted_result is None or self.result is None:
            return None
        a, b = self.result.portfolio, self.lifted_result.portfolio
        if a is None or b is None:
            return None
        return {"value": b.value - a.value, "total_cost": b.total_cost - a.total_cost}


def _with_weights(scenario: Scenario, groups: dict, influence: dict) -> Scenario:
    """``scenario`` with each group's weights and influence replaced."""
    return scenario.replace(stakeholders=[
        {**g.model_dump(by_alias=True), "weights": groups[g.id], "influence": influence[g.id]}
        for g in scenario.stakeholders])
