"""Every rule of tender evaluation (commissioning-cycle.md, section 5), worked by hand."""

from __future__ import annotations

import json

import pytest

from tests.tender.build import tender_data, tender_of
from workbench.tender import evaluate, parse_tender

CEILING = {"weight": 40, "method": "ceiling", "ceiling": 100, "floor": 50}


def rows(result) -> dict[str, dict]:
    return {b["id"]: b for b in result.to_json()["bids"]}


def test_ceiling_pricing_at_each_boundary():
    # 40 x clamp((100 - price) / (100 - 50), 0, 1); quality 50 x 0/100 = 0 throughout
    result = evaluate(tender_of({
        "at_ceiling": (100, {"q": 0}), "above": (100.5, {"q": 0}), "at_floor": (50, {"q": 0}),
        "below_floor": (10, {"q": 0}), "middle": (75, {"q": 0})}, price=CEILING))
    got = rows(result)
    assert got["at_ceiling"]["compliant"] is True and got["at_ceiling"]["price_points"] == 0
    assert got["at_floor"]["price_points"] == 40
    assert got["below_floor"]["price_points"] == 40
    assert got["middle"]["price_points"] == 20
    assert got["above"] == {"id": "above", "quality": 0, "price_points": None, "total": None,
                            "rank": None, "compliant": False,
                            "reason": "its price of 100.5 is above the ceiling of 100"}
    # equal totals (40) at and below the floor: quality equal, so the lower price ranks first
    assert [b["id"] for b in result.to_json()["bids"]] == \
        ["below_floor", "at_floor", "middle", "at_ceiling", "above"]
    assert result.winner == "below_floor"


def test_relative_pricing_and_a_ceiling_that_excludes_a_bid_from_the_lowest_price():
    # weight 50 x lowest compliant (100) / price; the bid above the ceiling is left out
    result = evaluate(tender_of({"a": (100, {"q": 0}), "b": (200, {"q": 0}),
                                 "c": (400, {"q": 100})},
                                price={"weight": 50, "method": "relative", "ceiling": 300}))
    got = rows(result)
    assert got["a"]["price_points"] == 50 and got["b"]["price_points"] == 25
    assert got["c"]["compliant"] is False and got["c"]["quality"] == 50
    assert result.to_json()["bids"][-1]["id"] == "c"
    assert got["a"]["rank"] == 1 and got["b"]["rank"] == 2


def test_a_tie_on_total_goes_to_higher_quality():
    # x: 50 x 100/100 + 50 x 50/100 = 75; y: 50 x 100/200 + 50 x 100/100 = 75
    result = evaluate(tender_of({"x": (100, {"q": 50}), "y": (200, {"q": 100})}))
    got = rows(result)
    assert got["x"]["total"] == got["y"]["total"] == 75
    assert result.winner == "y" and got["x"]["rank"] == 2


def test_a_tie_on_total_and_quality_goes_to_the_lower_price_then_the_id():
    # both at or below the floor: full price points; the same marks
    result = evaluate(tender_of({"p": (45, {"q": 50}), "q": (30, {"q": 50}),
                                 "b": (30, {"q": 50}), "a": (30, {"q": 50})}, price=CEILING))
    assert [b["id"] for b in result.to_json()["bids"]] == ["a", "b", "q", "p"]
    assert [b["rank"] for b in result.to_json()["bids"]] == [1, 2, 3, 4]


def test_the_mark_is_the_mean_of_the_evaluators_unless_moderated():
    data = tender_data({"a": (100, {"q": 0})}, evaluators=("e1", "e2", "e3"))
    marks = iter([25, 50, 100])
    for s in data["scores"]:
        s["mark"] = next(marks)
    mean = evaluate(parse_tender(json.dumps(data)))
    assert rows(mean)["a"]["quality"] == pytest.approx(50 * (175 / 3) / 100)
    data["moderated"] = [{"bid": "a", "criterion": "q", "mark": 75, "reason": "agreed"}]
    moderated = evaluate(parse_tender(json.dumps(data)))
    assert rows(moderated)["a"]["quality"] == 37.5
    assert moderated.marks["a", "q"] == 75


def test_totals_add_quality_points_over_criteria():
    # 30 x 75/100 + 10 x 50/100 = 27.5 quality; price 60 x 1 = 60
    result = evaluate(tender_of({"a": (10, {"o": 75, "s": 50})}, quality={"o": 30, "s": 10},
                                price={"weight": 60, "method": "relative"}))
    assert rows(result)["a"]["quality"] == 27.5 and rows(result)["a"]["total"] == 87.5


def test_no_compliant_bid_no_winner():
    result = evaluate(tender_of({"a": (200, {"q": 50})}, price=CEILING))
    assert result.winner is None
    assert "£200 is above the ceiling of £100" in result.bids[0].reason
    assert result.to_json()["by_price_weight"] == {str(p): None for p in range(10, 100, 10)}
    assert any("no bid is compliant" in w for w in result.warnings)


def test_winner_by_price_weight_worked_by_hand():
    # total 100 points. x: price 100, mark 0 -> p points; y: price 200, mark 100 ->
    # p/2 + (100 - p). y wins while 100 - p/2 > p, i.e. p < 66.7
    result = evaluate(tender_of({"x": (100, {"q": 0}), "y": (200, {"q": 100})},
                                price={"weight": 50, "method": "relative"}))
    assert result.by_price_weight == {"10": "y", "20": "y", "30": "y", "40": "y", "50": "y",
                                      "60": "y", "70": "x", "80": "x", "90": "x"}


def test_winner_under_each_groups_weights_worked_by_hand():
    # quality total 60. 'quality_first' puts it all on o, 'cost_first' on s (o left out: 0)
    # a: o 100, s 0; b: o 0, s 100; both price 100 -> 40 price points each.
    # file weights 30/30: a = b = 70, a wins on id. quality_first: a 100, b 40.
    result = evaluate(tender_of({"a": (100, {"o": 100, "s": 0}), "b": (100, {"o": 0, "s": 100})},
                                quality={"o": 30, "s": 30},
                                price={"weight": 40, "method": "relative"},
                                group_weights={"quality_first": {"o": 2}, "cost_first":
                                               {"o": 0, "s": 5}}))
    assert result.winner == "a"
    assert result.by_group == {"quality_first": "a", "cost_first": "b"}


def _reversal(mark_b: float, mark_c: float, method: str = "relative"):
    # price weight 50, one criterion of 50. A 100, B 150, C 300.
    price = {"weight": 50, "method": method} if method == "relative" else \
        {"weight": 50, "method": "ceiling", "ceiling": 300, "floor": 100}
    return evaluate(tender_of({"A": (100, {"q": 0}), "B": (150, {"q": mark_b}),
                               "C": (300, {"q": mark_c})}, price=price))


def test_rank_reversal_when_it_happens():
    # with A (lowest 100): B 33.3 + 20 = 53.3, C 16.7 + 40 = 56.7, A 50 -> C, B, A
    # without A (lowest 150): B 50 + 20 = 70, C 25 + 40 = 65 -> B, C: reversed
    result = _reversal(40, 80)
    assert [b.id for b in result.bids] == ["C", "B", "A"]
    assert result.to_json()["rank_reversal"] == [
        {"removed": "A", "before": ["C", "B"], "after": ["B", "C"]}]


def test_no_rank_reversal_when_the_gap_is_wide():
    # B 10 quality: with A 43.3 vs C 56.7; without A 60 vs 65: C first either way
    assert _reversal(20, 80).to_json()["rank_reversal"] == []


def test_no_rank_reversal_under_ceiling_pricing():
    assert _reversal(40, 80, method="ceiling").rank_reversal == ()


@pytest.mark.parametrize(("weight", "warned"), [(10, False), (9.99, True), (11, False)])
def test_social_value_boundary_at_ten_per_cent(weight, warned):
    # total points: 50 price + (40 - ...) so that social value is `weight` of 100
    result = evaluate(tender_of({"a": (100, {"o": 50, "s": 50})},
                                quality={"o": 50 - weight, "s": weight}, social_value=("s",)))
    assert bool(result.warnings) is warned
    if warned:
        assert "9.9%" in result.warnings[0] and "PPN 002" in result.warnings[0]


def test_no_social_value_criterion_is_warned():
    result = evaluate(tender_of({"a": (100, {"q": 50})}))
    assert len(result.warnings) == 1 and "social_value" in result.warnings[0]


def test_json_shape():
    out = _reversal(40, 80).to_json()
    assert set(out) == {"bids", "winner", "by_price_weight", "by_group", "rank_reversal",
                        "warnings"}
    assert set(out["bids"][0]) == {"id", "quality", "price_points", "total", "rank",
                                   "compliant"}
