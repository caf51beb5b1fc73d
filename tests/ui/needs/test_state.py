"""The needs page's state on a real SQLite meeting store, no browser: blank boxes are named
and nothing typed is lost, a need sent clears the form and names its number, a support is
refused in words twice or past the limit, the council's merge and answer arrive with a
poll, names never reach the public reading, and an expired link refuses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from tests.conftest import SCENARIOS
from workbench.store import MeetingStore
from workbench.ui.needs import NeedsState
from workbench.ui.needs.state import LIMITS


@pytest.fixture
def meeting(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Test")
    yield store, new
    store.close()


def _page(store, new) -> NeedsState:
    state = NeedsState(store, new.id)
    assert state.open(), state.refused
    return state


def _fill(state, **values) -> None:
    defaults = {"text": "A bus to the clinic", "affected": "Older residents",
                "evidence": "Twelve people asked", "name": "Ann Smith",
                "contact": "ann@example.org"}
    for key, value in {**defaults, **values}.items():
        setattr(state, key, value)


def test_blank_boxes_are_named_and_nothing_typed_is_lost(meeting):
    store, new = meeting
    state = _page(store, new)
    _fill(state, text="  ", affected="")
    assert not state.submit()
    assert state.message("text") == ("error", "Say what the need is.")
    assert state.message("affected") == ("error", "Say who is affected.")
    kind, said = state.message("submit")
    assert kind == "error" and said == ("Not sent: say what the need is; say who is "
                                        "affected. Nothing you typed was lost.")
    assert (state.evidence, state.name) == ("Twelve people asked", "Ann Smith")
    _fill(state, evidence="x" * (LIMITS["evidence"] + 1))
    assert not state.submit()
    assert "The evidence runs to 4,001 characters, and the most is 4,000" in \
        state.message("evidence")[1]
    assert store.needs(new.id) == []


def test_a_need_sent_clears_the_form_and_keeps_the_name_private(meeting):
    store, new = meeting
    state = _page(store, new)
    _fill(state)
    assert state.submit(), state.messages
    assert state.message("submit")[1].startswith("Thank you: your need is in the register "
                                                 "as need 2.")
    assert (state.text, state.affected, state.name, state.contact) == ("", "", "", "")
    [need] = state.needs
    assert (need.text, need.proposed_by, need.proposer_name) == \
        ("A bus to the clinic", "a resident", "")
    [private] = store.needs(new.id, private=True)
    assert (private.proposer_name, private.contact) == ("Ann Smith", "ann@example.org")
    # name and contact are optional
    _fill(state, text="Quiet hours", name="", contact="")
    assert state.submit()
    assert len(state.needs) == 2


def test_a_support_is_refused_in_words_twice_or_past_the_limit(meeting):
    store, new = meeting
    for i in range(4):
        store.propose_need(new.id, None, f"Need {i}", "Everyone")
    state = _page(store, new)
    assert state.limit == 3
    keys = [n.key for n in state.needs]
    assert state.support(keys[0])
    assert state.message(f"support:{keys[0]}") == (
        "success", "Thank you for your support. You can support 2 more needs.")
    assert state.needs[0].supports == (("residents", 1),)
    assert not state.support(keys[0])
    assert state.message(f"support:{keys[0]}") == (
        "error", "Not supported: you have already supported this need: each person or group "
                 "supports a need once.")
    assert state.support(keys[1]) and state.support(keys[2])
    assert state.message(f"support:{keys[2]}")[1].endswith("That was your last support in "
                                                           "this meeting.")
    assert not state.support(keys[3])
    assert "already supported 3 needs" in state.message(f"support:{keys[3]}")[1]
    # another visitor's page is another supporter
    other = _page(store, new)
    assert other.supporter != state.supporter and other.support(keys[3])


def test_the_councils_merge_and_answer_arrive_with_a_poll(meeting):
    store, new = meeting
    a = store.propose_need(new.id, None, "A bus", "Older residents")
    b = store.propose_need(new.id, None, "Transport", "Older residents")
    state = _page(store, new)
    assert not state.poll()                      # nothing happened
    store.merge_need(new.id, new.facilitator_token, f"need:{a.version}", f"need:{b.version}",
                     "The same need")
    store.answer(new.id, new.facilitator_token, f"need:{b.version}", "accepted",
                 "A bus from May", "Clerk")
    assert state.poll()
    merged, kept = state.needs
    assert merged.merged_into == kept.key and merged.merge_reason == "The same need"
    assert kept.state == "accepted"
    assert not state.support(merged.key)
    assert "merged into need 3: support that one instead" in \
        state.message(f"support:{merged.key}")[1]


def test_an_expired_link_refuses_in_words_and_a_closed_one_does_not(meeting):
    store, new = meeting
    store.end_meeting(new.id)
    assert NeedsState(store, new.id).open()
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meeting_access SET expires_at = :t"),
                     {"t": datetime.now(timezone.utc) - timedelta(minutes=1)})
    state = NeedsState(store, new.id)
    assert not state.open()
    assert state.refused.startswith(f"This link cannot be used: the links of meeting "
                                    f"{new.id} expired")
    unknown = NeedsState(store, "x" * 32)
    assert not unknown.open() and "no meeting" in unknown.refused
