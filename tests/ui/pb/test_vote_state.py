"""The PB page on a stored vote, no browser: the ballots so far under the three rules, how
many voter links voted, Close the vote, and the export read back with voters 1..n."""

from __future__ import annotations

from fractions import Fraction

import pytest

from workbench.pb import RULES, parse_election
from workbench.pb.stored import VoteProject
from workbench.store import MeetingStore
from workbench.ui.pb.page import PbPage
from workbench.ui.pb.state import PbState

PROJECTS = [VoteProject("1", Fraction(60), "A bench by the pond"),
            VoteProject("2", Fraction(50), "Evening library hours"),
            VoteProject("3", Fraction(40), "Swings in the park")]


@pytest.fixture
def vote(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    made = store.create_vote("Parks 2027", 100, PROJECTS, 4)
    yield store, made
    store.close()


def test_no_ballot_yet_is_said(vote):
    store, made = vote
    state = PbState(background=False)
    assert state.open_vote(store, made.id, made.facilitator_token)
    assert state.vote_status.startswith("0 of 4 voter links have voted")
    assert "No ballot yet" in state.message("vote")[1] and state.election is None


def test_the_ballots_so_far_under_three_rules_then_closed(vote):
    store, made = vote
    for k, ballot in enumerate((["1", "3"], ["2", "3"], ["2"]), 1):
        store.cast_ballot(made.id, made.voter_tokens[f"voter-{k}"], ballot)
    state = PbState(background=False)
    assert state.open_vote(store, made.id, made.facilitator_token)
    assert state.vote_status.startswith("3 of 4 voter links have voted")
    assert list(state.outcomes) == ["utilitarian", "greedy", "mes"]
    assert state.outcomes["utilitarian"].to_json() == {"selected": ["2", "3"], "cost": 90}
    page = PbPage(state, open_example=False)
    assert "Utilitarian" in page.summary.value and not page.close_vote.disabled
    store.cast_ballot(made.id, made.voter_tokens["voter-4"], ["1"])
    page.recount.click()
    assert state.vote_status.startswith("4 of 4")
    page.close_vote.click()
    assert state.vote_closed and page.close_vote.disabled
    assert "The vote is closed" in state.message("vote")[1]
    name, content = state.export()
    again = parse_election(content.decode("utf-8"), name)
    assert sorted(b.voter for b in again.ballots) == ["1", "2", "3", "4"]
    for rule, run in RULES.items():
        assert run(again).to_json() == state.outcomes[rule].to_json()


def test_a_scenario_meeting_is_not_a_vote(tmp_path):
    from tests.conftest import SCENARIOS
    from workbench.ui.pb.page import build_vote_page

    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    meeting = store.create_meeting((SCENARIOS / "teaching.yaml").read_text())
    assert build_vote_page(store, meeting.id, meeting.facilitator_token) is None
    store.close()
