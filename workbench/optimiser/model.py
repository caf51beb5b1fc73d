"""Step 1 of a solve: the mixed-integer model, one binary per option, every constraint named
after the given it comes from (decision-model.md, The recommended portfolio).

Each given becomes one or more linear rows over the option binaries (its kind's ``rows``, in
:mod:`workbench.givens`); the PuLP model is built from those rows, and so is the dominance
test that removes options that can never be chosen.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import numpy as np
import pulp

from workbench.arrays import ScenarioArrays
from workbench.givens.kind import GivenBase
from workbench.givens.registry import kind_of
from workbench.givens.rows import EQ, GE, LE, Row, area_mask, service_mask

# What-if choices ``(service, option, chosen)``: an option forced in (True) or ruled out.
WhatIfChoices = Iterable[tuple[str, str, bool]]

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def constraint_name(index: int, given: GivenBase, part: str = "") -> str:
    """``g003_budget_envelope_y1``: the given's position, kind and id (solver-safe)."""
    safe = _UNSAFE.sub("_", given.id)
    return f"g{index:03d}_{given.kind}_{safe}" + (f"_{part}" if part else "")


def given_rows(arrays: ScenarioArrays, lifted: Collection[str] = ()) -> list[Row]:
    """Every row of every given not in ``lifted``, in file order."""
    rows = []
    for gi, given in enumerate(arrays.scenario.givens):
        if given.id in lifted:
            continue
        for part, coefficients, sense, rhs in kind_of(given).rows(given, arrays):
            rows.append(Row(given.id, constraint_name(gi, given, part), coefficients, sense,
                            float(rhs)))
    return rows


@dataclass
class BuiltModel:
    """A PuLP problem over a scenario, with the map from constraint names to given ids."""

    arrays: ScenarioArrays
    problem: pulp.LpProblem
    x: list[pulp.LpVariable]
    rows: list[Row]
    constraint_given: dict[str, str] = field(default_factory=dict)

    def set_objective(self, coefficients: np.ndarray, maximise: bool) -> None:
        self.problem.sense = pulp.LpMaximize if maximise else pulp.LpMinimize
        self.problem.setObjective(pulp.LpAffineExpression(
            (v, float(c)) for v, c in zip(self.x, coefficients) if c != 0))


def build_model(arrays: ScenarioArrays, lifted: Collection[str] = (),
                whatif: WhatIfChoices = ()) -> BuiltModel:
    """The model with every given except those in ``lifted``, and the what-if choices
    ``(service, option, chosen)`` in ``whatif`` forced in or ruled out."""
    problem = pulp.LpProblem("portfolio", pulp.LpMaximize)
    width = max(5, len(str(arrays.n_options)))  # zero-padded: solvers see options in order
    x = [pulp.LpVariable(f"x_{i:0{width}d}", cat=pulp.LpBinary) for i in range(arrays.n_options)]
    rows = given_rows(arrays, lifted)
    built = BuiltModel(arrays, problem, x, rows)
    starts = arrays.starts
    for si in range(len(starts) - 1):
        problem += (pulp.lpSum(x[starts[si]:starts[si + 1]]) == 1, f"provide_{si:0{width}d}")
    for service_id, option_id, chosen in whatif:
        i = arrays.index[(service_id, option_id)]
        problem += (x[i] == int(chosen), f"whatif_{'force' if chosen else 'forbid'}_{i}")
    for row in rows:
        expr = pulp.LpAffineExpression((x[i], float(row.coefficients[i]))
                                       for i in np.flatnonzero(row.coefficients))
        problem += (pulp.LpConstraint(expr, _SENSE[row.sense], rhs=row.rhs), row.name)
        built.constraint_given[row.name] = row.given
    return built


_SENSE = {LE: pulp.LpConstraintLE, GE: pulp.LpConstraintGE, EQ: pulp.LpConstraintEQ}


__all__ = ["EQ", "GE", "LE", "BuiltModel", "Row", "WhatIfChoices", "area_mask",
           "build_model", "constraint_name", "given_rows", "service_mask"]
