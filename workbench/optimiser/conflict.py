"""Infeasible givens explained: a minimal set that cannot hold together (a deletion filter)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.givens.kind import GivenBase
from workbench.givens.registry import kind_of
from workbench.optimiser.model import WhatIfChoices, build_model
from workbench.optimiser.solver import run
from workbench.optimiser.status import INFEASIBLE, NO_SOLUTION


def is_feasible(arrays: ScenarioArrays, lifted: Collection[str], solver: str,
                whatif: WhatIfChoices = ()) -> bool:
    built = build_model(arrays, lifted=lifted, whatif=whatif)
    built.set_objective(np.zeros(arrays.n_options), maximise=True)
    status = run(built, solver).status
    if status == NO_SOLUTION:
        return False
    return status != INFEASIBLE


def minimal_conflict(arrays: ScenarioArrays, solver: str = "cbc",
                     lifted: Collection[str] = (), whatif: WhatIfChoices = (),
                     progress: Callable[[int, int], None] | None = None) -> tuple[str, ...]:
    """Ids of givens that together admit no portfolio, where lifting any one admits one.

    Each given is lifted in turn; if the rest still conflict it is left out for good. What is
    left is minimal. Empty when the what-if choices alone (``whatif``) are impossible.
    """
    whatif = tuple(whatif)
    givens = [g.id for g in arrays.scenario.givens if g.id not in lifted]
    if not is_feasible(arrays, [g.id for g in arrays.scenario.givens], solver, whatif):
        return ()
    keep = list(givens)
    for i, given_id in enumerate(givens):
        if progress:
            progress(i, len(givens))
        trial = [g for g in keep if g != given_id]
        outside = [g.id for g in arrays.scenario.givens if g.id not in trial]
        if not is_feasible(arrays, outside, solver, whatif):
            keep = trial
    return tuple(keep)


def describe_conflict(givens: Iterable[GivenBase]) -> str:
    """A sentence a councillor can read: which givens clash, and why each is there."""
    clashing = list(givens)
    if not clashing:
        return ("No portfolio is possible with the choices forced in this what-if; "
                "the givens themselves can all hold.")
    parts = [f"the {g.category} given '{g.id}' ({kind_of(g).label}: {g.reason}"
             + (f"; answerable: {g.owner}" if g.owner else "") + ")" for g in clashing]
    if len(clashing) == 1:
        return ("No portfolio can meet " + parts[0] + " on its own; it must be changed "
                "before anything can be recommended.")
    listed = "; ".join(parts[:-1]) + "; and " + parts[-1]
    return (f"No portfolio can meet all the givens. These {len(clashing)} cannot hold "
            f"together, and lifting any one of them would let the rest hold: {listed}.")
