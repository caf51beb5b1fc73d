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
from typing import Any

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.optimiser.engines import make_engine
from workbench.optimiser.groups import GroupRange, group_range, swapped_range
from workbench.optimiser.model import BuiltModel, build_model
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
                 whatif: tuple[tuple[str, str, bool], ...], deadline: float | None):
        """``deadline``: when the whole answer is due, on the wall clock (``time.time()``),
        the one clock both processes share."""
        self.deadline = deadline
        context = multiprocessing.get_context("spawn")
        self.results: Any = context.Queue()
        self._closed = False
        self.process = context.Process(
            target=_work, args=(scenario, solver, lifted, whatif,
                                None if self.deadline is None else self.deadline - MARGIN,
                                self.results),
            daemon=True)
        self.process.start()

    def collect(self, built: BuiltModel, fallback: np.ndarray) -> dict[str, GroupRange]:
        """Every group's GroupRange: from the process when it reported by the deadline (a
        search it could not finish is bettered by the fallback where it can be), else the
        fallback improved by single swaps; either way marked when not proven."""
        todo = group_weights(built.arrays.scenario)
        # The replacements first, while the searches go on beside: waiting is then all the
        # time there is, and nothing is left to do after the deadline.
        spare = {g: swapped_range(built, w, fallback) for g, w in todo.items()}
        found: dict[str, GroupRange] = {}
        try:
            while len(found) < len(todo):
                wait = None if self.deadline is None else \
                    self.deadline - MARGIN / 4 - time.time()
                if wait is not None and wait <= 0:
                    break
                try:
                    group, got = self.results.get(timeout=wait)
                except queue.Empty:
                    break
                if got is not None:
                    found[group] = got
        finally:
            self.stop()
        for group in todo:
            got = found.get(group)
            if got is None:
                found[group] = spare[group]
            elif not got.exact:
                found[group] = got.widened(spare[group])
        return {g: found[g] for g in todo}

    def stop(self) -> None:
        """End the process (whatever it is doing) and its queue; safe to call again."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        if not self._closed:
            self._closed = True
            self.results.close()


def _work(scenario: Scenario, solver: str, lifted: tuple[str, ...],
          whatif: tuple[tuple[str, str, bool], ...], deadline: float | None,
          results: Any) -> None:
    """In the child: every group's range, each reported as soon as it is known."""
    built = build_model(ScenarioArrays(scenario), lifted=lifted, whatif=whatif)
    engine = make_engine(built, solver)
    todo = group_weights(scenario)
    for k, (group, weights) in enumerate(todo.items()):
        share = None if deadline is None else \
            max(0.1, (deadline - time.time()) / (len(todo) - k))
        results.put((group, group_range(engine, built, weights, share)))
