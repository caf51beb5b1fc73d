"""Re-solving in a meeting: build once per scenario, re-solve when only the weights change.

The constraints (the givens) do not move when a slider moves; only the objective does. So the
model is built once and kept as a live HiGHS model; each re-solve changes its objective,
removes options the new weights make pointless (by column bounds), warm-starts from the last
answer and solves to proven optimality. Each group's best and worst value depend only on that
group's weights, so they are kept until those weights change.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping
from typing import Any

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.optimiser.conflict import minimal_conflict
from workbench.optimiser.dominance import dominated
from workbench.optimiser.engines import HighsEngine, make_engine
from workbench.optimiser.groups import GroupRange, group_range
from workbench.optimiser.improve import improve
from workbench.optimiser.lexicographic import solve_lexicographic
from workbench.optimiser.model import build_model
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.recommend import Recommendation, unsolved
from workbench.optimiser.solver import DEFAULT_TIME_LIMIT, SolverRun, check_solver
from workbench.optimiser.status import INFEASIBLE, OPTIMAL, TIME_LIMIT
from workbench.scenario.model import Scenario
from workbench.weights import agreed_weights, normalise


class LiveOptimiser:
    """Keeps one scenario's model warm for repeated solves with changing weights.

    ``solver="highs"`` (the default here) keeps a live HiGHS model; ``"cbc"`` keeps the PuLP
    model and hands it to CBC on each solve, slower but with the same answers.
    """

    def __init__(self, scenario: Scenario, *, solver: str = "highs",
                 time_limit: float | None = DEFAULT_TIME_LIMIT, lifted: Collection[str] = ()):
        self.scenario = scenario
        self.solver = check_solver(solver)
        self.time_limit = time_limit
        self.lifted = tuple(lifted)
        self.arrays = ScenarioArrays(scenario)
        self.built = build_model(self.arrays, lifted=self.lifted)
        self.engine = make_engine(self.built, solver)
        self._last: np.ndarray | None = None
        self._ranges: dict[tuple, GroupRange] = {}
        self._conflict: tuple[str, ...] | None = None

    def _solve(self, coefficients: np.ndarray, start: np.ndarray | None,
               force: Collection[tuple[str, str]] = (),
               forbid: Collection[tuple[str, str]] = ()) -> SolverRun:
        engine, arrays = self.engine, self.arrays
        n = arrays.n_options
        lower, allowed = np.zeros(n), np.ones(n, dtype=bool)
        if force or forbid:
            # What-if choices: hold them by bounds; skip the dominance test, which assumes
            # every option of a service is available.
            for service, option in force:
                lower[arrays.index[(service, option)]] = 1.0
            for service, option in forbid:
                allowed[arrays.index[(service, option)]] = False
            if start is not None and ((start < lower) | (start > allowed)).any():
                start = None
        elif isinstance(engine, HighsEngine):
            winner = dominated(arrays, coefficients, self.built.rows)
            allowed = winner < 0
            if start is not None and not allowed[start > 0.5].all():
                # Swap each removed option for the one that beats it: no row gets worse.
                start = start.copy()
                for i in np.flatnonzero((start > 0.5) & ~allowed):
                    start[i], start[winner[i]] = 0.0, 1.0
        if isinstance(engine, HighsEngine):
            engine.set_bounds(lower, allowed.astype(float))
            if start is not None:
                start = improve(start, coefficients, self.built.rows, arrays.starts, allowed)
            return solve_lexicographic(engine, coefficients, arrays.total_cost, arrays.starts,
                                       self.time_limit, start=start)
        held = (lower > 0) | ~allowed
        with engine.restricted(held, lower):
            return solve_lexicographic(engine, coefficients, arrays.total_cost, arrays.starts,
                                       self.time_limit, start=start)

    def group_range(self, weights: Mapping[str, float]) -> GroupRange | None:
        """A group's best and worst value under the givens (kept until its weights change)."""
        normal = normalise(weights, self.scenario.criterion_ids)
        key = tuple(round(normal[c], 12) for c in self.scenario.criterion_ids)
        if key not in self._ranges:
            if isinstance(self.engine, HighsEngine):
                self.engine.set_bounds(np.zeros(self.arrays.n_options),
                                       np.ones(self.arrays.n_options))
            found = group_range(self.engine, self.built, normal, self.time_limit, self._last)
            if found is None:
                return None
            self._ranges[key] = found
        return self._ranges[key]

    def solve(self, weights: Mapping[str, float] | None = None,
              group_weights: Mapping[str, Mapping[str, float]] | None = None,
              with_groups: bool = True, force: Collection[tuple[str, str]] = (),
              forbid: Collection[tuple[str, str]] = ()) -> Recommendation:
        """The recommendation for ``weights`` (default agreed); ``group_weights`` overrides each
        group's own weights for satisfaction (a panel's sliders). ``force`` and ``forbid`` hold
        what-if choices ``(service, option)``; they do not replace the kept last answer."""
        started = time.perf_counter()
        criteria = self.scenario.criterion_ids
        weights = normalise(weights, criteria) if weights else agreed_weights(self.scenario)
        common: dict[str, Any] = dict(scenario=self.scenario, weights=weights,
                                      solver=self.solver, lifted=self.lifted)
        coefficients = self.arrays.value_coefficients(weights)
        whatif = bool(force or forbid)
        result = self._solve(coefficients, self._last, force, forbid)
        if result.x is None:
            choices = [(*r, True) for r in force] + [(*r, False) for r in forbid]
            if result.status == INFEASIBLE and not whatif and self._conflict is None:
                self._conflict = minimal_conflict(self.arrays, self.solver, lifted=self.lifted)
            return unsolved(result.status, self.arrays, choices, started, common,
                            conflict=None if whatif else self._conflict)
        if not whatif:
            self._last = result.x
        portfolio = Portfolio.from_solution(self.arrays, result.x, weights)
        groups: dict[str, GroupRange] = {}
        if with_groups:
            own = group_weights or {g.id: g.weights for g in self.scenario.stakeholders}
            for group, raw in own.items():
                found = self.group_range(raw)
                if found is not None:
                    groups[group] = found
        return Recommendation(status=OPTIMAL if result.status == OPTIMAL else TIME_LIMIT,
                              gap=float(result.gap or 0.0), portfolio=portfolio, groups=groups,
                              seconds=time.perf_counter() - started, **common)
