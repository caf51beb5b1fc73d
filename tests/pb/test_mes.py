"""The Method of Equal Shares with Add1, worked by hand, and the skips Add1 takes checked
against trying every unit of budget in order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATASETS
from workbench.pb import mes, read_election
from workbench.pb.mes import _Instance, add1, equal_shares_run

from .make import election

FILES = sorted((DATASETS / "pabulib").glob("*.pb"))


def run(e, budget):
    inst = _Instance.of(e)
    found = equal_shares_run(inst, budget)
    return [inst.ids[j] for j in found.chosen]


def test_a_tie_goes_to_the_id_first_as_text():
    # 3 voters with 100 each. A (200, voters 1 and 2) and B (100, voters 1 and 3) both cost
    # their supporters 100/200 = 50/100 = 0.5 per unit of satisfaction: A wins as "A" < "B".
    # Voters 1 and 2 pay 100 each for A; B is then bought by voter 3 alone (rho 1).
    e = election(300, {"A": 200, "B": 100, "C": 100}, ["A,B", "A,C", "B"])
    assert run(e, 100) == ["A", "B"]


def test_add1_changes_the_outcome():
    # The same election with A named Z: now B wins the tie. At 100 each, B costs voters 1 and
    # 3 50 each; Z (voters 1 and 2: 50 + 100 < 200) is out of reach and C goes to voter 2:
    # {B, C} for 200. From 125 each, Z is affordable after B (b - 50 + b >= 200) and cheaper
    # per unit than C, so {B, Z} for 300 (voter 1 pays all its b - 50, voter 2 the rest,
    # 250 - b; from 150 each they pay 100 each). From 200 each, voter 2 still has 100 for C:
    # {B, Z, C} for 400, over the budget. Add1 keeps {B, Z}, reached with 199 each.
    e = election(300, {"Z": 200, "B": 100, "C": 100}, ["Z,B", "Z,C", "B"])
    assert run(e, 100) == ["B", "C"]
    assert run(e, 124) == ["B", "C"]
    assert run(e, 125) == ["B", "Z"]
    assert run(e, 199) == ["B", "Z"]
    assert run(e, 200) == ["B", "Z", "C"]
    done = add1(e)
    assert done.kept.budget == 199
    assert done.over is not None and done.over.budget == 200 and done.over_cost == 400
    result = mes(e)
    assert result.selected == ("B", "Z") and result.cost == 300
    assert "with 200 each, MES would spend 400" in result.steps[1]
    assert add1(e, every_unit=True).kept == done.kept


def test_start_is_the_floor_of_budget_over_voters():
    e = election(301, {"A": 200, "B": 100, "C": 100}, ["A,B", "A,C", "B"])
    assert mes(e).steps[0].endswith("= 100")


def test_add1_stops_when_every_supported_project_is_selected():
    # Y has no supporter and can never be bought: X alone is every project anyone supports.
    e = election(100, {"X": 10, "Y": 20}, ["X", "X"])
    done = add1(e)
    assert (done.kept.budget, done.runs, done.over) == (50, 1, None)
    assert mes(e).selected == ("X",)


def test_no_ballots_select_nothing():
    e = election(100, {"X": 10}, [])
    assert mes(e).selected == ()


def test_a_tie_between_ids_compared_as_text():
    e = election(10, {"9": 10, "10": 10}, ["9,10", "9,10"])
    assert mes(e).selected == ("10",)


def test_ordinal_and_points_ballots_count_as_approvals():
    e = election(10, {"x": 10, "y": 10}, ["x,y", "y"], vote_type="cumulative",
                 points=["2,0", "1"])
    assert e.approvals == (frozenset({"x"}), frozenset({"y"}))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_skips_give_exactly_every_unit_in_order(path):
    e = read_election(path)
    fast, slow = add1(e), add1(e, every_unit=True)
    assert (fast.kept, fast.over, fast.over_cost) == (slow.kept, slow.over, slow.over_cost)
    assert fast.runs <= slow.runs


elections = st.integers(2, 7).flatmap(lambda n: st.tuples(
    st.integers(50, 3000),
    st.lists(st.integers(1, 1500), min_size=1, max_size=6),
    st.lists(st.sets(st.integers(0, 5)), min_size=n, max_size=n)))


@settings(max_examples=150, deadline=None)
@given(elections)
def test_skipping_never_changes_the_outcome(drawn):
    budget, costs, ballots = drawn
    ids = {f"p{i}": c for i, c in enumerate(costs)}
    votes = [",".join(f"p{j}" for j in sorted(b) if j < len(costs)) for b in ballots]
    e = election(budget, ids, votes)
    fast, slow = add1(e), add1(e, every_unit=True)
    assert (fast.kept, fast.over, fast.over_cost) == (slow.kept, slow.over, slow.over_cost)
    assert mes(e).cost <= e.budget
