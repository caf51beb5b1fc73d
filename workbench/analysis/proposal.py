"""The officers' proposal (commissioning-cycle.md, section 2): a complete portfolio that need
not meet the givens, shown beside the recommendation; this says which givens it breaks."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.errors import InputError
from workbench.givens.rows import rows_hold
from workbench.optimiser.model import given_rows
from workbench.scenario.model import Scenario


def broken_givens(scenario: Scenario, portfolio: Mapping[str, str] | None = None,
                  arrays: ScenarioArrays | None = None) -> tuple[str, ...]:
    """The ids of the givens that ``portfolio`` (service id -> option id; by default the
    scenario's ``proposal``) breaks, in the order of the file's givens."""
    portfolio = scenario.proposal if portfolio is None else portfolio
    if portfolio is None:
        raise InputError("the scenario has no proposal to check")
    arrays = arrays or ScenarioArrays(scenario)     # a solve's own, when it has them
    chosen = np.zeros(arrays.n_options)
    try:
        chosen[arrays.chosen_indices(portfolio)] = 1.0
    except KeyError as exc:
        raise InputError(f"the portfolio names an unknown option {exc}") from None
    rows = given_rows(arrays)
    if not rows:
        return ()
    activity = np.array([row.coefficients @ chosen for row in rows])
    held = rows_hold(activity, np.array([r.rhs for r in rows]), np.array([r.sense for r in rows]))
    broken = {row.given for row, ok in zip(rows, held) if not ok}
    return tuple(g.id for g in scenario.givens if g.id in broken)
