"""The Pareto merge behind the exact frontier, checked by enumeration; and the frontier where
the merge's portfolio breaks a spend share (twins, linked services, the MIP repair)."""

from __future__ import annotations

import itertools
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import reference
from tests.random_scenarios import scenario_data, small_scenario
from workbench.analysis import frontier
from workbench.analysis.pareto import Stage, TooLarge, pareto_front
from workbench.analysis.separable import meets, separate
from workbench.arrays import ScenarioArrays
from workbench.generate import generate
from workbench.scenario.model import Scenario
from workbench.weights import agreed_weights

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
frontier_module = sys.modules["workbench.analysis.frontier"]


def _same(got, want, abs: float = 1e-6) -> bool:
    """Two lists of (cost, value) points agree, point for point."""
    return len(got) == len(want) and all(
        c1 == pytest.approx(c2, abs=abs) and v1 == pytest.approx(v2, abs=abs)
        for (c1, v1), (c2, v2) in zip(got, want))


def _points(front) -> list[tuple[float, float]]:
    return [(p.total_cost, p.value) for p in front]


def _random_stages(rng: np.random.Generator, ties: bool) -> list[Stage]:
    stages, first = [], 0
    for _ in range(int(rng.integers(1, 6))):
        k = int(rng.integers(1, 4))
        width = int(rng.integers(1, 3))          # two columns: services linked into one part
        options = np.arange(first, first + k * width).reshape(k, width)
        first += k * width
        if ties:   # few distinct numbers: many equal costs, values and whole twins
            cost = rng.integers(0, 3, k).astype(float) * 10
            value = rng.integers(0, 3, k).astype(float) / 3
        else:
            cost, value = rng.uniform(0, 100, k), rng.uniform(0, 10, k)
        stages.append(Stage(options, cost, value, rng.integers(0, width + 1, k)))
    return stages


def _enumerated(stages: list[Stage], limit: int | None) -> list[tuple[float, float]]:
    points = set()
    for pick in itertools.product(*[range(len(s.cost)) for s in stages]):
        if limit is not None and sum(s.changes[a] for s, a in zip(stages, pick)) > limit:
            continue
        points.add((round(sum(s.cost[a] for s, a in zip(stages, pick)), 9),
                    round(sum(s.value[a] for s, a in zip(stages, pick)), 9)))
    return sorted(p for p in points if not any(
        q != p and q[0] <= p[0] and q[1] >= p[1] for q in points))


@settings(max_examples=300, **SETTINGS)
@given(seed=st.integers(0, 10**9), ties=st.booleans(), limit=st.sampled_from([None, 0, 1, 2]))
def test_pareto_front_matches_enumeration(seed, ties, limit):
    stages = _random_stages(np.random.default_rng(seed), ties)
    front = pareto_front(stages, limit)
    assert _same(list(zip(front.cost, front.value)), _enumerated(stages, limit), 1e-8)
    # each point's portfolio is one alternative per stage, worth and costing what it says
    by_option = {}
    for s in stages:
        for a, row in enumerate(s.options):
            by_option[tuple(row)] = (s.cost[a], s.value[a], s.changes[a])
    for p, chosen in enumerate(front.chosen):
        width = [s.options.shape[1] for s in stages]
        parts = np.split(chosen, np.cumsum(width)[:-1])
        found = [by_option[tuple(part)] for part in parts]
        assert sum(f[0] for f in found) == pytest.approx(front.cost[p])
        assert sum(f[1] for f in found) == pytest.approx(front.value[p])
        assert limit is None or sum(f[2] for f in found) <= limit


def test_pareto_front_gives_up_past_its_state_limit():
    stages = _random_stages(np.random.default_rng(1), ties=False)
    with pytest.raises(TooLarge):
        pareto_front(stages * 3, None, max_states=2)


def _relaxed_reference(data: dict) -> list[tuple[float, float]]:
    """The reference frontier with the coupling givens left out."""
    kept = [g for g in data.get("givens", []) if g["kind"] != "spend_share"]
    return reference.frontier({**data, "givens": kept})


@settings(max_examples=60, **SETTINGS)
@given(data=scenario_data(services=5))
def test_separable_givens_are_held_exactly(data):
    """Options removed, linked services merged and changes counted: the merge's front is the
    frontier with every given but the spend shares."""
    scenario = Scenario.model_validate(data)
    arrays = ScenarioArrays(scenario)
    coefficients = arrays.value_coefficients(agreed_weights(scenario))
    separated = separate(arrays, coefficients,
                         [g.id for g in scenario.givens if g.kind == "budget"])
    assert all(r.given in {g.id for g in scenario.givens if g.kind == "spend_share"}
               for r in separated.coupling)
    front = pareto_front(separated.stages, separated.max_changes)
    assert _same(list(zip(front.cost, front.value)), _relaxed_reference(data))


@settings(max_examples=60, **SETTINGS)
@given(data=scenario_data(services=6))
def test_frontier_matches_reference_on_six_services(data):
    scenario = Scenario.model_validate(data)
    got = frontier(ScenarioArrays(scenario), agreed_weights(scenario))
    assert _same(_points(got), reference.frontier(data))


def _option(oid: str, mode: str, cost: float, score: float) -> dict:
    return {"id": oid, "name": oid, "mode": mode, "cost": cost, "scores": {"q": score}}


def test_a_twin_that_meets_the_spend_share_is_found():
    """The merge keeps one of equal (cost, value) twins; when it breaks the spend share and
    another twin does not, the frontier point is still there."""
    services = [{"id": s, "name": s, "options": [
        _option("inside", "in_house", 10, 50), _option("outside", "outsource", 10, 50),
        _option("none", "decommission", 0, 0)]} for s in ("a", "b")]
    data = {"format": "commissioning-scenario/1", "name": "twins", "years": ["Y1"],
            "criteria": [{"id": "q", "name": "Q"}],
            "stakeholders": [{"id": "g", "name": "G", "weights": {"q": 1}}],
            "services": services,
            "givens": [{"id": "mixed", "kind": "spend_share", "modes": ["in_house"],
                        "max": 0.5, "category": "political", "reason": "Keep a mix"}]}
    scenario = Scenario.model_validate(data)
    arrays = ScenarioArrays(scenario)
    coefficients = arrays.value_coefficients(agreed_weights(scenario))
    separated = separate(arrays, coefficients)
    front = pareto_front(separated.stages, separated.max_changes)
    assert not meets(separated.coupling, front.chosen).all()   # the kept twin breaks it
    got = frontier(arrays, agreed_weights(scenario))
    assert _same(_points(got), reference.frontier(data))
    assert list(got[-1].choices.values()).count("inside") <= 1


def test_requires_chains_merge_into_one_part():
    data = small_scenario(7, services=4)
    data["givens"] = [
        {"id": f"link{k}", "kind": "requires", "category": "operational", "reason": "r",
         "if": {"service": f"s{k}", "option": data["services"][k]["options"][0]["id"]},
         "then": {"service": f"s{k + 1}",
                  "option": data["services"][k + 1]["options"][-1]["id"]}}
        for k in range(3)]
    scenario = Scenario.model_validate(data)
    arrays = ScenarioArrays(scenario)
    separated = separate(arrays, arrays.value_coefficients(agreed_weights(scenario)))
    assert [s.options.shape[1] for s in separated.stages] == [4] and not separated.coupling
    got = frontier(arrays, agreed_weights(scenario))
    assert _same(_points(got), reference.frontier(data))


def _tight(services: int, seed: int) -> Scenario:
    """A generated scenario whose in-house share binds along much of the frontier."""
    data = generate(services, seed=seed).model_dump(by_alias=True, exclude_none=True)
    for g in data["givens"]:
        if g["kind"] == "spend_share":
            g["min"], g["max"] = 0.25, 0.5
    return Scenario.model_validate(data)


def test_repaired_frontier_matches_the_whole_mip_trace(monkeypatch):
    """Where the merge's portfolios break the spend share, MIP steps fill in, in one process or
    in bands over two: either way the frontier traced by MIP steps alone, point for point."""
    scenario = _tight(12, seed=3)
    arrays, weights = ScenarioArrays(scenario), agreed_weights(scenario)
    coefficients = arrays.value_coefficients(weights)
    separated = separate(arrays, coefficients,
                         [g.id for g in scenario.givens if g.kind == "budget"])
    holds = meets(separated.coupling, pareto_front(separated.stages, separated.max_changes)
                  .chosen)
    assert 0 < holds.sum() < len(holds)
    merged = frontier(arrays, weights, workers=1)
    monkeypatch.setattr(frontier_module, "PARALLEL_STEPS", 0)
    shared = frontier(arrays, weights, workers=2)
    monkeypatch.setattr(frontier_module, "MAX_STATES", 1)   # too large to merge: traced whole
    traced = frontier(arrays, weights, workers=1)
    assert len(traced) > 20
    assert _same(_points(merged), _points(traced))
    assert _same(_points(shared), _points(traced))
