"""The pruning that keeps re-solves fast, checked directly against an enumeration of the
spec (tests/reference.py): dominance never removes an option that the weights would choose,
and the single-swap improvements never return a worse or infeasible portfolio."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests import reference
from tests.random_scenarios import scenario_data
from workbench.arrays import ScenarioArrays
from workbench.optimiser.dominance import dominated
from workbench.optimiser.improve import cheapen, improve
from workbench.optimiser.model import given_rows
from workbench.scenario.model import Scenario
from workbench.weights import normalise

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def case(draw):
    """A small scenario, some weights, and its feasible portfolios (by enumeration)."""
    data = draw(scenario_data(max_givens=4))
    criteria = [c["id"] for c in data["criteria"]]
    weights = {c: draw(st.sampled_from([0, 1, 2, 5])) for c in criteria}
    if not any(weights.values()):
        weights[criteria[0]] = 1
    return data, weights


def _setup(data: dict, weights: dict):
    scenario = Scenario.model_validate(data)
    arrays = ScenarioArrays(scenario)
    coefficients = arrays.value_coefficients(normalise(weights, scenario.criterion_ids))
    return arrays, coefficients, given_rows(arrays)


def _indices(arrays: ScenarioArrays, data: dict, choice) -> np.ndarray:
    return np.array([arrays.index[(s["id"], o["id"])] for s, o in zip(data["services"], choice)])


def _feasible_start(arrays: ScenarioArrays, data: dict, pick: int) -> np.ndarray:
    """One of the feasible portfolios (by enumeration) as a 0/1 vector; none: the case is
    impossible."""
    feasible = list(reference.portfolios(data))
    assume(feasible)
    start = np.zeros(arrays.n_options)
    start[_indices(arrays, data, feasible[pick % len(feasible)])] = 1.0
    return start


def _choice(arrays: ScenarioArrays, data: dict, x: np.ndarray) -> tuple:
    options = {(s["id"], o["id"]): o for s in data["services"] for o in s["options"]}
    return tuple(options[arrays.refs[i]] for i in np.flatnonzero(x > 0.5))


@settings(max_examples=80, **SETTINGS)
@given(case())
def test_dominance_never_removes_an_option_the_weights_would_choose(drawn):
    data, weights = drawn
    arrays, coefficients, rows = _setup(data, weights)
    winner = dominated(arrays, coefficients, rows)
    for i in np.flatnonzero(winner >= 0):
        j = winner[i]
        assert arrays.service_of[i] == arrays.service_of[j] and winner[j] == -1
    expected = reference.recommend(data, weights)
    assume(expected is not None)   # givens that clash: nothing is chosen
    removed = set(np.flatnonzero(winner >= 0))
    w = reference.normalised(weights, [c["id"] for c in data["criteria"]])
    kept = [(reference.portfolio_value(data, c, w), sum(reference.spend(data, c)))
            for c in reference.portfolios(data)
            if not removed & set(_indices(arrays, data, c))]
    assert kept, "every best portfolio used a removed option"
    best = max(v for v, _ in kept)
    assert best == pytest.approx(expected.value, abs=1e-9)
    cheapest = min(cost for v, cost in kept if v >= best - reference.TIE)
    assert cheapest == pytest.approx(expected.total_cost, abs=1e-6)


@settings(max_examples=80, **SETTINGS)
@given(case(), st.integers(0, 10**6), st.data())
def test_improve_never_returns_a_worse_or_infeasible_portfolio(drawn, pick, more):
    data, weights = drawn
    arrays, coefficients, rows = _setup(data, weights)
    start = _feasible_start(arrays, data, pick)
    allowed = np.array(more.draw(st.lists(st.booleans(), min_size=arrays.n_options,
                                          max_size=arrays.n_options)), dtype=bool)
    better = improve(start, coefficients, rows, arrays.starts, allowed)
    assert coefficients @ better >= coefficients @ start - 1e-12
    assert (np.add.reduceat(better, arrays.starts[:-1]) == 1).all()
    swapped_in = (better > 0.5) & (start < 0.5)
    assert allowed[swapped_in].all()
    choice = _choice(arrays, data, better)
    assert all(reference.meets(data, choice, g) for g in data["givens"])


@settings(max_examples=60, **SETTINGS)
@given(case(), st.integers(0, 10**6), st.floats(0.0, 1.0))
def test_cheapen_stays_within_the_givens_and_the_cap(drawn, pick, share):
    data, weights = drawn
    arrays, coefficients, rows = _setup(data, weights)
    start = _feasible_start(arrays, data, pick)
    cap = float(arrays.total_cost @ start) * share
    cheaper = cheapen(start, coefficients, arrays.total_cost, cap, rows, arrays.service_of,
                      np.ones(arrays.n_options, dtype=bool))
    if cheaper is None:
        return   # no single swap reaches the cap: nothing is claimed
    assert float(arrays.total_cost @ cheaper) <= cap + 1e-9
    assert int((cheaper != start).sum()) == 2     # one service, one swap
    choice = _choice(arrays, data, cheaper)
    assert all(reference.meets(data, choice, g) for g in data["givens"])
