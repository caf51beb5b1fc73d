"""The specification's agreed priority (the influence-weighted median) and its kpi
requirements as target stubs, worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SCENARIOS
from workbench.errors import InputError, ScenarioError
from workbench.scenario import load_scenario
from workbench.tender.specification import (
    PRIORITIES,
    agreed_priorities,
    agreed_priority,
    influence_of,
    kpi_target_stubs,
    specification_from_data,
)


@pytest.mark.parametrize(("given", "influence", "agreed"), [
    # total 3: must 1 (below 1.5), should 2 (reaches it)
    ({"a": "must", "b": "should", "c": "could"}, {"a": 1, "b": 1, "c": 1}, "should"),
    # exactly half at must: "reaches half" -> must
    ({"a": "must", "b": "wont"}, {"a": 1, "b": 1}, "must"),
    # one short of half at must: total 5, must 2 -> wont at 5
    ({"a": "wont", "b": "must", "c": "must"}, {"a": 3, "b": 1, "c": 1}, "wont"),
    # just past half from below
    ({"a": "wont", "b": "must", "c": "must"}, {"a": 3, "b": 1.5, "c": 1.5}, "must"),
    # a group with no influence counts nothing (opted out)
    ({"a": "must", "b": "could"}, {"a": 0, "b": 1}, "could"),
    ({}, {"a": 1}, None),
    ({"a": "must"}, {"a": 0}, None),
    # influences as written: 0.3 is half of 0.3 + 0.1 + 0.2 (binary floats would say less)
    ({"a": "must", "b": "wont", "c": "wont"}, {"a": 0.3, "b": 0.1, "c": 0.2}, "must"),
    ({"a": "must", "b": "must", "c": "wont"}, {"a": 0.1, "b": 0.2, "c": 0.3}, "must"),
])
def test_agreed_priority_worked_by_hand(given, influence, agreed):
    assert agreed_priority(given, influence) == agreed


def test_agreed_priority_refuses_unknown_groups_and_priorities():
    with pytest.raises(InputError, match="no influence"):
        agreed_priority({"x": "must"}, {"a": 1})
    with pytest.raises(InputError, match="must be one of"):
        agreed_priority({"a": "maybe"}, {"a": 1})


@given(st.dictionaries(st.sampled_from("abcde"), st.sampled_from(PRIORITIES), min_size=1),
       st.sampled_from([1, 2, 7]))
def test_agreed_priority_is_a_median(given_, factor):
    influence = {g: 1 + i for i, g in enumerate("abcde")}
    agreed = agreed_priority(given_, influence)
    scaled = agreed_priority(given_, {g: w * factor for g, w in influence.items()})
    assert agreed == scaled and agreed in given_.values()
    rank = PRIORITIES.index(agreed)
    total = sum(influence[g] for g in given_)
    at_or_above = sum(influence[g] for g, p in given_.items() if PRIORITIES.index(p) <= rank)
    above = at_or_above - sum(influence[g] for g, p in given_.items() if p == agreed)
    assert 2 * at_or_above >= total > 2 * above


SPEC = {
    "service": "home_care",
    "requirements": [
        {"id": "visits_on_time", "text": "Visits within 15 minutes of the planned time",
         "kind": "kpi", "proposed_by": "service_users"},
        {"id": "missed_visits", "text": "Missed visits per 1,000", "kind": "kpi",
         "proposed_by": "tenants"},
        {"id": "ethical_care", "text": "Unison Ethical Care Charter", "kind": "standard",
         "proposed_by": "staff"}],
    "priorities": {
        "service_users": {"visits_on_time": "must", "missed_visits": "wont"},
        "tenants": {"visits_on_time": "should", "missed_visits": "wont",
                    "ethical_care": "could"},
        "staff": {"visits_on_time": "could", "missed_visits": "must", "ethical_care": "must"}},
}


def test_riverside_groups_agree_and_kpis_become_target_stubs():
    riverside = load_scenario(SCENARIOS / "riverside.yaml")
    spec = specification_from_data(SPEC, {s.id for s in riverside.stakeholders})
    influence = influence_of(riverside)
    agreed = agreed_priorities(spec, {g: 1.0 for g in influence})
    # visits: must 1, should 2 of 3 -> should; missed: must 1 of 3, wont at 3 -> wont;
    # ethical care: could 1 of 2... must 1 (staff) reaches half of 2 -> must
    assert agreed == {"visits_on_time": "should", "missed_visits": "wont",
                      "ethical_care": "must"}
    stubs = kpi_target_stubs(spec, {g: 1.0 for g in influence})
    assert stubs == [{"id": "visits_on_time", "service": "home_care",
                      "measure": "Visits within 15 minutes of the planned time", "unit": None,
                      "direction": None, "target": None, "period": None, "agreed_by": [],
                      "kpi": True}]
    # staff opted out: missed visits agreed wont still; visits: must 1 of 2 -> must
    out = influence_of(riverside, opted_out={"staff"})
    assert out["staff"] == 0
    assert agreed_priorities(spec, {g: 0.0 if g == "staff" else 1.0 for g in out}
                             )["visits_on_time"] == "must"


def test_a_specification_is_refused_with_every_place():
    bad = {"requirements": [{"id": "a", "text": "A", "kind": "wish", "proposed_by": "x"},
                            {"id": "a", "text": "B", "kind": "kpi"}],
           "priorities": {"tenants": {"a": "must", "z": "must"}, "nobody": {"a": "should"},
                          "staff": {"a": "perhaps"}}}
    with pytest.raises(ScenarioError) as caught:
        specification_from_data(bad, {"tenants", "staff"})
    assert sorted(str(p) for p in caught.value.problems) == sorted([
        "requirements[0].kind: must be one of outcome, standard, kpi, social_value "
        "(got 'wish')",
        "requirements[1].id: duplicate id 'a' (also requirements[0].id)",
        "requirements[1].proposed_by: is required",
        "priorities.tenants.z: unknown requirement 'z'",
        "priorities.nobody: unknown group 'nobody'",
        "priorities.staff.a: must be one of must, should, could, wont (got 'perhaps')"])
