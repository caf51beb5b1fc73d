"""Scenario files: everything the format page allows loads; everything it refuses is located."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings

from tests.random_scenarios import scenario_data, small_scenario
from workbench.errors import ScenarioError
from workbench.scenario import (
    dump_scenario,
    load_scenario,
    parse_scenario,
    save_scenario,
    scenario_to_data,
)
from workbench.scenario.yamlio import dump_yaml


def _problems(data: dict) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(dump_yaml(data), "s.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def data() -> dict:
    return small_scenario(11, services=3)


def test_example_scenarios_load(riverside_path, teaching_path):
    riverside = load_scenario(riverside_path)
    assert len(riverside.services) >= 14
    assert len(riverside.areas) >= 5
    assert len(riverside.stakeholders) >= 6
    assert {o.mode for s in riverside.services for o in s.options} == {
        "in_house", "shared_service", "partnership", "outsource", "grant", "decommission"}
    assert len({g.kind for g in riverside.givens}) >= 6
    assert all(3 <= len(s.options) <= 5 for s in riverside.services)
    teaching = load_scenario(teaching_path)
    assert 4 <= len(teaching.services) <= 5


def test_one_number_means_every_year(teaching_path, riverside_path):
    riverside = load_scenario(riverside_path)
    assert riverside.service("youth_services").option("stop").cost == (0.0, 0.0, 0.0)
    assert riverside.given("mtfs_envelope").limit == (71e6, 72e6, 73.5e6)


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["services"][1]["options"][0]["scores"].__setitem__("c0", 120),
     "s.yaml: services[1].options[0].scores.c0: must be 0 to 100 (got 120)"),
    (lambda d: d["services"][0]["options"][0]["scores"].pop("c0"),
     "services[0].options[0].scores.c0: is missing"),
    (lambda d: d["services"][0]["options"][0].__setitem__("cost", -5),
     "services[0].options[0].cost[0]: must not be negative (got -5)"),
    (lambda d: d["services"][2].__setitem__("id", d["services"][0]["id"]),
     "services[2].id: duplicate id 's0' (also services[0])"),
    (lambda d: d["services"][0]["options"][0].__setitem__("mode", "privatise"),
     "services[0].options[0].mode: must be one of"),
    (lambda d: d["stakeholders"][0]["weights"].__setitem__("nope", 3),
     "stakeholders[0].weights.nope: unknown criterion 'nope'"),
    (lambda d: d["stakeholders"][0].__setitem__("weights", {"c0": 0}),
     "stakeholders[0].weights: at least one weight must be above 0"),
    (lambda d: [g.__setitem__("influence", 0) for g in d["stakeholders"]],
     "stakeholders: at least one group's influence must be above 0"),
    (lambda d: d["stakeholders"][0]["weights"].__setitem__("c0", -1),
     "stakeholders[0].weights.c0: must not be negative (got -1)"),
    (lambda d: d["services"][0]["options"][0].__setitem__("cost", [1, 2, 3, 4, 5]),
     "services[0].options[0].cost: needs one number per year"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "budget", "limit": 5,
                                         "category": "financial"}]),
     "givens[0].reason: is required"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "budget", "limit": 5,
                                         "category": "financial", "reason": " "}]),
     "givens[0].reason: must not be empty"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "spend_share", "modes": ["grant"],
                                         "category": "political", "reason": "r"}]),
     "givens[0]: needs min, max or both"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "spend_share", "modes": ["grant"],
                                         "min": 0.8, "max": 0.2, "category": "political",
                                         "reason": "r"}]),
     "givens[0]: min must not be above max (got min 0.8, max 0.2)"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "require_option", "service": "s9",
                                         "option": "o0", "category": "legal", "reason": "r"}]),
     "givens[0].service: unknown service 's9'"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "require_option", "service": "s0",
                                         "option": "zz", "category": "legal", "reason": "r"}]),
     "givens[0].option: unknown option 'zz' of service 's0'"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "min_score", "criterion": "cX",
                                         "value": 5, "services": "all", "category": "legal",
                                         "reason": "r"}]),
     "givens[0].criterion: unknown criterion 'cX'"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "budget", "limit": 5,
                                         "areas": ["Atlantis"], "category": "financial",
                                         "reason": "r"}]),
     "givens[0].areas[0]: unknown area 'Atlantis'"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "forbid_modes", "services": ["s0"],
                                         "modes": ["teleport"], "category": "legal",
                                         "reason": "r"}]),
     "givens[0].modes[0]: must be one of"),
    (lambda d: d.__setitem__("givens", [{"id": "g", "kind": "requires",
                                         "if": {"service": "s0", "option": "o0"},
                                         "then": {"service": "s1", "option": "zz"},
                                         "category": "legal", "reason": "r"}]),
     "givens[0].then.option: unknown option 'zz' of service 's1'"),
    (lambda d: d["services"][0].__setitem__("current", "zz"),
     "services[0].current: unknown option 'zz'"),
])
def test_refusals_name_the_place(data, mutate, expected):
    data = copy.deepcopy(data)
    data["givens"] = []
    mutate(data)
    problems = _problems(data)
    assert any(expected in p for p in problems), problems


def test_all_problems_are_reported_together_with_lines(data):
    data["givens"] = []
    data["services"][0]["options"][0]["scores"]["c0"] = 150
    data["services"][1]["options"][0]["mode"] = "magic"
    data["stakeholders"][0]["weights"]["zz"] = 1
    problems = _problems(data)
    assert len(problems) == 3
    assert all("(line " in p for p in problems)


def test_yaml_syntax_error_gives_its_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("format: commissioning-scenario/1\nname: x\nyears: [2027\ncriteria: []\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path) and problem.line is not None
    assert "is not valid YAML" in str(problem)


def test_yaml_one_point_two_meanings(data):
    data["givens"] = []
    data["services"][0]["options"][0]["id"] = "no"   # YAML 1.1 would make this False
    text = dump_yaml(data)
    assert parse_scenario(text).services[0].options[0].id == "no"


def test_missing_file_is_a_clear_problem(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(tmp_path / "nope.yaml")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scenario_data())
def test_files_round_trip(data, tmp_path_factory):
    scenario = parse_scenario(dump_yaml(data))
    path = tmp_path_factory.mktemp("rt") / "s.yaml"
    save_scenario(scenario, path)
    again = load_scenario(path)
    assert again == scenario
    assert dump_scenario(again) == dump_scenario(scenario)


def test_replace_validates_again(teaching_path):
    scenario = load_scenario(teaching_path)
    renamed = scenario.replace(name="Renamed")
    assert renamed.name == "Renamed" and scenario.name != "Renamed"
    with pytest.raises(Exception, match="name"):
        scenario.replace(name="")


def test_yaml_is_parsed_by_libyaml():
    import yaml

    assert yaml.__with_libyaml__ and hasattr(yaml, "CSafeLoader")


def test_yaml_values_anchors_and_merge_keys():
    from workbench.scenario.yamlio import load_yaml

    text = ("base: &b {x: 1, y: on}\nm:\n  <<: *b\n  y: 2\nnums: [1e6, 0x10, 0o7, -3, .inf, "
            "'4', ~, true, False, 2027-04-01]\ntwice: [*b, *b]\n")
    data = load_yaml(text)
    assert data["base"] == {"x": 1, "y": "on"} and data["m"] == {"x": 1, "y": 2}
    assert data["nums"][:9] == [1e6, 16, 7, -3, float("inf"), "4", None, True, False]
    assert str(data["nums"][9]) == "2027-04-01"
    assert data["twice"] == [data["base"], data["base"]]


def test_a_problem_in_a_json_file_is_at_its_line(tmp_path, teaching_path):
    import json

    data = scenario_to_data(load_scenario(teaching_path))
    data["services"][1]["options"][0]["scores"]["access"] = 150
    path = tmp_path / "teaching.json"
    path.write_text(json.dumps(data, indent=2))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert problem.place == "services[1].options[0].scores.access"
    assert path.read_text().split("\n")[problem.line - 1].strip() == '"access": 150'
