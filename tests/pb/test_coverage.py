"""Coverage (voters with a supported project funded, share of the budget spent) and the
rules' progress and cancel hooks, worked by hand on tiny elections."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.pb.make import election
from workbench.errors import CancelledError
from workbench.pb import RULES, compare, coverage
from workbench.pb.generate import synthetic_election
from workbench.pb.outcome import Outcome


def test_coverage_by_hand():
    # Budget 100. A costs 60, B 30, C 50. Voters: {A}, {A,B}, {C}, {B}, {C}.
    e = election(100, {"A": 60, "B": 30, "C": 50}, ["A", "A,B", "C", "B", "C"])
    got = coverage(e, Outcome("greedy", ("A", "B"), Fraction(90), e.budget, 5, 0))
    # A and B funded: voters 1, 2 and 4 have one of theirs; 3 and 5 (only C) do not.
    assert got.voters == 5 and got.voters_served == 3
    assert got.share_served == pytest.approx(0.6)
    assert got.cost == 90 and got.share_spent == pytest.approx(0.9)
    nothing = coverage(e, Outcome("mes", (), Fraction(0), e.budget, 5, 0))
    assert (nothing.voters_served, nothing.share_served, nothing.share_spent) == (0, 0.0, 0.0)


def test_coverage_reads_points_above_zero_only():
    # Cumulative ballots: voter 2 names A with 0 points, so A funded does not serve them.
    e = election(100, {"A": 40, "B": 70}, ["A,B", "A,B"], vote_type="cumulative",
                 points=["3,1", "0,4"])
    got = coverage(e, Outcome("greedy", ("A",), Fraction(40), e.budget, 2, 0))
    assert got.voters_served == 1 and got.share_served == pytest.approx(0.5)
    assert got.share_spent == pytest.approx(0.4)


def test_coverage_with_no_ballots_is_zero():
    e = election(100, {"A": 40}, [])
    got = coverage(e, RULES["greedy"](e))
    assert got.voters == 0 and got.share_served == 0.0
    assert got.share_spent == pytest.approx(0.4)


def test_coverage_agrees_with_each_rules_outcome():
    e = synthetic_election(voters=300, projects=12, seed=3)
    for rule, run in RULES.items():
        found = run(e)
        got = coverage(e, found)
        assert (got.voters_served, got.cost) == (found.voters_served, found.cost), rule
        assert got.share_spent == pytest.approx(found.share_spent)


def test_compare_gives_each_rules_own_outcome_and_rising_progress():
    e = synthetic_election(voters=400, projects=16, seed=5)
    heard: list[float] = []
    got = compare(e, progress=lambda f, _m: heard.append(f))
    assert list(got) == ["utilitarian", "greedy", "mes"]
    for rule, run in RULES.items():
        assert got[rule] == run(e), rule
    assert heard[-1] == 1.0 and all(0.0 <= f <= 1.0 for f in heard)
    assert heard == sorted(heard)


@pytest.mark.parametrize("rule", ["utilitarian", "greedy", "mes"])
def test_a_cancelled_rule_stops(rule):
    e = synthetic_election(voters=200, projects=10, seed=1)
    with pytest.raises(CancelledError):
        RULES[rule](e, cancelled=lambda: True)


def test_mes_cancelled_midway_stops_and_the_hooks_change_nothing():
    e = synthetic_election(voters=2000, projects=30, seed=2)
    asked = []

    def later() -> bool:
        asked.append(1)
        return len(asked) > 5

    with pytest.raises(CancelledError):
        RULES["mes"](e, cancelled=later)
    assert len(asked) == 6
    assert RULES["mes"](e, progress=lambda f, m: None, cancelled=lambda: False) == \
        RULES["mes"](e)
