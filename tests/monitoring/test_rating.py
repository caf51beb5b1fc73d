"""Rating of one result (reg. 39 words), misses, the worst rating and the RAG mapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.monitoring.helpers import small, target
from workbench.monitoring.rag import RAG, rag
from workbench.monitoring.rating import RATINGS, is_miss, rate, worst


def one(**keys):
    return small([target(**keys)]).targets[0]


@pytest.mark.parametrize("value, rating", [
    (95, "good"), (90, "good"), (89.9, "approaching_target"), (80, "approaching_target"),
    (79.9, "requires_improvement"), (70, "requires_improvement"), (69.9, "inadequate")])
def test_higher_is_better_each_boundary(value, rating):
    assert rate(one(), value) == rating


@pytest.mark.parametrize("value, rating", [
    (1, "good"), (2, "good"), (2.1, "approaching_target"), (4, "approaching_target"),
    (4.1, "requires_improvement"), (8, "requires_improvement"), (8.1, "inadequate")])
def test_lower_is_better_each_boundary(value, rating):
    t = one(direction="lower", target=2, approaching=4, inadequate=8)
    assert rate(t, value) == rating


def test_approaching_defaults_to_the_target_and_inadequate_to_none():
    t = one(approaching=None, inadequate=None)
    assert rate(t, 90) == "good"
    assert rate(t, 89.99) == "requires_improvement"
    assert rate(t, -1e9) == "requires_improvement"     # no inadequate: never inadequate


def test_a_miss_is_requires_improvement_or_inadequate():
    assert [is_miss(r) for r in RATINGS] == [False, False, True, True]


def test_worst_leaves_out_none():
    assert worst(["good", None, "approaching_target"]) == "approaching_target"
    assert worst(["inadequate", "good"]) == "inadequate"
    assert worst([None]) is None and worst([]) is None


def test_rag_words_and_colours_in_one_place():
    assert [rag(r).colour for r in RATINGS] == ["green", "amber", "red", "red"]
    assert rag("inadequate").marked == "inadequate" and rag("requires_improvement").marked is None
    assert rag(None).colour == "grey" and set(RAG) == {*RATINGS, None}


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_a_better_result_never_rates_worse(a, b):
    t = one()
    lo, hi = sorted((a, b))
    assert RATINGS.index(rate(t, hi)) <= RATINGS.index(rate(t, lo))
    u = one(direction="lower", target=2, approaching=4, inadequate=8)
    assert RATINGS.index(rate(u, lo)) <= RATINGS.index(rate(u, hi))
