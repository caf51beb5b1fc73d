"""The utilitarian rule: the exact optimum, by hand and against an independent knapsack."""

from __future__ import annotations

import pytest

from tests.conftest import DATASETS
from tests.importers.test_pabulib import utilitarian_optimum
from workbench.pb import read_election, utilitarian

from .make import election

FILES = sorted((DATASETS / "pabulib").glob("*.pb"))


def test_two_smaller_projects_beat_the_most_popular_one():
    e = election(10, {"a": 6, "b": 5, "c": 5}, ["a", "a", "a", "a", "a,b,c", "b,c", "b,c",
                                                 "b,c"])
    # scores a 5, b 4, c 4: a alone 5 (+ nothing fits), b and c 8
    result = utilitarian(e)
    assert sorted(result.selected) == ["b", "c"]
    assert result.cost == 10


def test_among_optima_the_cheapest_is_chosen():
    e = election(5, {"x": 5, "y": 3, "z": 2}, ["x", "y", "x,y"])
    # x and y both score 2; z (no votes) adds nothing and costs 2: y alone is the cheapest
    result = utilitarian(e)
    assert result.selected == ("y",)
    assert result.cost == 3


def test_nothing_fits():
    assert utilitarian(election(1, {"x": 5}, ["x"])).selected == ()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_optimum_matches_independent_knapsack(path):
    e = read_election(path)
    costs = [int(p.cost) for p in e.projects]
    scores = [float(e.scores[p.id]) for p in e.projects]
    top, cheapest = utilitarian_optimum(costs, scores, int(e.budget))
    result = utilitarian(e)
    assert float(sum(e.scores[p] for p in result.selected)) == pytest.approx(top)
    assert result.cost == cheapest
