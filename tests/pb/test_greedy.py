"""The greedy rule, worked by hand (spec section 6)."""

from __future__ import annotations

from workbench.pb import greedy
from workbench.pb.greedy import greedy_order

from .make import election


def test_greedy_skips_what_does_not_fit_and_goes_on_to_the_end():
    # scores: a 5, b 5, c 3, d 1; a and b tie on score, b is cheaper and comes first.
    e = election(10, {"a": 6, "b": 5, "c": 4, "d": 1},
                 ["a,b,c,d", "a,b,c", "a,b,c", "a,b", "a,b"])
    assert greedy_order(e) == ["b", "a", "c", "d"]
    result = greedy(e)
    assert result.selected == ("b", "c", "d")     # a (6) no longer fits; c and d still do
    assert result.cost == 10 and result.share_spent == 1.0
    assert "does not fit the 5 left" in result.steps[1]


def test_greedy_ties_on_score_and_cost_go_to_the_id_as_text():
    e = election(5, {"9": 5, "10": 5}, ["9,10"])
    assert greedy_order(e) == ["10", "9"]          # "10" < "9" as text
    assert greedy(e).selected == ("10",)


def test_greedy_exactly_at_the_budget_is_selected():
    e = election(7, {"x": 7, "y": 1}, ["x", "x", "y"])
    assert greedy(e).selected == ("x",)


def test_greedy_with_points_uses_the_points():
    # cumulative: x gets 1 point from each of two voters (2), y gets 3 from one voter (3)
    e = election(5, {"x": 5, "y": 5}, ["x,y", "x"], vote_type="cumulative",
                 points=["1,3", "1"])
    assert e.scores == {"x": 2, "y": 3}
    assert greedy(e).selected == ("y",)


def test_measures_count_voters_with_a_funded_project():
    e = election(5, {"x": 5, "y": 5}, ["x", "y", "x,y", ""])
    result = greedy(e)
    assert result.selected == ("x",)               # x and y tie on score and cost: x first
    assert (result.voters, result.voters_served) == (4, 2)
    assert result.to_json() == {"selected": ["x"], "cost": 5}
