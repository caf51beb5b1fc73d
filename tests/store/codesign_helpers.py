"""A meals service's specification and term sheet, filled in as two panels and an officer
would: shared by the store, export and page tests."""

from __future__ import annotations

from types import SimpleNamespace

EVIL = "<script>alert('x')</script> & =SUM(A1)"


def filled(store, meeting, text: str = "Meals arrive hot") -> SimpleNamespace:
    """Two requirements (one a kpi), priorities that differ, one answer; a term with an
    amendment and a support, agreed, the amendment answered."""
    fac, users = meeting.facilitator_token, meeting.panel_tokens["users"]
    staff = meeting.panel_tokens["staff"]
    first = store.propose_requirement(meeting.id, fac, "meals", text, "outcome",
                                      by="Jo Officer")
    second = store.propose_requirement(meeting.id, users, "meals",
                                       "Nine in ten meals on time", "kpi")
    r1, r2 = f"r{first.version}", f"r{second.version}"
    store.give_priority(meeting.id, users, "meals", r1, "must")
    store.give_priority(meeting.id, staff, "meals", r1, "could")
    store.give_priority(meeting.id, users, "meals", r2, "should")
    store.answer_priority(meeting.id, fac, "meals", r1, "staff", "rejected",
                          "Hot meals are what residents asked for " + EVIL, "Jo Officer")
    term = store.propose_term(meeting.id, fac, "meals", "length", "Five years", "Jo Officer")
    t1 = f"t{term.version}"
    store.take_position(meeting.id, users, "meals", t1, "amend", "Three years " + EVIL)
    store.take_position(meeting.id, staff, "meals", t1, "support")
    store.agree_term(meeting.id, fac, "meals", t1, "Three years, with a review", "Jo Officer")
    store.answer_position(meeting.id, fac, "meals", t1, "users", "accepted", "Agreed", "Jo")
    return SimpleNamespace(r1=r1, r2=r2, t1=t1)
