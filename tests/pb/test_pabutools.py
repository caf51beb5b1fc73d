"""Agreement with pabutools, the field's reference implementation (an independent reader
and independent rules), on every election in tests/datasets/pabulib and on random ones.

pabutools' iterated MES (``voter_budget_increment=1``) starts each voter at budget/voters
exactly, not its floor, and stops at the first outcome that is exhaustive (no project left
fits the money left) rather than when every project is selected; the spec's Add1 is
therefore written here around pabutools' plain MES, one unit at a time, where that is fast
enough, and checked at its two ends (the outcome kept, the first one over the budget) on
every election.
"""

from __future__ import annotations

import copy
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATASETS
from workbench.pb import greedy, mes, parse_election, read_election, utilitarian
from workbench.pb.mes import _Instance, add1, equal_shares_run

from .make import pb_text

pabutools = pytest.importorskip("pabutools")
from pabutools.election import (  # noqa: E402
    AbstractCardinalBallot,
    AdditiveSatisfaction,
    Cost_Sat,
    parse_pabulib,
)
from pabutools.election.pabulib import parse_pabulib_from_string  # noqa: E402
from pabutools.rules import (  # noqa: E402
    greedy_utilitarian_welfare,
    max_additive_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule  # noqa: E402

FILES = sorted((DATASETS / "pabulib").glob("*.pb"))
EVERY_UNIT = {"Poland_Czestochowa_2020_Grabowka", "Poland_Krakow_2018_Swoszowice"}
# greedy's order: by score, then lower cost, then id as text
BY_COST_THEN_ID = TieBreakingRule(lambda instance, profile, project: (project.cost,
                                                                      project.name))


def _points(ballot, project):
    """A voter's points for a project: its points on a cardinal ballot, else 1 if named."""
    if project not in ballot:
        return 0
    return ballot[project] if isinstance(ballot, AbstractCardinalBallot) else 1


class PointsSat(AdditiveSatisfaction):
    """Satisfaction = the voter's points (or 1): its total is the project's score."""

    def __init__(self, instance, profile, ballot):
        AdditiveSatisfaction.__init__(
            self, instance, profile, ballot,
            lambda instance, profile, ballot, project, pre: _points(ballot, project))


class ScoreSat(AdditiveSatisfaction):
    """Satisfaction = points times cost: its total per unit of cost is the score, so that
    pabutools' greedy by satisfaction per cost is greedy by score."""

    def __init__(self, instance, profile, ballot):
        AdditiveSatisfaction.__init__(
            self, instance, profile, ballot,
            lambda instance, profile, ballot, project, pre: _points(ballot, project)
            * project.cost)


def their_mes(instance, profile, per_voter: int) -> set[str]:
    """pabutools' plain MES with cost satisfaction and ``per_voter`` for each voter."""
    scaled = copy.copy(instance)
    scaled.budget_limit = per_voter * profile.num_ballots()
    return {p.name for p in method_of_equal_shares(scaled, profile, sat_class=Cost_Sat)}


def their_add1(instance, profile) -> tuple[set[str], int]:
    """The spec's Add1 around pabutools' MES, trying every unit in order."""
    n = profile.num_ballots()
    supported = {p.name for p in instance if any(p in b for b in profile)}
    cost = {p.name: p.cost for p in instance}
    per_voter = math.floor(instance.budget_limit / n)
    kept = their_mes(instance, profile, per_voter)
    while kept != supported:
        trial = their_mes(instance, profile, per_voter + 1)
        if sum(cost[p] for p in trial) > instance.budget_limit:
            break
        kept, per_voter = trial, per_voter + 1
    return kept, per_voter


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_greedy_agrees(path):
    instance, profile = parse_pabulib(str(path))
    theirs = greedy_utilitarian_welfare(instance, profile, sat_class=ScoreSat,
                                        tie_breaking=BY_COST_THEN_ID)
    assert [p.name for p in theirs] == list(greedy(read_election(path)).selected)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_utilitarian_reaches_their_optimum(path):
    instance, profile = parse_pabulib(str(path))
    theirs = max_additive_utilitarian_welfare(instance, profile, sat_class=PointsSat)
    e = read_election(path)
    ours = utilitarian(e)
    best = sum(float(e.scores[p.name]) for p in theirs)
    assert float(sum(e.scores[p] for p in ours.selected)) == pytest.approx(best)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_mes_add1_agrees_at_both_ends(path):
    instance, profile = parse_pabulib(str(path))
    e = read_election(path)
    done = add1(e)
    ours = set(mes(e).selected)
    assert their_mes(instance, profile, done.kept.budget) == ours
    if done.over is not None:
        over = their_mes(instance, profile, done.over.budget)
        assert sum(p.cost for p in instance if p.name in over) > instance.budget_limit
    start = math.floor(instance.budget_limit / profile.num_ballots())
    inst = _Instance.of(e)
    assert their_mes(instance, profile, start) == \
        {inst.ids[j] for j in equal_shares_run(inst, start).chosen}


@pytest.mark.parametrize("path", [p for p in FILES if p.stem in EVERY_UNIT], ids=lambda p: p.stem)
def test_mes_add1_agrees_trying_every_unit(path):
    instance, profile = parse_pabulib(str(path))
    e = read_election(path)
    kept, per_voter = their_add1(instance, profile)
    assert set(mes(e).selected) == kept
    assert add1(e).kept.budget == per_voter


elections = st.integers(1, 6).flatmap(lambda n: st.tuples(
    st.integers(20, 2000),
    st.lists(st.integers(1, 900), min_size=1, max_size=6),
    st.lists(st.sets(st.integers(0, 5), min_size=1), min_size=n, max_size=n)))


@settings(max_examples=60, deadline=None)
@given(elections)
def test_random_elections_agree(drawn):
    budget, costs, ballots = drawn
    ids = {f"p{i}": c for i, c in enumerate(costs)}
    votes = [",".join(f"p{j}" for j in sorted(b) if j < len(costs)) for b in ballots]
    text = pb_text(budget, ids, votes)
    e = parse_election(text)
    instance, profile = parse_pabulib_from_string(text)
    kept, per_voter = their_add1(instance, profile)
    assert set(mes(e).selected) == kept
    assert add1(e).kept.budget == per_voter
    theirs = greedy_utilitarian_welfare(instance, profile, sat_class=ScoreSat,
                                        tie_breaking=BY_COST_THEN_ID)
    assert [p.name for p in theirs] == list(greedy(e).selected)
