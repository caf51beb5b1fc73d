"""Tender files are refused with every problem at its place and line, like scenario files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SCENARIOS
from tests.tender.build import tender_data
from workbench.errors import ScenarioError
from workbench.limits import Limits
from workbench.tender import load_tender, parse_tender

EXAMPLE = SCENARIOS / "tenders" / "home-care-framework.yaml"


def problems(text: str, name: str = "tender.yaml", limits: Limits | None = None) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_tender(text, name, limits)
    return [str(p) for p in caught.value.problems]


def example() -> str:
    return EXAMPLE.read_text()


def test_the_bundled_example_loads():
    tender = load_tender(EXAMPLE)
    assert len(tender.bids) == 4 and len(tender.evaluators) == 3
    assert len(tender.marks) == 4 * 3 * 4
    assert any(e.group == "tenants" for e in tender.evaluators)


def test_a_mark_outside_the_scale_with_its_place_and_line():
    text = example().replace("{evaluator: e1, bid: a, criterion: workforce, mark: 50}",
                             "{evaluator: e1, bid: a, criterion: workforce, mark: 60}")
    assert problems(text) == ["tender.yaml: scores[3].mark: must be one of 0, 25, 50, 75, 100 "
                              "(got 60) (line 32)"]


def test_the_scale_applies_to_moderated_marks_too():
    text = example().replace("    mark: 75\n    reason: >-\n      The tenant",
                             "    mark: 80\n    reason: >-\n      The tenant")
    assert problems(text) == ["tender.yaml: moderated[0].mark: must be one of 0, 25, 50, 75, "
                              "100 (got 80) (line 80)"]


def test_without_a_scale_any_mark_from_0_to_100():
    data = tender_data({"a": (100, {"q": 62.5})})
    parse_tender(json.dumps(data))
    data["scores"][0]["mark"] = 101
    assert problems(json.dumps(data), "t.json") == ["t.json: scores[0].mark: must be 0 to 100 "
                                                    "(got 101) (line 1)"]


def test_a_moderated_mark_needs_a_reason():
    data = tender_data({"a": (100, {"q": 50})},
                       moderated=[{"bid": "a", "criterion": "q", "mark": 75},
                                  {"bid": "a", "criterion": "q", "mark": 75, "reason": "  "}])
    found = problems(json.dumps(data), "t.json")
    assert "t.json: moderated[0].reason: a moderated mark needs a reason: say why the panel " \
           "agreed it (line 1)" in found
    assert any(p.startswith("t.json: moderated[1].reason: a moderated mark needs a reason")
               for p in found)


def test_a_missing_mark_is_refused_never_read_as_zero():
    text = example().replace("  - {evaluator: e2, bid: b, criterion: reliability, mark: 50}\n",
                             "")
    assert problems(text) == [
        "tender.yaml: scores: no mark from evaluator e2 for bid b on reliability: every "
        "evaluator marks every bid on every criterion (a missing mark is not 0) (line 28)"]


def test_a_moderated_mark_does_not_excuse_a_missing_evaluator_mark():
    text = example().replace("  - {evaluator: e3, bid: a, criterion: outcomes, mark: 50}\n", "")
    assert problems(text) == [
        "tender.yaml: scores: no mark from evaluator e3 for bid a on outcomes: every "
        "evaluator marks every bid on every criterion (a missing mark is not 0) (line 28)"]


def test_unknown_references_and_a_mark_given_twice():
    text = example().replace("{evaluator: e1, bid: a, criterion: workforce, mark: 50}",
                             "{evaluator: e9, bid: z, criterion: price, mark: 50}")
    text = text.replace("{evaluator: e2, bid: a, criterion: workforce, mark: 50}",
                        "{evaluator: e1, bid: a, criterion: outcomes, mark: 50}")
    found = problems(text)
    assert "tender.yaml: scores[3].evaluator: unknown evaluator 'e9' (line 32)" in found
    assert "tender.yaml: scores[3].bid: unknown bid 'z' (line 32)" in found
    assert "tender.yaml: scores[3].criterion: unknown quality criterion 'price' (line 32)" \
        in found
    assert "tender.yaml: scores[4]: evaluator e1 has already marked bid a on outcomes " \
           "(scores[0]) (line 33)" in found
    assert sum("no mark from evaluator" in p for p in found) == 2


@pytest.mark.parametrize(("price", "expected"), [
    ({"weight": 40, "method": "ceiling", "ceiling": 100, "floor": 100},
     "price.floor: must be below the ceiling (100) (got 100)"),
    ({"weight": 40, "method": "ceiling", "ceiling": 100},
     "price.floor: is required"),
    ({"weight": 40, "method": "ceiling", "floor": 10},
     "price.ceiling: is required"),
    ({"weight": 40, "method": "relative", "floor": 10},
     "price.floor: is only used with method: ceiling (relative pricing gives the lowest "
     "compliant price full points)"),
    ({"weight": -1, "method": "relative"}, "price.weight: must not be negative (got -1)"),
    ({"weight": 40, "method": "lowest"}, "price.method: must be one of relative, ceiling "
                                         "(got 'lowest')"),
])
def test_price_rules(price, expected):
    data = tender_data({"a": (50, {"q": 50})}, price=price)
    assert problems(json.dumps(data), "t.json") == [f"t.json: {expected} (line 1)"]


def test_a_price_of_zero_is_refused_under_relative_pricing_only():
    data = tender_data({"a": (0, {"q": 50})})
    assert problems(json.dumps(data), "t.json") == [
        "t.json: bids[0].price: must be above 0 with relative pricing, which divides by it "
        "(got 0) (line 1)"]
    parse_tender(json.dumps(tender_data({"a": (0, {"q": 50})}, price={
        "weight": 40, "method": "ceiling", "ceiling": 100, "floor": 10})))


def test_weights_must_add_up_to_more_than_zero():
    data = tender_data({"a": (50, {"q": 50})}, quality={"q": 0},
                       price={"weight": 0, "method": "relative"})
    assert problems(json.dumps(data), "t.json") == [
        "t.json: price.weight: the price weight and the quality weights add up to 0; they "
        "must add up to more than 0 points (line 1)"]


def test_group_weights_are_checked():
    data = tender_data({"a": (50, {"q": 50})},
                       group_weights={"tenants": {"q": 0}, "staff": {"x": 1}, "bad id": {"q": 1},
                                      "users": {"q": "lots"}})
    assert sorted(problems(json.dumps(data), "t.json")) == sorted([
        "t.json: group_weights.tenants: a group's weights must not all be 0 (line 1)",
        "t.json: group_weights.staff.x: unknown quality criterion 'x' (line 1)",
        "t.json: group_weights.bad id: must use only letters, digits, _ and - (got 'bad id') "
        "(line 1)",
        "t.json: group_weights.users.q: must be a number (got 'lots') (line 1)"])


def test_missing_parts_duplicate_ids_and_the_format():
    text = "format: commissioning-tender/2\nname: x\nquality:\n  - {id: q, name: Q, weight: 1}" \
           "\n  - {id: q, name: Q2, weight: 1}\nevaluators: []\nbids:\n  - {id: a, price: 3}\n"
    assert problems(text) == [
        "tender.yaml: price: is required",
        "tender.yaml: scores: is required",
        "tender.yaml: format: must be 'commissioning-tender/1' (got 'commissioning-tender/2') "
        "(line 1)",
        "tender.yaml: quality[1].id: duplicate id 'q' (also quality[0].id) (line 5)",
        "tender.yaml: evaluators: must not be empty (line 6)",
        "tender.yaml: bids[0].bidder: is required (line 8)"]


def test_yaml_that_does_not_parse_and_a_hostile_file():
    assert problems("format: [\n") [0].startswith("tender.yaml: is not valid YAML")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    assert "refused without expanding them" in problems(bomb)[0]
    assert "above the limit" in problems("x" * 2000, limits=Limits(bytes=1000))[0]


def test_too_many_bids():
    data = tender_data({f"b{i}": (50, {"q": 50}) for i in range(4)})
    assert problems(json.dumps(data), "t.json", Limits(bids=3)) == [
        "t.json: bids: has 4 bids; at most 3 are allowed (WORKBENCH_MAX_BIDS raises the "
        "limit) (line 1)"]


def test_a_long_value_is_echoed_only_as_an_excerpt():
    data = tender_data({"a": (50, {"q": 50})})
    data["price"]["method"] = "m" * 10_000
    (found,) = problems(json.dumps(data), "t.json")
    assert len(found) < 200


def test_a_missing_file_and_a_folder(tmp_path):
    for path, why in ((tmp_path / "nope.yaml", "no such file"),
                      (tmp_path, "is a folder, not a file")):
        with pytest.raises(ScenarioError, match=why):
            load_tender(path)
