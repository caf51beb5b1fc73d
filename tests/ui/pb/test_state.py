"""The PB page's state without widgets: the bundled example, uploads (good, bad, too big,
not text), a refused file keeping the election shown, cancel, and the export."""

from __future__ import annotations

import threading

import pytest

from tests.pb.make import pb_text
from workbench.paths import EXAMPLE_ELECTION
from workbench.pb import RULES, compare, parse_election, read_election
from workbench.pb.generate import synthetic_election
from workbench.pb.writing import election_text
from workbench.ui.pb.state import PbState

SMALL = pb_text(100, {"A": 60, "B": 30, "C": 50}, ["A", "A,B", "C", "B", "C"])


def opened(state: PbState, ok: bool) -> PbState:
    assert ok
    state.wait()
    assert not state.busy
    return state


def test_the_example_opens_with_each_rules_outcome():
    state = opened(s := PbState(), s.open_example())
    example = read_election(EXAMPLE_ELECTION)
    assert state.election == example
    assert list(state.outcomes) == ["utilitarian", "greedy", "mes"]
    for rule, run in RULES.items():
        assert state.outcomes[rule] == run(example)
    assert state.name == "Local PB in Warszawa, Mokotów | Służewiec"
    assert state.message("source")[0] == "success"
    assert "1,006 voters" in state.message("source")[1]
    # The rules differ on this election: MES funds project 710, the other two 361.
    assert "710" in state.outcomes["mes"].selected
    assert "361" in state.outcomes["greedy"].selected


def test_a_good_upload_replaces_the_election():
    state = opened(s := PbState(), s.open_example())
    opened(state, state.open_bytes(SMALL.encode(), "small.pb"))
    assert state.source == "small.pb" and len(state.election.projects) == 3
    # Two votes each: cheapest first, B (30) then C (50); A (60) no longer fits.
    assert state.outcomes["greedy"].selected == ("B", "C")
    assert state.outcomes == compare(parse_election(SMALL, "small.pb"))


def test_a_bad_file_keeps_the_election_shown_and_says_where():
    state = opened(s := PbState(), s.open_example())
    before, outcomes = state.election, state.outcomes
    bad = SMALL.replace("2;A,B", "2;A,Z")
    assert not state.open_bytes(bad.encode(), "bad.pb")
    assert not state.busy
    assert state.election is before and state.outcomes == outcomes
    kind, said = state.message("source")
    assert kind == "error" and "bad.pb was not opened: 1 problem(s)" in said
    assert "Służewiec is still shown" in said
    assert state.problems == ["bad.pb: VOTES, voter '2': vote: names project 'Z', which is "
                              "not in PROJECTS (line 14)"]
    # the next good file clears the problems
    opened(state, state.open_bytes(SMALL.encode(), "small.pb"))
    assert state.problems == [] and state.message("source")[0] == "success"


def test_uploads_that_are_not_text_or_too_big_are_refused(monkeypatch):
    state = PbState(background=False)
    assert not state.open_bytes(b"\xff\xfe\x00bad", "binary.pb")
    assert "is not UTF-8 text" in state.problems[0] and state.election is None
    monkeypatch.setenv("WORKBENCH_MAX_BYTES", "100")
    assert not state.open_bytes(SMALL.encode(), "small.pb")
    assert "small.pb" in state.problems[0] and "WORKBENCH_MAX_BYTES" in state.problems[0]


def test_cancel_stops_the_run_and_keeps_what_was_shown():
    state = opened(s := PbState(), s.open_text(SMALL, "small.pb"))
    before = state.election
    big = synthetic_election(voters=20_000, projects=60, seed=4)
    refused = []

    def midway(change) -> None:
        # in the run's own thread, once greedy is done: as a person clicking Cancel then
        if change["new"] > 0.4 and state.busy and not refused:
            refused.append(state.open_text(SMALL, "again.pb"))  # refused while it runs
            state.cancel()

    state.observe(midway, names="progress")
    assert state.open_text(election_text(big), "big.pb")
    state.wait(120)
    assert refused == [False]
    assert not state.busy
    assert state.election is before and state.source == "small.pb"
    kind, said = state.message("run")
    assert kind == "warning" and said.startswith("Cancelled: Synthetic approval election")
    assert "is still shown" in said
    assert "still being worked out" in state.message("source")[1]
    # a new run after the cancel goes through
    state.unobserve(midway, names="progress")
    opened(state, state.open_text(election_text(big), "big.pb"))
    assert state.source == "big.pb" and state.outcomes["mes"] == RULES["mes"](big)


def test_progress_rises_to_the_end():
    heard: list[float] = []
    state = PbState()
    state.observe(lambda c: heard.append(c["new"]), names="progress")
    opened(state, state.open_text(SMALL, "small.pb"))
    assert heard[-1] == 1.0 and heard == sorted(heard)


def test_export_is_the_election_shown_as_a_pb_file():
    state = PbState()
    assert state.export() is None
    opened(state, state.open_example())
    name, content = state.export()
    assert name == "Poland_Warszawa_2019_Sluzewiec.pb"
    assert parse_election(content.decode(), name) == state.election
    opened(state, state.open_text(SMALL, "../odd name!.pb"))
    assert state.export()[0] == "odd-name.pb"


@pytest.fixture(autouse=True)
def _no_leftover_threads():
    yield
    # every run of a test has ended (wait() in each); nothing runs on into the next test
    assert not any(t.name.startswith("Thread") and t.is_alive() and t.daemon
                   for t in threading.enumerate() if t is not threading.main_thread())
