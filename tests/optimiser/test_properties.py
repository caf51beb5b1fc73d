"""Properties that must hold on any scenario (Hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.random_scenarios import scenario_data
from workbench.arrays import ScenarioArrays
from workbench.generate import generate
from workbench.optimiser import recommend
from workbench.optimiser.live import LiveOptimiser
from workbench.scenario.model import Budget, Scenario

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _scaled_budgets(scenario: Scenario, factor: float) -> Scenario:
    givens = []
    for g in scenario.givens:
        data = g.model_dump(by_alias=True)
        if isinstance(g, Budget):
            data["limit"] = [v * factor for v in g.limit]
        givens.append(data)
    return scenario.replace(givens=givens)


@settings(max_examples=40, **SETTINGS)
@given(data=scenario_data())
def test_spend_never_exceeds_a_budget(data):
    scenario = Scenario.model_validate(data)
    result = recommend(scenario, solver="highs", with_groups=False)
    assume(result.portfolio is not None)
    arrays = ScenarioArrays(scenario)
    for g in scenario.givens:
        if isinstance(g, Budget):
            scope = np.array([g.areas is None or (s.area in g.areas)
                              for s in scenario.services])
            spend = arrays.spend[result.portfolio.chosen[scope]].sum(axis=0)
            assert (spend <= np.array(g.limit) + 1e-6).all()


@settings(max_examples=30, **SETTINGS)
@given(data=scenario_data(), factor=st.floats(1.0, 2.0))
def test_value_never_falls_when_a_budget_rises(data, factor):
    scenario = Scenario.model_validate(data)
    before = recommend(scenario, solver="highs", with_groups=False)
    assume(before.portfolio is not None)
    after = recommend(_scaled_budgets(scenario, factor), solver="highs", with_groups=False)
    assert after.portfolio is not None
    assert after.portfolio.value >= before.portfolio.value - 1e-7


@settings(max_examples=30, **SETTINGS)
@given(data=scenario_data(), pick=st.integers(0, 100))
def test_lifting_a_given_never_lowers_value(data, pick):
    scenario = Scenario.model_validate(data)
    assume(scenario.givens)
    before = recommend(scenario, solver="highs", with_groups=False)
    assume(before.portfolio is not None)
    lifted = scenario.givens[pick % len(scenario.givens)].id
    after = recommend(scenario, solver="highs", lifted=[lifted], with_groups=False)
    assert after.portfolio.value >= before.portfolio.value - 1e-7


@pytest.mark.parametrize("services", [30, 120])
def test_solvers_and_live_resolves_agree(services):
    """CBC, HiGHS through PuLP, and the live re-solve path give the same answers."""
    scenario = generate(services, seed=services)
    live = LiveOptimiser(scenario)
    rng = np.random.default_rng(services)
    criteria = scenario.criterion_ids
    for _ in range(4):
        weights = {c: float(rng.integers(1, 10)) for c in criteria}
        a = recommend(scenario, weights, solver="cbc", with_groups=False).portfolio
        b = recommend(scenario, weights, solver="highs", with_groups=False).portfolio
        c = live.solve(weights, with_groups=False).portfolio
        for other in (b, c):
            assert other.value == pytest.approx(a.value, abs=1e-6)
            assert other.total_cost == pytest.approx(a.total_cost, abs=1e-3)


def test_live_resolve_keeps_group_ranges_and_matches_one_shot(riverside_path):
    from workbench.scenario import load_scenario

    scenario = load_scenario(riverside_path)
    live = LiveOptimiser(scenario)
    first = live.solve()
    once = recommend(scenario)
    assert first.portfolio.choices == once.portfolio.choices
    assert first.satisfaction == pytest.approx(once.satisfaction)
    moved = dict(first.weights, carbon=first.weights["carbon"] + 0.2)
    again = live.solve(moved)
    assert again.portfolio.value == pytest.approx(
        recommend(scenario, moved, with_groups=False).portfolio.value, abs=1e-6)
