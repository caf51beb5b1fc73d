"""Each group's best and worst portfolio worked out beside the recommendation, in a process
that is stopped at the time limit whatever the solver is doing.

At 10,000 services a HiGHS search can spend a minute in its root node without looking at
its own time limit (measured: 20 s asked, 132 s taken). A process can be stopped. It runs
on the second core while the recommendation is solved; whatever it has not proven by the
deadline is replaced by the recommendation improved by single swaps toward that end
(marked as not proven).
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections.abc import Mapping

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.optimiser.improve import swapped_toward
from workbench.optimiser.model import BuiltModel, build_model
from workbench.optimiser.portfolio import Portfolio
from workbench.scenario.model import Scenario
from workbench.weights import group_weights

BESIDE_FROM = 1000     # services: below this the groups are quicker in the same process
# Seconds kept back from the time limit: the searches aim to end this much before it, and
# whatever has not come back a quarter of it before the limit is replaced, so the whole
# answer comes back within the limit.
MARGIN = 2.0


class GroupsBeside:
    """The groups' searches, started in their own process; ``collect`` ends them."""

    def __init__(self, scenario: Scenario, solver: str, lifted: tuple[str, ...],
                 fixed: tuple, deadline: float | None):
        """``deadline``: when the whole answer is due, on the wall clock (``time.time()``),
        the one clock both processes share."""
        self.deadline = deadline
        context = multiprocessing.get_context("spawn")
        self.results = context.Queue()
        self._closed = False
        self.process = context.Process(
            target=_work, args=(scenario, solver, lifted, fixed,
                                None if self.deadline is None else self.deadline - MARGIN,
                                self.results),
            daemon=True)
        self.process.start()

    def collect(self, built: BuiltModel, fallback: np.ndarray) -> dict:
        """Every group's GroupRange: from the process when it reported by the deadline (a
        search it could not finish is bettered by the fallback where it can be), else the
        fallback improved by single swaps; either way marked when not proven."""
        from workbench.optimiser.recommend import GroupRange

        todo = group_weights(built.arrays.scenario)
        # The replacements first, while the searches go on beside: waiting is then all the
        # time there is, and nothing is left to do after the deadline.
        spare = {g: _fallback(built, w, fallback) for g, w in todo.items()}
        found: dict[str, GroupRange] = {}
        try:
            while len(found) < len(todo):
                wait = None if self.deadline is None else \
                    self.deadline - MARGIN / 4 - time.time()
                if wait is not None and wait <= 0:
                    break
                try:
                    group, data = self.results.get(timeout=wait)
                except queue.Empty:
                    break
                if data is not None:
                    found[group] = GroupRange(*data[:4], weights=todo[group], exact=data[4])
        finally:
            self.stop()
        for group in todo:
            got = found.get(group)
            if got is None or not got.exact:
                found[group] = _better(got, spare[group])
        return {g: found[g] for g in todo}

    def stop(self) -> None:
        """End the process (whatever it is doing) and its queue; safe to call again."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        if not self._closed:
            self._closed = True
            self.results.close()


def _better(found, fallback):
    """Of two unproven ranges, the higher best and the lower worst."""
    if found is None:
        return fallback
    best = found if found.best >= fallback.best else fallback
    worst = found if found.worst <= fallback.worst else fallback
    return type(found)(best.best, worst.worst, best.best_choices, worst.worst_choices,
                       found.weights, exact=False)


def _fallback(built: BuiltModel, weights: Mapping[str, float], start: np.ndarray):
    from workbench.optimiser.recommend import GroupRange

    arrays = built.arrays
    c = arrays.value_coefficients(weights)
    ends = [Portfolio.from_solution(arrays, swapped_toward(start, sign * c, built), weights)
            for sign in (1.0, -1.0)]
    return GroupRange(ends[0].value, ends[1].value, ends[0].choices, ends[1].choices,
                      dict(weights), exact=False)


def _work(scenario: Scenario, solver: str, lifted: tuple[str, ...], fixed: tuple,
          deadline: float | None, results) -> None:
    """In the child: every group's extremes, each reported as soon as it is known."""
    from workbench.optimiser.engines import HighsEngine, PulpEngine
    from workbench.optimiser.recommend import group_extremes

    built = build_model(ScenarioArrays(scenario), lifted=lifted, fixed=fixed)
    engine = HighsEngine(built) if solver == "highs" else PulpEngine(built, solver)
    todo = group_weights(scenario)
    for k, (group, weights) in enumerate(todo.items()):
        share = None if deadline is None else \
            max(0.1, (deadline - time.time()) / (len(todo) - k))
        ends = group_extremes(engine, built, weights, share)
        if ends is None:
            results.put((group, None))
            continue
        best, worst, exact = ends
        results.put((group, (best.value, worst.value, best.choices, worst.choices, exact)))
