"""Step 1 of a solve: the mixed-integer model, one binary per option, every constraint named
after the given it comes from (decision-model.md, The recommended portfolio).

Each given becomes one or more linear rows over the option binaries (:func:`given_rows`);
the PuLP model is built from those rows, and so is the dominance test that removes options
that can never be chosen.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pulp

from workbench.arrays import ScenarioArrays
from workbench.scenario.model import (
    ALL,
    Budget,
    ForbidModes,
    Given,
    MaxChanges,
    MinScore,
    RequireOption,
    Requires,
    SpendShare,
)

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
LE, GE, EQ = "<=", ">=", "=="


def constraint_name(index: int, given: Given, part: str = "") -> str:
    """``g003_budget_envelope_y1``: the given's position, kind and id (solver-safe)."""
    safe = _UNSAFE.sub("_", given.id)
    return f"g{index:03d}_{given.kind}_{safe}" + (f"_{part}" if part else "")


@dataclass(frozen=True, eq=False)
class Row:
    """One linear constraint ``coefficients @ x  sense  rhs`` from one given."""

    given: str
    name: str
    coefficients: np.ndarray
    sense: str
    rhs: float


def given_rows(arrays: ScenarioArrays, lifted: Collection[str] = ()) -> list[Row]:
    """Every row of every given not in ``lifted``, in file order."""
    rows = []
    for gi, given in enumerate(arrays.scenario.givens):
        if given.id in lifted:
            continue
        for part, coefficients, sense, rhs in _rows(arrays, given):
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
                fixed: Iterable[tuple[str, str, bool]] = ()) -> BuiltModel:
    """The model with every given except those in ``lifted``.

    ``fixed`` holds what-if choices ``(service, option, chosen)``: forced in or ruled out.
    """
    problem = pulp.LpProblem("portfolio", pulp.LpMaximize)
    width = max(5, len(str(arrays.n_options)))  # zero-padded: solvers see options in order
    x = [pulp.LpVariable(f"x_{i:0{width}d}", cat=pulp.LpBinary) for i in range(arrays.n_options)]
    rows = given_rows(arrays, lifted)
    built = BuiltModel(arrays, problem, x, rows)
    starts = arrays.starts
    for si in range(len(starts) - 1):
        problem += (pulp.lpSum(x[starts[si]:starts[si + 1]]) == 1, f"provide_{si:0{width}d}")
    for service_id, option_id, chosen in fixed:
        i = arrays.index[(service_id, option_id)]
        problem += (x[i] == int(chosen), f"whatif_{'force' if chosen else 'forbid'}_{i}")
    for row in rows:
        expr = pulp.LpAffineExpression((x[i], float(row.coefficients[i]))
                                       for i in np.flatnonzero(row.coefficients))
        problem += (pulp.LpConstraint(expr, _SENSE[row.sense], rhs=row.rhs), row.name)
        built.constraint_given[row.name] = row.given
    return built


_SENSE = {LE: pulp.LpConstraintLE, GE: pulp.LpConstraintGE, EQ: pulp.LpConstraintEQ}


def service_mask(arrays: ScenarioArrays, services) -> np.ndarray:
    """Options of the listed services (or of all)."""
    if services == ALL:
        return np.ones(arrays.n_options, dtype=bool)
    wanted = {i for i, s in enumerate(arrays.scenario.services) if s.id in set(services)}
    return np.isin(arrays.service_of, list(wanted))


def area_mask(arrays: ScenarioArrays, areas) -> np.ndarray:
    """Options of services in the listed areas (or of all services when ``areas`` is None)."""
    if areas is None:
        return np.ones(arrays.n_options, dtype=bool)
    return np.isin(arrays.areas, list(areas)) & (arrays.areas != "")


def _rows(arrays: ScenarioArrays, given: Given) -> Iterator[tuple[str, np.ndarray, str, float]]:
    """Yield ``(part, coefficients, sense, rhs)`` for one given."""
    spend, n = arrays.spend, arrays.n_options

    def unit(*pairs: tuple[int, float]) -> np.ndarray:
        row = np.zeros(n)
        for i, c in pairs:
            row[i] += c
        return row

    if isinstance(given, Budget):
        scope = area_mask(arrays, given.areas)
        for y, limit in enumerate(given.limit):
            yield f"y{y + 1}", np.where(scope, spend[:, y], 0.0), LE, limit
    elif isinstance(given, RequireOption):
        yield "", unit((arrays.index[(given.service, given.option)], 1.0)), EQ, 1
    elif isinstance(given, ForbidModes):
        mask = service_mask(arrays, given.services) & np.isin(arrays.modes, given.modes)
        yield "", mask.astype(float), EQ, 0
    elif isinstance(given, MinScore):
        column = arrays.scenario.criterion_ids.index(given.criterion)
        mask = service_mask(arrays, given.services) & (arrays.scores[:, column] < given.value)
        yield "", mask.astype(float), EQ, 0
    elif isinstance(given, SpendShare):
        scope = area_mask(arrays, given.areas)
        in_modes = np.isin(arrays.modes, given.modes).astype(float)
        for y in range(spend.shape[1]):
            # share >= min  <=>  sum((in - min) * spend) >= 0, and likewise for max
            if given.min is not None:
                yield f"min_y{y + 1}", np.where(scope, (in_modes - given.min) * spend[:, y],
                                                0.0), GE, 0
            if given.max is not None:
                yield f"max_y{y + 1}", np.where(scope, (in_modes - given.max) * spend[:, y],
                                                0.0), LE, 0
    elif isinstance(given, MaxChanges):
        current = arrays.is_current.astype(float)
        yield "", current, GE, current.sum() - given.limit
    elif isinstance(given, Requires):
        yield "", unit((arrays.index[(given.if_.service, given.if_.option)], 1.0),
                       (arrays.index[(given.then.service, given.then.option)], -1.0)), LE, 0
