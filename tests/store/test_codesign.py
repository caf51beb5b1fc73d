"""A service's specification and term sheet set with the groups, in the store (section 5):
requirements proposed by panels and officers, each group's latest priority, the core's
agreed priority (an opted-out group counting 0), answers where a group differs, terms with
positions, the agreed text and its answers. Each test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from workbench.errors import AccessError, InputError, RateLimited
from workbench.store.audit import audit_lines
from workbench.store.codesign import PANEL_ACTS_PER_MINUTE


def _req(store, meeting, token=None, text="Meals arrive hot", kind="outcome", **kw):
    token = token or meeting.facilitator_token
    by = kw.pop("by", "Jo Officer" if token == meeting.facilitator_token else None)
    return store.propose_requirement(meeting.id, token, "meals", text, kind, by=by)


def test_requirements_priorities_and_the_agreed_priority(store, meeting):
    users, staff = meeting.panel_tokens["users"], meeting.panel_tokens["staff"]
    first = _req(store, meeting)
    second = _req(store, meeting, users, "A named driver each week", "standard")
    r1, r2 = f"r{first.version}", f"r{second.version}"
    store.give_priority(meeting.id, users, "meals", r1, "could")
    store.give_priority(meeting.id, users, "meals", r1, "must")        # supersedes
    store.give_priority(meeting.id, staff, "meals", r1, "should")
    found = store.codesign(meeting.id, "meals")
    assert [(r.id, r.proposed_by, r.kind) for r in found.spec.requirements] == \
        [(r1, "Jo Officer", "outcome"), (r2, "users", "standard")]
    assert found.spec.priorities["users"][r1] == "must"
    # equal influence: must reaches half the total, as "reaches" says
    assert found.agreed == {r1: "must", r2: None}
    assert found.differs(r1, "staff") and not found.differs(r1, "users")
    assert found.to_answer() == [(r1, "staff")]
    store.opt_out(meeting.id, users, "Not this year")
    assert store.codesign(meeting.id, "meals").agreed[r1] == "should"    # users count 0
    assert store.codesign_services(meeting.id) == ["meals"]
    assert store.codesign(meeting.id, "transport").empty


def test_an_answer_is_to_the_latest_priority(store, meeting):
    users, staff = meeting.panel_tokens["users"], meeting.panel_tokens["staff"]
    r1 = f"r{_req(store, meeting).version}"
    store.give_priority(meeting.id, users, "meals", r1, "must")
    store.give_priority(meeting.id, staff, "meals", r1, "wont")
    with pytest.raises(InputError, match="differs"):
        store.answer_priority(meeting.id, meeting.facilitator_token, "meals", r1, "users",
                              "accepted", None, "Jo")
    with pytest.raises(InputError, match="needs a text"):
        store.answer_priority(meeting.id, meeting.facilitator_token, "meals", r1, "staff",
                              "rejected", None, "Jo")
    store.answer_priority(meeting.id, meeting.facilitator_token, "meals", r1, "staff",
                          "rejected", "Hot meals are the service", "Jo")
    found = store.codesign(meeting.id, "meals")
    assert found.priority_state(r1, "staff") == "rejected" and found.to_answer() == []
    store.give_priority(meeting.id, staff, "meals", r1, "could")     # changes its mind
    assert store.codesign(meeting.id, "meals").to_answer() == [(r1, "staff")]
    with pytest.raises(AccessError):
        store.answer_priority(meeting.id, users, "meals", r1, "staff", "accepted", None, "x")


def test_terms_positions_agreement_and_not_answered(store, meeting):
    users, staff = meeting.panel_tokens["users"], meeting.panel_tokens["staff"]
    fac = meeting.facilitator_token
    term = f"t{store.propose_term(meeting.id, fac, 'meals', 'length', 'Five years', 'Jo').version}"
    with pytest.raises(InputError, match="amend"):
        store.take_position(meeting.id, users, "meals", term, "amend")
    store.take_position(meeting.id, users, "meals", term, "amend", "Three years, then review")
    store.take_position(meeting.id, staff, "meals", term, "support")
    with pytest.raises(InputError, match="agree the term"):
        store.answer_position(meeting.id, fac, "meals", term, "users", "accepted", None, "Jo")
    store.agree_term(meeting.id, fac, "meals", term, "Three years with a review", "Jo")
    store.answer_position(meeting.id, fac, "meals", term, "users", "accepted", "", "Jo")
    sheet = store.codesign(meeting.id, "meals").sheet
    by_group = {p.group: p for p in sheet.positions}
    assert by_group["users"].text == "Three years, then review"
    assert sheet.answer_to(by_group["users"]).state == "accepted"
    assert sheet.answer_to(by_group["staff"]).state == "not_answered"
    assert sheet.agreed[0].text == "Three years with a review"
    store.take_position(meeting.id, users, "meals", term, "oppose")     # a new position
    sheet = store.codesign(meeting.id, "meals").sheet
    assert sheet.answer_to(next(p for p in sheet.positions if p.group == "users")).state \
        == "not_answered"
    assert "break_clauses" in sheet.missing_topics()
    with pytest.raises(AccessError):
        store.propose_term(meeting.id, users, "meals", "length", "x", "Jo")
    with pytest.raises(InputError, match="topic"):
        store.propose_term(meeting.id, fac, "meals", "colour", "x", "Jo")


def test_checks_and_the_audit_in_words(store, meeting):
    with pytest.raises(InputError, match="service"):
        store.propose_requirement(meeting.id, meeting.facilitator_token, "nope", "x", "kpi",
                                  by="Jo")
    with pytest.raises(InputError, match="kind"):
        _req(store, meeting, kind="wish")
    with pytest.raises(InputError, match="by"):
        _req(store, meeting, by=None)
    with pytest.raises(InputError, match="text"):
        _req(store, meeting, text="x" * 5000)
    kpi = _req(store, meeting, text="95% of meals within 15 minutes of the time", kind="kpi")
    store.give_priority(meeting.id, meeting.panel_tokens["users"], "meals",
                        f"r{kpi.version}", "must")
    with pytest.raises(InputError, match="priority"):
        store.give_priority(meeting.id, meeting.panel_tokens["users"], "meals",
                            f"r{kpi.version}", "maybe")
    stubs = store.codesign(meeting.id, "meals").kpi_stubs()
    assert [(s["id"], s["service"], s["target"]) for s in stubs] == \
        [(f"r{kpi.version}", "meals", None)]
    lines = "\n".join(audit_lines(store.audit(meeting.id)))
    assert "proposed for Jo Officer (performance indicator)" in lines
    assert "priority for requirement" in lines and "Must have" in lines


def test_a_tender_evaluations_links_cannot_set_a_specification(store):
    from tests.tender.stored_helpers import tender_text

    tender = store.create_tender(tender_text(), "t.yaml")
    with pytest.raises(AccessError):
        store.propose_requirement(tender.id, tender.moderator_token, "home_care", "x",
                                  "outcome", by="Jo")
    with pytest.raises(AccessError):
        store.give_priority(tender.id, tender.evaluator_tokens["e1"], "home_care", "r1",
                            "must")


def test_a_panel_cannot_flood_the_history(store, meeting):
    users = meeting.panel_tokens["users"]
    r1 = f"r{_req(store, meeting).version}"
    for k in range(PANEL_ACTS_PER_MINUTE):
        store.give_priority(meeting.id, users, "meals", r1, ("must", "could")[k % 2])
    with pytest.raises(RateLimited, match="wait a minute"):
        store.propose_requirement(meeting.id, users, "meals", "One more", "outcome")
    store.give_priority(meeting.id, meeting.panel_tokens["staff"], "meals", r1, "must")
    _req(store, meeting, text="The officer is not limited")
