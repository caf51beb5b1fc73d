"""The needs register in the store (commissioning-cycle.md, section 6): needs proposed by a
panel or a resident, supported once per supporter up to the meeting's limit, merged with a
reason (both kept), answered with section 2's answers; names and contacts never published.
Each test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
import yaml

from tests.monitoring.helpers import small
from workbench.errors import AccessError, InputError, RateLimited
from workbench.scenario.files import scenario_to_data
from workbench.store.audit import audit_lines
from workbench.store.needs import (
    DEFAULT_SUPPORTS,
    PUBLIC_NEEDS_PER_MINUTE,
    RESIDENTS,
    needs_of,
)
from workbench.store.record import Adoption, build_record

ANN = "resident-ann-0001"
BOB = "resident-bob-0002"


def _text(scenario) -> str:
    return yaml.safe_dump(scenario_to_data(scenario), sort_keys=False, allow_unicode=True)


def _need(store, meeting, token=None, text="A bus to the clinic", **kw):
    return store.propose_need(meeting.id, token, text, kw.pop("affected", "Older residents"),
                              kw.pop("evidence", "Twelve people asked at the surgery"), **kw)


def test_a_panel_and_a_resident_propose_needs(store, meeting):
    users = meeting.panel_tokens["users"]
    by_panel = _need(store, meeting, users, "Evening opening")
    by_resident = _need(store, meeting, None, "Step-free access", name="Ann Smith",
                        contact="ann@example.org")
    anonymous = _need(store, meeting, None, "Quiet hours", evidence=None)
    found = {n.key: n for n in store.needs(meeting.id)}
    assert list(found) == [f"need:{by_panel.version}", f"need:{by_resident.version}",
                           f"need:{anonymous.version}"]
    panel, resident, quiet = found.values()
    assert (panel.text, panel.affected, panel.proposed_by, panel.via) == \
        ("Evening opening", "Older residents", "users", "users")
    assert (resident.proposed_by, resident.via) == ("a resident", "public")
    assert resident.proposer_name == "" and resident.contact == ""
    assert quiet.evidence == "" and quiet.state == "not_answered"
    private = {n.key: n for n in store.needs(meeting.id, private=True)}
    assert private[resident.key].proposed_by == "Ann Smith"
    assert private[resident.key].contact == "ann@example.org"
    assert private[quiet.key].proposed_by == "a resident"     # no name given
    with pytest.raises(AccessError):                          # the facilitator is no panel
        _need(store, meeting, meeting.facilitator_token)


def test_texts_are_required_and_bounded(store, meeting):
    with pytest.raises(InputError, match="text: must not be empty"):
        _need(store, meeting, None, "  ")
    with pytest.raises(InputError, match="affected: must not be empty"):
        _need(store, meeting, None, affected="")
    with pytest.raises(InputError, match="text: at most 4000 characters"):
        _need(store, meeting, None, "x" * 4001)
    with pytest.raises(InputError, match="affected: at most 1000 characters"):
        _need(store, meeting, None, affected="x" * 1001)
    with pytest.raises(InputError, match="name: at most 200 characters"):
        _need(store, meeting, None, name="x" * 201)
    assert store.needs(meeting.id) == []


def test_one_support_per_supporter_a_need_up_to_the_limit(store, meeting):
    users, staff = meeting.panel_tokens["users"], meeting.panel_tokens["staff"]
    keys = [f"need:{_need(store, meeting, None, f'Need {i}').version}" for i in range(4)]
    store.support_need(meeting.id, None, keys[0], ANN)
    store.support_need(meeting.id, None, keys[0], BOB)
    store.support_need(meeting.id, users, keys[0])
    with pytest.raises(InputError, match="already supported this need"):
        store.support_need(meeting.id, None, keys[0], ANN)
    with pytest.raises(InputError, match="already supported this need"):
        store.support_need(meeting.id, users, keys[0])
    store.support_need(meeting.id, staff, keys[0])
    need = store.needs(meeting.id)[0]
    # the groups in the scenario's order, residents last
    assert need.supports == (("users", 1), ("staff", 1), (RESIDENTS, 2))
    assert need.support_count == 4
    store.support_need(meeting.id, None, keys[1], ANN)
    store.support_need(meeting.id, None, keys[2], ANN)
    assert DEFAULT_SUPPORTS == 3
    with pytest.raises(InputError, match="already supported 3 needs"):
        store.support_need(meeting.id, None, keys[3], ANN)
    store.support_need(meeting.id, None, keys[3], BOB)       # another supporter still may
    with pytest.raises(InputError, match="no need 'need:999'"):
        store.support_need(meeting.id, None, "need:999", BOB)
    with pytest.raises(InputError, match="supporter id"):
        store.support_need(meeting.id, None, keys[3], "x")


def test_the_limit_is_the_scenarios_engagement_setting(store):
    made = store.create_meeting(_text(small(engagement={"supports_per_person": 1})))
    a = store.propose_need(made.id, None, "One", "Everyone")
    b = store.propose_need(made.id, None, "Two", "Everyone")
    store.support_need(made.id, None, f"need:{a.version}", ANN)
    with pytest.raises(InputError, match="already supported 1 needs"):
        store.support_need(made.id, None, f"need:{b.version}", ANN)


def test_a_merge_needs_a_reason_keeps_both_and_counts_the_supports_where_it_went(store,
                                                                                 meeting):
    fac, users = meeting.facilitator_token, meeting.panel_tokens["users"]
    a = f"need:{_need(store, meeting, None, 'A bus to the clinic').version}"
    b = f"need:{_need(store, meeting, users, 'Transport to health services').version}"
    store.support_need(meeting.id, None, a, ANN)
    store.support_need(meeting.id, None, a, BOB)
    store.support_need(meeting.id, None, b, ANN)           # Ann supports both: counted once
    store.support_need(meeting.id, users, b)
    with pytest.raises(InputError, match="reason: must not be empty"):
        store.merge_need(meeting.id, fac, a, b, " ")
    with pytest.raises(InputError, match="merged into itself"):
        store.merge_need(meeting.id, fac, a, a, "same")
    with pytest.raises(InputError, match="into: no need"):
        store.merge_need(meeting.id, fac, a, "need:999", "same")
    with pytest.raises(AccessError):
        store.merge_need(meeting.id, users, a, b, "same")
    store.merge_need(meeting.id, fac, a, b, "The same need: getting to the clinic")
    found = {n.key: n for n in store.needs(meeting.id)}
    assert set(found) == {a, b}                                # both kept
    assert found[a].merged_into == b
    assert found[a].merge_reason == "The same need: getting to the clinic"
    assert found[a].supports == ((RESIDENTS, 2),)             # its own, still shown
    assert found[b].merged_from == (a,)
    assert found[b].supports == (("users", 1), (RESIDENTS, 2))   # Ann once, Bob, users
    with pytest.raises(InputError, match="already merged into need"):
        store.merge_need(meeting.id, fac, a, b, "again")
    with pytest.raises(InputError, match="itself merged into need"):
        store.merge_need(meeting.id, fac, b, a, "back")
    with pytest.raises(InputError, match=r"merged into need .*support that one"):
        store.support_need(meeting.id, None, a, "resident-cat-0003")


def test_needs_are_answered_with_the_answers_of_section_2(store, meeting):
    fac, users, staff = (meeting.facilitator_token, meeting.panel_tokens["users"],
                         meeting.panel_tokens["staff"])
    public = f"need:{_need(store, meeting).version}"
    panel = f"need:{_need(store, meeting, users, 'Evening opening').version}"
    with pytest.raises(InputError, match="needs a text that says why"):
        store.answer(meeting.id, fac, public, "rejected", "", "Clerk")
    with pytest.raises(InputError, match="no need 'need:999'"):
        store.answer(meeting.id, fac, "need:999", "accepted", "", "Clerk")
    store.answer(meeting.id, fac, public, "evaluating", "", "Clerk")
    store.answer(meeting.id, fac, public, "partly_accepted", "A bus on Tuesdays",
                 "Head of Transport")
    need = store.needs(meeting.id)[0]
    assert need.state == "partly_accepted"
    assert [(a.state, a.text, a.by) for a in need.answers] == [
        ("evaluating", "", "Clerk"), ("partly_accepted", "A bus on Tuesdays",
                                      "Head of Transport")]
    with pytest.raises(AccessError, match="only the group that wrote"):
        store.withdraw(meeting.id, staff, panel)
    store.withdraw(meeting.id, users, panel, "We asked the library instead")
    assert store.needs(meeting.id)[1].state == "withdrawn"


def test_public_needs_are_rate_limited_and_go_on_after_close(store, meeting):
    for i in range(PUBLIC_NEEDS_PER_MINUTE):
        _need(store, meeting, None, f"Need {i}")
    with pytest.raises(RateLimited, match="wait a minute"):
        _need(store, meeting, None, "one more")
    _need(store, meeting, meeting.panel_tokens["users"], "a panel is not limited")
    store.close_meeting(meeting.id, meeting.facilitator_token)
    # the decision stage is over; the register goes on until the links expire
    store.support_need(meeting.id, meeting.panel_tokens["staff"], "need:2")
    store.merge_need(meeting.id, meeting.facilitator_token, "need:3", "need:2", "same")
    with store.engine.begin() as conn:                         # as if the links expired
        conn.execute(sa.text("UPDATE meeting_access SET expires_at = :t"),
                     {"t": datetime.now(timezone.utc) - timedelta(minutes=1)})
    with pytest.raises(AccessError, match="expired"):
        _need(store, meeting, None, "too late")
    with pytest.raises(AccessError, match="expired"):
        store.support_need(meeting.id, None, "need:2", ANN)
    with pytest.raises(AccessError, match="no meeting"):
        store.propose_need("x" * 32, None, "late", "everyone")


def test_names_and_contacts_are_never_in_the_register_the_record_or_the_audit(store,
                                                                             meeting):
    _need(store, meeting, None, "Step-free access", name="Ann Smith",
          contact="ann@example.org")
    store.support_need(meeting.id, None, "need:2", ANN)
    store.answer(meeting.id, meeting.facilitator_token, "need:2", "accepted",
                 "A ramp by May", "Clerk")
    text = repr(store.needs(meeting.id))
    record = build_record(store, meeting.id, adoption=Adoption(confirm_unanswered=True))
    lines = "\n".join(audit_lines(store.audit(meeting.id)))
    for published in (text, repr(record["needs"]), lines):
        assert "Ann Smith" not in published and "ann@example.org" not in published
    [need] = record["needs"]
    assert need["text"] == "Step-free access" and need["proposed_by"] == "a resident"
    assert need["supports"] == {RESIDENTS: 1} and need["state_words"] == "accepted"
    assert need["answer"] == "A ramp by May"
    # the audit says what happened, in words
    assert "need 2 proposed by a resident: \u201cStep-free access\u201d" in lines
    assert "need 2 supported by a resident" in lines
    assert "answered need:2 by Clerk: accepted" in lines


def test_the_reader_is_a_pure_function_of_the_history(store, meeting):
    _need(store, meeting, meeting.panel_tokens["users"])
    history = store.audit(meeting.id)
    assert needs_of(history) == needs_of(list(history))
    assert needs_of(history)[0].key == "need:2"
