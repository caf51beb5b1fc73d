"""Infeasible givens explained: a minimal set that cannot hold together (a deletion filter)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.optimiser.model import build_model
from workbench.optimiser.solver import INFEASIBLE, NO_SOLUTION, run
from workbench.scenario.model import Given


def is_feasible(arrays: ScenarioArrays, lifted: Collection[str], solver: str,
                fixed: Iterable[tuple[str, str, bool]] = ()) -> bool:
    built = build_model(arrays, lifted=lifted, fixed=fixed)
    built.set_objective(np.zeros(arrays.n_options), maximise=True)
    status = run(built, solver).status
    if status == NO_SOLUTION:
        return False
    return status != INFEASIBLE


def minimal_conflict(arrays: ScenarioArrays, solver: str = "cbc",
                     lifted: Collection[str] = (), fixed: Iterable[tuple[str, str, bool]] = (),
                     progress: Callable[[int, int], None] | None = None) -> tuple[str, ...]:
    """Ids of givens that together admit no portfolio, where lifting any one admits one.

    Each given is lifted in turn; if the rest still conflict it is left out for good. What is
    left is minimal. Empty when the what-if choices alone (``fixed``) are impossible.
    """
    fixed = tuple(fixed)
    givens = [g.id for g in arrays.scenario.givens if g.id not in lifted]
    if not is_feasible(arrays, [g.id for g in arrays.scenario.givens], solver, fixed):
        return ()
    keep = list(givens)
    for i, given_id in enumerate(givens):
        if progress:
            progress(i, len(givens))
        trial = [g for g in keep if g != given_id]
        outside = [g.id for g in arrays.scenario.givens if g.id not in trial]
        if not is_feasible(arrays, outside, solver, fixed):
            keep = trial
    return tuple(keep)


def describe_conflict(givens: Iterable[Given]) -> str:
    """A sentence a councillor can read: which givens clash, and why each is there."""
    givens = list(givens)
    if not givens:
        return ("No portfolio is possible with the choices forced in this what-if; "
                "the givens themselves can all hold.")
    parts = [f"the {g.category} given '{g.id}' ({g.kind.replace('_', ' ')}: {g.reason}"
             + (f"; answerable: {g.owner}" if g.owner else "") + ")" for g in givens]
    if len(givens) == 1:
        return ("No portfolio can meet " + parts[0] + " on its own; it must be changed "
                "before anything can be recommended.")
    listed = "; ".join(parts[:-1]) + "; and " + parts[-1]
    return (f"No portfolio can meet all the givens. These {len(givens)} cannot hold together, "
            f"and lifting any one of them would let the rest hold: {listed}.")
