"""The recommended portfolio on the bundled examples, each kind of given, ties and limits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.conftest import SCENARIOS, check_golden
from workbench.arrays import ScenarioArrays
from workbench.errors import InputError
from workbench.generate import generate
from workbench.optimiser import recommend
from workbench.optimiser.model import build_model, given_rows
from workbench.optimiser.recommend import Recommendation
from workbench.scenario import load_scenario


def test_teaching_answer_worked_by_hand(teaching_path):
    """scenarios/teaching.yaml explains this answer in its closing comment."""
    result = recommend(load_scenario(teaching_path))
    assert result.status == "optimal" and result.gap == 0
    assert result.weights == {"quality": 0.5, "access": 0.5}
    p = result.portfolio
    assert p.value == pytest.approx(68.75)
    # Two portfolios are worth 68.75; the cheaper (190,000 not 200,000) is recommended.
    assert p.total_cost == pytest.approx(190_000)
    assert p.choices == {"meals": "outsource", "transport": "grant", "library": "in_house",
                         "advice": "partnership"}
    # users: best 70.625, worst 68.125, this portfolio 70.625; staff: 66.875, 64.375, 66.875
    assert result.groups["users"].best == pytest.approx(70.625)
    assert result.groups["users"].worst == pytest.approx(68.125)
    assert result.groups["staff"].best == pytest.approx(66.875)
    assert result.groups["staff"].worst == pytest.approx(64.375)
    assert result.satisfaction == pytest.approx({"users": 1.0, "staff": 1.0})


@pytest.mark.parametrize("name", ["teaching", "riverside"])
@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_golden_results(name, solver):
    scenario = load_scenario(f"scenarios/{name}.yaml")
    got = recommend(scenario, solver=solver).to_json()
    golden = check_golden(f"{name}.solve.json", recommend(scenario).to_json())
    assert got["choices"] == golden["choices"]
    assert got["value"] == pytest.approx(golden["value"], abs=1e-9)
    assert got["total_cost"] == pytest.approx(golden["total_cost"])
    assert got["spend"] == pytest.approx(golden["spend"])
    for group, entry in golden["groups"].items():
        assert got["groups"][group]["satisfaction"] == pytest.approx(entry["satisfaction"])


def test_riverside_meets_its_givens(riverside_path):
    scenario = load_scenario(riverside_path)
    result = recommend(scenario)
    p = result.portfolio
    for row in given_rows(ScenarioArrays(scenario)):
        x = [0.0] * p.arrays.n_options
        for i in p.chosen:
            x[i] = 1.0
        lhs = sum(c * v for c, v in zip(row.coefficients, x))
        if row.sense == "<=":
            assert lhs <= row.rhs + 1e-6, row.name
        elif row.sense == ">=":
            assert lhs >= row.rhs - 1e-6, row.name
        else:
            assert lhs == pytest.approx(row.rhs), row.name
    assert p.choices["waste_collection"] == "contract"          # the contract lock
    changes = sum(1 for s in scenario.services if p.choices[s.id] != s.current)
    assert changes <= 6                                          # change capacity


def test_constraints_are_named_after_their_givens(riverside_path):
    scenario = load_scenario(riverside_path)
    built = build_model(ScenarioArrays(scenario))
    assert set(built.constraint_given.values()) == {g.id for g in scenario.givens}
    for name, given in built.constraint_given.items():
        assert given.replace("-", "_") in name
        assert name in built.problem.constraints


def test_infeasible_givens_name_a_minimal_conflict(teaching_path):
    scenario = load_scenario(teaching_path)
    tight = scenario.replace(givens=[
        *[g.model_dump(by_alias=True) for g in scenario.givens],
        {"id": "meals_in_house", "kind": "require_option", "service": "meals",
         "option": "in_house", "category": "political", "reason": "Kitchen staff promise"},
        {"id": "advice_partner", "kind": "require_option", "service": "advice",
         "option": "partnership", "category": "contractual", "reason": "Signed agreement"},
        {"id": "no_grants", "kind": "forbid_modes", "services": ["transport"],
         "modes": ["grant"], "category": "political", "reason": "Minibus pledge"},
    ])
    result = recommend(tight)
    assert result.status == "infeasible" and result.portfolio is None
    # Even with meals outsourced (70k), minibuses (50k) + library (60k) + partnership (30k)
    # come to 210k > 200k. Lifting any one of these four frees enough; the meals promise is
    # not needed for the clash, so a minimal set leaves it out.
    assert set(result.conflict) == {"budget", "library_duty", "advice_partner", "no_grants"}
    everything = [g.id for g in tight.givens]
    for gid in result.conflict:
        rest = set(result.conflict) - {gid}
        lifted = recommend(tight, lifted=[g for g in everything if g not in rest],
                           with_groups=False)
        assert lifted.status == "optimal", gid
    text = result.explanation
    assert "cannot hold together" in text and "Minibus pledge" in text
    assert "Kitchen staff promise" not in text
    out = result.to_json()
    assert out["status"] == "infeasible" and sorted(out["conflict"]) == sorted(result.conflict)


def test_what_if_choices_are_forced_or_ruled_out(teaching_path):
    scenario = load_scenario(teaching_path)
    forced = recommend(scenario, whatif=[("transport", "in_house", True)], with_groups=False)
    assert forced.portfolio.choices["transport"] == "in_house"
    assert forced.portfolio.total_cost <= 200_000
    # Meals in-house leaves 100k for three services that need at least 110k.
    impossible = recommend(scenario, whatif=[("meals", "in_house", True)], with_groups=False)
    assert impossible.status == "infeasible"
    assert set(impossible.conflict) == {"budget", "library_duty"}
    banned = recommend(scenario, whatif=[("advice", "partnership", False)], with_groups=False)
    assert banned.portfolio.choices["advice"] == "grant"


def test_time_limit_returns_the_best_found_with_its_gap():
    scenario = generate(3000, seed=5)
    result = recommend(scenario, solver="highs", time_limit=0.5, with_groups=False)
    assert result.status in ("time_limit", "optimal", "no_solution")
    if result.status == "time_limit":
        assert result.portfolio is not None and 0 < result.gap < math.inf
        assert result.to_json()["status"] == "time_limit"
    elif result.status == "optimal":
        assert result.gap == 0


def test_group_ranges_out_of_time_still_bracket_the_recommendation():
    from workbench.optimiser.groups import group_ranges

    scenario = generate(1500, seed=5)
    arrays = ScenarioArrays(scenario)
    result = recommend(scenario, solver="highs", with_groups=False, arrays=arrays)
    x = np.zeros(arrays.n_options)
    x[result.portfolio.chosen] = 1.0
    ranges = group_ranges(build_model(arrays), scenario, "highs", time_limit=0.3, fallback=x)
    assert set(ranges) == {g.id for g in scenario.stakeholders}
    for r in ranges.values():
        value = result.portfolio.value_under(r.weights)
        assert r.worst - 1e-9 <= value <= r.best + 1e-9
    inexact = [g for g, r in ranges.items() if not r.exact]
    shown = Recommendation(**{**result.__dict__, "groups": ranges}).to_json()["groups"]
    assert [g for g, v in shown.items() if v.get("exact") is False] == inexact


def test_unknown_solver_is_refused(teaching_path):
    with pytest.raises(InputError, match="solver: must be one of cbc, highs"):
        recommend(load_scenario(teaching_path), solver="gurobi")


def test_json_has_every_field_of_the_spec(teaching_path):
    out = recommend(load_scenario(teaching_path)).to_json()
    for key in ("status", "gap", "value", "total_cost", "spend", "choices", "weights", "groups"):
        assert key in out
    assert not math.isnan(out["gap"])


def test_value_is_the_scores_by_criterion_weighted():
    scenario = load_scenario(SCENARIOS / "teaching.yaml")
    result = recommend(scenario)
    scores = result.portfolio.scores
    assert set(scores) == set(scenario.criterion_ids)
    assert all(0 <= s <= 100 for s in scores.values())
    assert sum(result.weights[c] * s for c, s in scores.items()) == \
        pytest.approx(result.portfolio.value, abs=1e-9)


def test_large_scenarios_work_out_the_groups_beside_and_agree():
    from workbench.optimiser.beside import BESIDE_FROM
    from workbench.optimiser.groups import group_ranges

    scenario = generate(BESIDE_FROM, seed=3)
    arrays = ScenarioArrays(scenario)
    beside = recommend(scenario, solver="highs", arrays=arrays)
    same = group_ranges(build_model(arrays), scenario, "highs")
    assert set(beside.groups) == set(same)
    for g, r in beside.groups.items():
        assert r.exact
        assert r.best == pytest.approx(same[g].best, abs=1e-6)
        assert r.worst == pytest.approx(same[g].worst, abs=1e-6)
    # Out of time, the process is stopped and every group still brackets the answer.
    hurried = recommend(scenario, solver="highs", arrays=arrays, time_limit=0.5)
    if hurried.portfolio is not None:
        assert set(hurried.groups) == set(same)
        for r in hurried.groups.values():
            assert r.worst - 1e-9 <= hurried.portfolio.value_under(r.weights) <= r.best + 1e-9
