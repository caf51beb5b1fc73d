"""A participatory-budgeting vote in the store (commissioning-cycle.md, section 6): voter
links, one ballot in force per voter (a later one replaces it), a closed vote refuses,
from the needs register only accepted needs with a cost, and the export read back gives
the rules' outcome on the stored ballots. Each test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest

from workbench.errors import AccessError, InputError
from workbench.paths import EXAMPLE_ELECTION
from workbench.pb import RULES, parse_election, read_election
from workbench.pb.stored import VoteProject, read_costs
from workbench.pb.writing import election_text, save_election
from workbench.store.audit import audit_lines

PROJECTS = [VoteProject("1", Fraction(60), "A bench by the pond"),
            VoteProject("2", Fraction(50), "Evening library hours", "Two evenings a week"),
            VoteProject("3", Fraction(40), "Swings in the park")]


def _vote(store, voters=3):
    return store.create_vote("Parks 2027", 100, PROJECTS, voters)


def test_one_ballot_per_voter_and_a_later_one_replaces_it(store):
    made = _vote(store)
    first, second = made.voter_tokens["voter-1"], made.voter_tokens["voter-2"]
    assert store.cast_ballot(made.id, first, ["3", "1"]).detail == \
        {"projects": ["1", "3"], "replaces": False}
    store.cast_ballot(made.id, second, ["2"])
    again = store.cast_ballot(made.id, first, ["2", "3", "1"])   # more than the budget: fine
    assert again.detail["replaces"] is True
    vote = store.vote(made.id)
    assert vote.ballots == {"voter-1": ("1", "2", "3"), "voter-2": ("2",)}
    assert (vote.voted, vote.cast, len(vote.voters)) == (2, 3, 3)
    assert store.my_ballot(made.id, first)[1] == ("1", "2", "3")
    assert store.my_ballot(made.id, made.voter_tokens["voter-3"])[1] is None
    assert store.vote_election(made.id).voters == 2


def test_a_ballot_must_name_projects_of_the_vote(store):
    made = _vote(store)
    token = made.voter_tokens["voter-1"]
    with pytest.raises(InputError, match="tick at least one"):
        store.cast_ballot(made.id, token, [])
    with pytest.raises(InputError, match="not a project of this vote"):
        store.cast_ballot(made.id, token, ["9"])
    with pytest.raises(AccessError, match="not the facilitator"):
        store.cast_ballot(made.id, made.facilitator_token, ["1"])
    assert store.vote(made.id).ballots == {}


def test_a_closed_vote_refuses_ballots_and_keeps_them(store):
    made = _vote(store)
    token = made.voter_tokens["voter-1"]
    store.cast_ballot(made.id, token, ["1"])
    with pytest.raises(AccessError):
        store.close_vote(made.id, token)                 # a voter cannot close it
    closed = store.close_vote(made.id, made.facilitator_token)
    assert closed.detail == {"voted": 1, "voters": 3}
    with pytest.raises(InputError, match="the vote is closed"):
        store.cast_ballot(made.id, token, ["2"])
    with pytest.raises(InputError, match="already closed"):
        store.close_vote(made.id, made.facilitator_token)
    vote, mine = store.my_ballot(made.id, token)         # the ballot page still opens
    assert vote.closed and mine == ("1",)
    lines = "\n".join(audit_lines(store.audit(made.id)))
    assert "ballot" in lines.lower() and "closed" in lines.lower()


def test_voter_links_open_only_the_vote(store, meeting):
    made = _vote(store)
    access = store.access(made.id, made.voter_tokens["voter-2"])
    assert (access.role, access.group) == ("voter", "voter-2")
    assert store.access(made.id, made.facilitator_token).role == "facilitator"
    with pytest.raises(AccessError):
        store.cast_ballot(meeting.id, meeting.panel_tokens["users"], ["1"])
    with pytest.raises(AccessError):
        store.submit_weights(made.id, made.voter_tokens["voter-1"], {})


def test_from_needs_takes_only_accepted_needs_with_a_cost(store, meeting):
    users, f = meeting.panel_tokens["users"], meeting.facilitator_token
    keys = [store.propose_need(meeting.id, users, text, "Residents", None).version
            for text in ("Bus to the clinic", "Step-free access", "Quiet hours",
                         "Dog park", "A second bus")]
    bus, step, quiet, dog, second = (f"need:{v}" for v in keys)
    for key in (bus, step, dog, second):
        store.answer(meeting.id, f, key, "accepted", "We will do it", "The council")
    store.answer(meeting.id, f, quiet, "rejected", "No room", "The council")
    store.merge_need(meeting.id, f, second, bus, "The same bus")
    costs = {str(keys[0]): Fraction(70), str(keys[2]): Fraction(10),
             str(keys[3]): Fraction(30), str(keys[4]): Fraction(5)}
    made = store.create_vote_from_needs(meeting.id, 100, 2, costs)
    assert [(p.id, p.name, p.cost) for p in made.projects] == \
        [(str(keys[0]), "Bus to the clinic", 70), (str(keys[3]), "Dog park", 30)]
    said = " ".join(made.skipped)
    assert f"need {keys[1]} is accepted but has no cost" in said
    assert f"need {keys[2]} has a cost but its answer is not accepted" in said
    assert f"need {keys[4]} has a cost but was merged" in said
    with pytest.raises(InputError, match="not in the needs register"):
        store.create_vote_from_needs(meeting.id, 100, 2, {"999": Fraction(1)})
    with pytest.raises(InputError, match="no accepted need with a cost"):
        store.create_vote_from_needs(meeting.id, 100, 2, {str(keys[2]): Fraction(1)})


def test_the_export_reads_back_with_the_same_outcomes(store, tmp_path):
    made = _vote(store, voters=5)
    for k, ballot in enumerate((["1", "3"], ["2"], ["2", "3"], ["1"], ["3"]), 1):
        store.cast_ballot(made.id, made.voter_tokens[f"voter-{k}"], ballot)
    election = store.vote_election(made.id, made.facilitator_token)
    text = election_text(election)
    assert "voter-" not in text and all(t not in text for t in made.voter_tokens.values())
    save_election(election, tmp_path / "vote.pb")
    again = read_election(tmp_path / "vote.pb")
    assert again == parse_election(text, "vote.pb")
    assert sorted(b.voter for b in again.ballots) == ["1", "2", "3", "4", "5"]
    for rule, run in RULES.items():
        assert run(again).to_json() == run(election).to_json(), rule
    assert RULES["utilitarian"](again).to_json() == {"selected": ["2", "3"], "cost": 90}


def test_a_pb_file_gives_its_projects_and_budget_not_its_votes(store):
    source = read_election(EXAMPLE_ELECTION)
    made = store.create_vote_from_election(source, 4, "Sluzewiec.pb")
    vote = store.vote(made.id)
    assert vote.budget == source.budget and vote.ballots == {}
    assert [p.id for p in vote.projects] == [p.id for p in source.projects]
    assert "VOTES" in store.audit(made.id)[0].detail["ignored"]


def test_costs_file(tmp_path):
    assert read_costs('need,cost\n12,1500\nneed:14,"2,000"\n') == \
        {"12": Fraction(1500), "14": Fraction(2000)}
    with pytest.raises(InputError, match="line 3: cost: must be a number"):
        read_costs("need,cost\n12,1500\n13,lots\n")
    with pytest.raises(InputError, match="line 1: the header"):
        read_costs("id;price\n")


def test_two_thousand_voter_links(store, capsys):
    start = time.perf_counter()
    made = store.create_vote("Big vote", 100, PROJECTS, 2000)
    created = time.perf_counter() - start
    start = time.perf_counter()
    store.cast_ballot(made.id, made.voter_tokens["voter-2000"], ["1"])
    cast = time.perf_counter() - start
    with capsys.disabled():
        print(f"\n2,000 voter links on {store.where}: created in {created:.2f} s, "
              f"a ballot cast in {cast * 1000:.0f} ms")
    assert created < 30 and cast < 5
