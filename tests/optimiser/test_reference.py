"""The optimiser gives the same answers as an independent enumeration of the spec."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests import reference
from tests.random_scenarios import scenario_data, small_scenario
from workbench.optimiser import recommend
from workbench.scenario.model import Scenario

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_against_reference(data: dict, solver: str) -> None:
    scenario = Scenario.model_validate(data)
    result = recommend(scenario, solver=solver)
    expected = reference.recommend(data)
    if expected is None:
        assert result.status == "infeasible"
        assert result.conflict, result.explanation
        assert reference.is_minimal_conflict(data, result.conflict)
        for gid in result.conflict:
            assert gid in result.explanation
        return
    assert result.status == "optimal"
    p = result.portfolio
    assert p.value == pytest.approx(expected.value, abs=1e-6)
    assert p.total_cost == pytest.approx(expected.total_cost, abs=1e-6)
    if expected.unique:
        assert p.choices == expected.choices
    satisfaction = reference.satisfaction(data, p.choices)
    for group, s in result.satisfaction.items():
        assert s == pytest.approx(satisfaction[group], abs=1e-6)


@settings(max_examples=60, **SETTINGS)
@given(data=scenario_data())
def test_cbc_matches_reference(data):
    _check_against_reference(data, "cbc")


@settings(max_examples=30, **SETTINGS)
@given(data=scenario_data())
def test_highs_matches_reference(data):
    _check_against_reference(data, "highs")


@pytest.mark.parametrize("seed", [3, 17, 2024])
def test_lifting_a_given_matches_reference(seed):
    data = small_scenario(seed, services=4)
    scenario = Scenario.model_validate(data)
    for g in data["givens"]:
        expected = reference.recommend(data, lifted=[g["id"]])
        result = recommend(scenario, lifted=[g["id"]], with_groups=False)
        if expected is None:
            assert result.status == "infeasible"
        else:
            assert result.portfolio.value == pytest.approx(expected.value, abs=1e-6)
            assert result.portfolio.total_cost == pytest.approx(expected.total_cost)
