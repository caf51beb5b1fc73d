"""The ballot page's state on a real SQLite meeting store, no browser: a link opens its
vote with its ballot in force, ticks cost more than the budget and that is said (and
allowed), sending again replaces, a closed vote keeps the ticks and says why, and a link
that is not a voter's shows a refusal in words."""

from __future__ import annotations

from fractions import Fraction

import pytest

from workbench.pb.stored import VoteProject
from workbench.store import MeetingStore
from workbench.ui.ballot.page import BallotPage
from workbench.ui.ballot.state import BallotState

PROJECTS = [VoteProject("1", Fraction(60), "A bench by the pond"),
            VoteProject("2", Fraction(50), "Evening library hours", "Two evenings a week"),
            VoteProject("3", Fraction(40), "Swings <b>in</b> the park")]


@pytest.fixture
def vote(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    made = store.create_vote("Parks 2027", 100, PROJECTS, 3, currency="GBP")
    yield store, made
    store.close()


def _state(store, made, voter="voter-1") -> BallotState:
    state = BallotState(store, made.id, made.voter_tokens[voter])
    assert state.open(), state.refused
    return state


def test_ticks_over_the_budget_are_said_and_sent(vote):
    store, made = vote
    state = _state(store, made)
    assert "not voted yet" in state.standing()
    assert not state.submit() and "tick at least one" in state.message("submit")[1]
    state.tick("1")
    state.tick("2")
    assert state.ticked == ["1", "2"] and state.ticked_cost == 110
    assert "£110" in state.over_budget() and "£100" in state.over_budget()
    assert state.submit(), state.message("submit")
    assert state.message("submit") == ("success", "Your ballot is in: it approves 2 "
                                                  "project(s).")
    assert store.vote(made.id).ballots == {"voter-1": ("1", "2")}


def test_sending_again_replaces_and_a_reopened_link_starts_from_its_ballot(vote):
    store, made = vote
    state = _state(store, made)
    state.tick("3")
    state.submit()
    again = _state(store, made)
    assert again.ticked == ["3"] and "Your ballot is in" in again.standing()
    again.tick("3", False)
    again.tick("2")
    assert again.submit()
    assert again.message("submit")[1].startswith("Your new ballot replaced the old one")
    assert store.vote(made.id).ballots == {"voter-1": ("2",)}


def test_a_closed_vote_keeps_the_ticks_and_says_so(vote):
    store, made = vote
    state = _state(store, made)
    state.tick("1")
    store.close_vote(made.id, made.facilitator_token)
    assert not state.submit()
    kind, text = state.message("submit")
    assert kind == "error" and "the vote is closed" in text and "ticks are kept" in text
    assert state.closed and state.ticked == ["1"]
    page = BallotPage(_state(store, made))
    assert page.send.disabled and all(box.disabled for box in page.boxes.values())
    assert "no ballot was sent" in page.standing.value


def test_the_page_escapes_names_and_refuses_the_facilitator_link(vote):
    store, made = vote
    page = BallotPage(_state(store, made, "voter-2"))
    assert page.boxes["3"].description == "Swings <b>in</b> the park (£40)"   # plain text
    refused = BallotState(store, made.id, made.facilitator_token)
    assert not refused.open() and "voter's own link" in refused.refused
    shown = BallotPage(refused)
    assert "cannot be used" in shown.widget.children[1].value
