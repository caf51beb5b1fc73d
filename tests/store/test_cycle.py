"""The commissioning cycle in the store (commissioning-cycle.md, sections 1 to 4): opting out,
answers, departures from the recommendation, targets, results, challenges and reviews, each
appended to the history and worked by hand on the teaching and small scenarios."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
import yaml

from tests.monitoring.helpers import small, target
from workbench.errors import AccessError, InputError, RateLimited
from workbench.monitoring import read_results
from workbench.scenario.files import scenario_to_data
from workbench.store.audit import describe_event
from workbench.store.cycle import PUBLIC_CHALLENGES_PER_MINUTE, review_meeting
from workbench.store.record import Adoption, build_record


def _text(scenario) -> str:
    return yaml.safe_dump(scenario_to_data(scenario), sort_keys=False, allow_unicode=True)


@pytest.fixture
def monitored(store):
    """A meeting on the small scenario: target t of care (higher is better: 90 good, 80
    approaching, 70 inadequate), groups users and staff."""
    return store.create_meeting(_text(small([target(), target("u", direction="lower",
                                                               target=5, approaching=8,
                                                               inadequate=12)])))


# -- section 1 -----------------------------------------------------------------------------
def test_a_group_opts_out_with_its_reason_and_back_in(store, meeting):
    users, staff = meeting.panel_tokens["users"], meeting.panel_tokens["staff"]
    store.submit_weights(meeting.id, users, {"quality": 0, "access": 1})
    store.submit_weights(meeting.id, staff, {"quality": 1, "access": 0})
    store.opt_out(meeting.id, users, "We were not told in time")
    assert store.opted_out(meeting.id) == {"users": "We were not told in time"}
    with pytest.raises(InputError, match="already opted out"):
        store.opt_out(meeting.id, users)
    with pytest.raises(AccessError):
        store.opt_out(meeting.id, meeting.facilitator_token)
    record = build_record(store, meeting.id)
    # its influence counts as 0: the agreed weights are the staff's alone
    assert record["agreed_weights"] == pytest.approx({"quality": 1.0, "access": 0.0})
    assert record["opted_out"] == {"users": "We were not told in time"}
    assert record["groups"]["users"]["opted_out"] is True
    assert record["groups"]["users"]["satisfaction"] is not None    # still shown
    with pytest.raises(InputError, match="every group has opted out"):
        store.opt_out(meeting.id, staff)
        build_record(store, meeting.id)
    store.opt_in(meeting.id, users)
    store.opt_in(meeting.id, staff)
    assert store.opted_out(meeting.id) == {}
    assert build_record(store, meeting.id)["agreed_weights"] == \
        pytest.approx({"quality": 0.5, "access": 0.5})
    with pytest.raises(InputError, match="has not opted out"):
        store.opt_in(meeting.id, users)
    kinds = [e.kind for e in store.audit(meeting.id)]
    assert kinds.count("opted_out") == 2 and kinds.count("opted_in") == 2


# -- section 2 -----------------------------------------------------------------------------
def test_every_view_gets_an_answer_appended_never_edited(store, meeting):
    users, staff = meeting.panel_tokens["users"], meeting.panel_tokens["staff"]
    fac = meeting.facilitator_token
    store.submit_weights(meeting.id, users, {"quality": 1}, comment="More buses",
                         dissent="Keep the library")
    store.submit_weights(meeting.id, users, {"quality": 2}, comment="More buses",
                         dissent="Keep both libraries")
    found = {(v.kind, v.text): v for v in store.views(meeting.id)}
    # the comment submitted again unchanged is one view; the changed dissent is a new one
    assert [v.key for v in store.views(meeting.id)] == ["comment:2", "dissent:2", "dissent:3"]
    assert found[("dissent", "Keep the library")].current is False
    assert found[("dissent", "Keep both libraries")].current is True
    with pytest.raises(InputError, match="needs a text that says why"):
        store.answer(meeting.id, fac, "dissent:3", "rejected", " ", "Clerk")
    with pytest.raises(InputError, match="state: must be one of"):
        store.answer(meeting.id, fac, "dissent:3", "not_answered", "", "Clerk")
    with pytest.raises(InputError, match="only its author"):
        store.answer(meeting.id, fac, "dissent:3", "withdrawn", "", "Clerk")
    with pytest.raises(InputError, match="no view or challenge 'dissent:99'"):
        store.answer(meeting.id, fac, "dissent:99", "accepted", "", "Clerk")
    with pytest.raises(InputError, match="by: must not be empty"):
        store.answer(meeting.id, fac, "dissent:3", "accepted", "", "")
    with pytest.raises(AccessError):
        store.answer(meeting.id, users, "dissent:3", "accepted", "", "Clerk")
    store.answer(meeting.id, fac, "dissent:3", "evaluating", "", "Clerk")
    store.answer(meeting.id, fac, "dissent:3", "partly_accepted", "One library stays",
                 "Head of Libraries")
    view = next(v for v in store.views(meeting.id) if v.key == "dissent:3")
    assert view.state == "partly_accepted"
    assert [(a.state, a.by) for a in view.answers] == [
        ("evaluating", "Clerk"), ("partly_accepted", "Head of Libraries")]
    with pytest.raises(AccessError, match="only the group that wrote"):
        store.withdraw(meeting.id, staff, "dissent:3")
    store.withdraw(meeting.id, users, "dissent:3", "We accept one library")
    assert next(v for v in store.views(meeting.id) if v.key == "dissent:3").state == \
        "withdrawn"


def test_adopting_with_unanswered_dissent_needs_a_confirmation(store, meeting):
    users, staff = meeting.panel_tokens["users"], meeting.panel_tokens["staff"]
    store.submit_weights(meeting.id, users, {"quality": 1}, dissent="No cuts")
    store.submit_weights(meeting.id, staff, {"quality": 1}, dissent="No outsourcing")
    with pytest.raises(InputError, match=r"2 dissent notes \(Service users, Staff and unions\) "
                                         r"have no answer yet"):
        build_record(store, meeting.id)
    store.answer(meeting.id, meeting.facilitator_token, "dissent:2", "accepted", "", "Clerk")
    with pytest.raises(InputError, match=r"1 dissent note \(Staff and unions\) has no answer"):
        build_record(store, meeting.id)
    record = build_record(store, meeting.id, adoption=Adoption(confirm_unanswered=True))
    assert record["not_answered"] == ["dissent:3"]
    # a comment without an answer does not hold adoption up
    store.submit_weights(meeting.id, users, {"quality": 1}, comment="Thanks", dissent="No cuts")
    assert build_record(store, meeting.id, adoption=Adoption(confirm_unanswered=True))


def test_a_departure_from_the_recommendation_needs_a_reason_for_each_service(store):
    text = _text(small([target()]).replace(proposal={"care": "in_house", "parks": "council"}))
    made = store.create_meeting(text)
    with pytest.raises(InputError, match=r"none given for Care\)"):
        build_record(store, made.id, adoption=Adoption("proposal"))
    record = build_record(store, made.id, adoption=Adoption(
        "proposal", reasons={"care": "The contract failed twice"}))
    adopted = record["adopted"]
    assert adopted["departures"] == [{"service": "care", "recommended": "contract",
                                      "adopted": "in_house",
                                      "reason": "The contract failed twice"}]
    # recommended: contract (q 50) + council (q 50); adopted: in_house (q 40) + council
    assert adopted["recommended"]["value"] == pytest.approx(50)
    assert adopted["value"] == pytest.approx(45)
    assert adopted["total_cost"] == pytest.approx(10 * 2 + 5 * 2)
    assert set(adopted["satisfaction"]) == {"users", "staff"}
    assert record["proposal"]["choices"] == {"care": "in_house", "parks": "council"}
    what_if = build_record(store, made.id, adoption=Adoption(
        "what_if", choices={"care": "contract", "parks": "council"}))
    assert what_if["adopted"]["departures"] == []
    with pytest.raises(InputError, match="leaves out parks"):
        build_record(store, made.id, adoption=Adoption("what_if", choices={"care": "contract"}))
    with pytest.raises(InputError, match="source: must be one of"):
        build_record(store, made.id, adoption=Adoption("mine"))


# -- section 3 -----------------------------------------------------------------------------
def test_targets_are_proposed_by_panels_and_agreed_by_the_facilitator(store, monitored):
    users, fac = monitored.panel_tokens["users"], monitored.facilitator_token
    store.propose_target(monitored.id, users, "t", "other", 85, "90% is not reachable yet")
    store.propose_target(monitored.id, monitored.panel_tokens["staff"], "t", "agree")
    with pytest.raises(InputError, match="unknown target 'nope'"):
        store.propose_target(monitored.id, users, "nope", "agree")
    with pytest.raises(InputError, match="value: must be a number"):
        store.propose_target(monitored.id, users, "t", "other", None)
    assert [(p.group, p.position, p.value) for p in store.target_positions(monitored.id)] == \
        [("users", "other", 85.0), ("staff", "agree", None)]
    with pytest.raises(InputError, match=r"approaching: must be at most the target \(85\)"):
        store.agree_target(monitored.id, fac, "t", value=85, approaching=88, inadequate=70,
                           agreed_by=["users"], by="Clerk")
    with pytest.raises(InputError, match="unknown group 'tenants'"):
        store.agree_target(monitored.id, fac, "t", value=85, approaching=80, inadequate=70,
                           agreed_by=["tenants"], by="Clerk")
    store.agree_target(monitored.id, fac, "t", value=85, approaching=80, inadequate=70,
                       agreed_by=["users", "staff"], by="Clerk")
    agreed = {t.id: t for t in store.targets_in_force(monitored.id).targets}
    assert agreed["t"].target == 85 and agreed["t"].agreed_by == ("users", "staff")
    assert agreed["u"].target == 5                      # not agreed again: as in the file


def test_a_target_added_in_the_meeting_is_a_target_like_the_files(store, monitored):
    """A performance indicator of a specification becomes a target (section 5 into 3):
    checked as a file's, then positions, agreement and results work on it."""
    fac, users = monitored.facilitator_token, monitored.panel_tokens["users"]
    made = {"id": "visits", "service": "care", "measure": "Visits on time", "unit": "%",
            "direction": "higher", "target": 95, "period": "month", "kpi": True}
    with pytest.raises(AccessError):
        store.add_target(monitored.id, users, made, by="Clerk")
    with pytest.raises(InputError, match=r"target\.id: the meeting already has a target 't'"):
        store.add_target(monitored.id, fac, {**made, "id": "t"}, by="Clerk")
    with pytest.raises(InputError, match="unknown service 'nope'"):
        store.add_target(monitored.id, fac, {**made, "service": "nope"}, by="Clerk")
    with pytest.raises(InputError, match="direction"):
        store.add_target(monitored.id, fac, {**made, "direction": "up"}, by="Clerk")
    with pytest.raises(InputError, match=r"approaching: must be at most the target"):
        store.add_target(monitored.id, fac, {**made, "approaching": 99}, by="Clerk")
    store.add_target(monitored.id, fac, made, by="Clerk", requirement="r7")
    in_force = {t.id: t for t in store.targets_in_force(monitored.id).targets}
    assert list(in_force) == ["t", "u", "visits"] and in_force["visits"].agreed_by == ()
    assert store.scenario(monitored.id).targets[-1].id == "u"      # the file is unchanged
    store.propose_target(monitored.id, users, "visits", "other", 90, "95 is too high")
    store.agree_target(monitored.id, fac, "visits", value=90, approaching=None,
                       inadequate=None, agreed_by=["users"], by="Clerk")
    assert {t.id: t.target for t in store.targets_in_force(monitored.id).targets}[
        "visits"] == 90
    text = b"service,measure,period,value\ncare,visits,2027-04,92\n"
    rows = read_results(store.targets_in_force(monitored.id), text, "april.csv")
    store.import_results(monitored.id, fac, rows, "april.csv", "x")
    assert [(r.target.id, r.rating) for r in store.results(monitored.id)] == \
        [("visits", "good")]
    (added,) = [e for e in store.audit(monitored.id) if e.kind == "target_added"]
    assert describe_event(added).startswith("target visits added from requirement r7: "
                                            "Visits on time, higher is better, target 95")


def test_results_are_imported_whole_and_a_later_import_is_in_force(store, monitored):
    fac = monitored.facilitator_token
    scenario = store.scenario(monitored.id)
    first = b"service,measure,period,value\ncare,t,2027-04,85\ncare,t,2027-05,90\n"
    rows = read_results(scenario, first, "april.csv")
    done = store.import_results(monitored.id, fac, rows, "april.csv",
                                hashlib.sha256(first).hexdigest())
    assert done.detail["rows"] == 2 and done.detail["replaced"] == 0
    again = b"service,measure,period,value\ncare,t,2027-05,69.9\n"
    done = store.import_results(monitored.id, fac, read_results(scenario, again, "fix.csv"),
                                "fix.csv", "x")
    assert done.detail["replaced"] == 1
    found = {r.period.text: (r.value, r.rating) for r in store.results(monitored.id)}
    assert found == {"2027-04": (85, "approaching_target"), "2027-05": (69.9, "inadequate")}
    # rated against the target in force: agreed at 85, 85 is good (equal to the target)
    store.agree_target(monitored.id, fac, "t", value=85, approaching=80, inadequate=70,
                       agreed_by=[], by="Clerk")
    assert {r.period.text: r.rating for r in store.results(monitored.id)}["2027-04"] == "good"
    with pytest.raises(AccessError):
        store.import_results(monitored.id, monitored.panel_tokens["users"], rows, "a.csv", "x")
    with pytest.raises(InputError, match="no results to import"):
        store.import_results(monitored.id, fac, (), "empty.csv", "x")
    assert [e.kind for e in store.audit(monitored.id)].count("results_imported") == 2


# -- section 4 -----------------------------------------------------------------------------
def test_a_public_challenge_keeps_its_name_and_contact_private(store, monitored):
    done = store.lodge_challenge(monitored.id, service="care", grounds="quality",
                                 text="Carers arrive late", challenger="Ann Reader",
                                 contact="ann@example.org", lodged=date(2027, 6, 1))
    assert "Ann" not in str(done.detail) and "example.org" not in str(done.detail)
    for event in store.audit(monitored.id):
        assert "ann@example.org" not in str(event.detail)
    public = store.challenges(monitored.id)[0]
    assert (public.challenger, public.contact, public.via) == ("", "", "public")
    private = store.challenges(monitored.id, private=True)[0]
    assert (private.challenger, private.contact) == ("Ann Reader", "ann@example.org")
    with pytest.raises(InputError, match="contact: must not be empty"):
        store.lodge_challenge(monitored.id, service="care", grounds="quality", text="x",
                              challenger="Bo", contact=" ")
    with pytest.raises(InputError, match="unknown service 'pool'"):
        store.lodge_challenge(monitored.id, service="pool", grounds="quality", text="x",
                              challenger="Bo", contact="bo@example.org")
    with pytest.raises(InputError, match="grounds: must be one of"):
        store.lodge_challenge(monitored.id, service="care", grounds="mood", text="x",
                              challenger="Bo", contact="bo@example.org")
    panel = store.lodge_challenge(monitored.id, service="care", grounds="safety", text="y",
                                  challenger="Users' panel", contact="",
                                  token=monitored.panel_tokens["users"])
    assert panel.detail["group"] == "users"
    store.answer(monitored.id, monitored.facilitator_token, public.key, "evaluating", "",
                 "Clerk")
    assert store.challenges(monitored.id)[0].state == "evaluating"


def test_public_challenges_are_rate_limited_and_outlive_the_meeting(store, monitored):
    for i in range(PUBLIC_CHALLENGES_PER_MINUTE):
        store.lodge_challenge(monitored.id, service="care", grounds="other", text=f"#{i}",
                              challenger=f"P{i}", contact="p@example.org")
    with pytest.raises(RateLimited, match="wait a minute"):
        store.lodge_challenge(monitored.id, service="care", grounds="other", text="one more",
                              challenger="Q", contact="q@example.org")
    fac = monitored.facilitator_token
    store.close_meeting(monitored.id, fac)
    # the decision stage is over: panels cannot submit, but the cycle goes on
    with pytest.raises(AccessError, match="closed"):
        store.submit_weights(monitored.id, monitored.panel_tokens["users"], {"q": 1})
    with pytest.raises(AccessError, match="closed"):
        store.access(monitored.id, fac)
    assert store.access(monitored.id, fac, after_close=True).role == "facilitator"
    store.open_review(monitored.id, fac, "care", by="Clerk")
    store.answer(monitored.id, fac, "challenge:2", "evaluating", "", "Clerk")
    with pytest.raises(AccessError, match="no meeting"):
        store.lodge_challenge("x" * 32, service="care", grounds="other", text="late",
                              challenger="R", contact="r@example.org")


def test_a_review_is_opened_and_closed_with_its_outcome(store, monitored):
    fac = monitored.facilitator_token
    with pytest.raises(InputError, match="no open review of care"):
        store.close_review(monitored.id, fac, "care", "continue", "Fine")
    store.open_review(monitored.id, fac, "care", [{"reason": "challenges"}], by="Clerk")
    with pytest.raises(InputError, match="already open"):
        store.open_review(monitored.id, fac, "care", by="Clerk")
    with pytest.raises(InputError, match="needs the changes"):
        store.close_review(monitored.id, fac, "care", "revise", "We will change it", by="C")
    with pytest.raises(InputError, match="response: must not be empty"):
        store.close_review(monitored.id, fac, "care", "terminate", "", by="C")
    store.close_review(monitored.id, fac, "care", "terminate", "The contract ends in March",
                       by="Director")
    (review,) = store.reviews(monitored.id)
    assert review.review.outcome == "terminate" and review.closed_by == "Director"
    assert review.reasons == ({"reason": "challenges"},)
    store.open_review(monitored.id, fac, "care", by="Clerk")       # a new one may open
    assert [r.review.outcome for r in store.reviews(monitored.id)] == ["terminate", None]


def test_the_review_from_the_store_counts_distinct_challengers(store, monitored):
    fac = monitored.facilitator_token
    scenario = store.scenario(monitored.id)
    raw = b"service,measure,period,value\ncare,t,2027-06,91\n"
    store.import_results(monitored.id, fac, read_results(scenario, raw, "r.csv"), "r.csv", "x")
    # the 90 days ending 2027-06-30 begin on 2027-04-02: Z is one day outside; D twice
    # counts once, so four challengers, one short of the rule's five
    for who, day in (("Z", "2027-04-01"), ("A", "2027-04-02"), ("B", "2027-05-01"),
                     ("C", "2027-06-01"),
                     ("D", "2027-06-02"), ("D", "2027-06-03")):
        store.lodge_challenge(monitored.id, service="care", grounds="quality", text="late",
                              challenger=who, contact="x@example.org",
                              lodged=date.fromisoformat(day))
    assert "care" not in review_meeting(store, monitored.id).due
    store.lodge_challenge(monitored.id, service="care", grounds="quality", text="late",
                          challenger="Users", contact="", token=monitored.panel_tokens["users"],
                          lodged=date(2027, 6, 30))
    due = review_meeting(store, monitored.id).due
    assert [r.to_json()["reason"] for r in due["care"]] == ["challenges"]


def test_the_audit_says_each_cycle_event_in_words_and_never_a_contact(store, monitored):
    from workbench.store.audit import audit_lines

    fac, users = monitored.facilitator_token, monitored.panel_tokens["users"]
    store.submit_weights(monitored.id, users, {"q": 1}, dissent="No")
    store.answer(monitored.id, fac, "dissent:2", "partly_accepted", "Some", "Clerk")
    store.answer(monitored.id, fac, "dissent:2", "rejected", "Too dear", "Clerk")
    store.opt_out(monitored.id, users, "Busy")
    store.opt_in(monitored.id, users)
    store.propose_target(monitored.id, users, "t", "other", 85)
    store.agree_target(monitored.id, fac, "t", value=85, approaching=80, inadequate=70,
                       agreed_by=["users"], by="Clerk")
    store.lodge_challenge(monitored.id, service="care", grounds="safety", text="Falls",
                          challenger="Ann", contact="ann@example.org")
    store.open_review(monitored.id, fac, "care", [{"reason": "challenges"}], by="Clerk")
    store.close_review(monitored.id, fac, "care", "continue", "It improved", by="Clerk")
    store.lodge_challenge(monitored.id, service="care", grounds="value_for_money", text="Dear",
                          challenger="Users", contact="", token=users)
    history = store.audit(monitored.id)
    lines = "\n".join(audit_lines(history, store.targets_in_force(monitored.id)))
    for said in ("answered dissent:2 by Clerk: partly accepted: \u201cSome\u201d",
                 "answered dissent:2 by Clerk: rejected: \u201cToo dear\u201d",
                 "opted out: \u201cBusy\u201d", "opted back in",
                 "target \u201cOn time\u201d: proposes 85",
                 "target \u201cOn time\u201d agreed at 85 (approaching 80, inadequate 70) by "
                 "Users; recorded by Clerk", "challenge of Care (safety)",
                 "challenge for Users of Care (value for money)",
                 "review of Care opened (challenges from service users) by Clerk",
                 "review of Care closed by Clerk: continue; response: \u201cIt improved\u201d"):
        assert said in lines, lines
    assert "partly_accepted" not in lines
    assert "ann@example.org" not in lines and "Ann" not in lines
    # without the scenario (a bare list of events) ids stand in
    bare = "\n".join(audit_lines(history))
    assert "challenge of care (safety)" in bare and "target t agreed at 85" in bare


def test_an_expired_meeting_takes_no_challenge(store):
    from datetime import datetime, timedelta, timezone

    import sqlalchemy as sa

    from workbench.store.schema import meeting_access

    made = store.create_meeting(_text(small([target()])),
                                expires_at=datetime.now(timezone.utc) + timedelta(hours=1))
    with store.engine.begin() as conn:      # as if the hour had passed
        conn.execute(sa.update(meeting_access).where(
            meeting_access.c.meeting_id == made.id).values(
            expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))
    with pytest.raises(AccessError, match="expired"):
        store.lodge_challenge(made.id, service="care", grounds="other", text="late",
                              challenger="R", contact="r@example.org")
    with pytest.raises(AccessError, match="expired"):
        store.access(made.id, made.facilitator_token, after_close=True)


# -- mended after review (store14) -----------------------------------------------------------
def test_a_review_opened_for_challenges_keeps_no_challengers_name(store, monitored):
    from workbench.store.audit import audit_csv, audit_lines

    fac = monitored.facilitator_token
    for i, who in enumerate(("Zebediah Quarmby", "Ann", "Bob", "Cy")):
        store.lodge_challenge(monitored.id, service="care", grounds="quality", text=f"#{i}",
                              challenger=who, contact=f"{i}@example.org",
                              lodged=date(2027, 6, 1 + i))
    store.lodge_challenge(monitored.id, service="care", grounds="quality", text="ours",
                          challenger="Users", contact="", token=monitored.panel_tokens["users"],
                          lodged=date(2027, 6, 9))
    raw = b"service,measure,period,value\ncare,t,2027-06,91\n"
    store.import_results(monitored.id, fac, read_results(store.scenario(monitored.id), raw,
                                                         "r.csv"), "r.csv", "x")
    due = review_meeting(store, monitored.id).due["care"]
    reasons = [r.to_json() for r in due]
    assert "Zebediah Quarmby" in reasons[0]["who"]      # the facilitator's own reading
    store.open_review(monitored.id, fac, "care", reasons, by="Clerk")
    history = store.audit(monitored.id)
    opened = next(e for e in history if e.kind == "review_opened")
    assert opened.detail["reasons"][0]["challengers"] == 5
    assert opened.detail["reasons"][0]["who"] == ["users"]       # groups only
    read = store.changes_since(monitored.id, monitored.panel_tokens["staff"], 0)
    for place in ([str(e.detail) for e in history], audit_lines(history),
                  [audit_csv(history).decode("utf-8")], [str(e.detail) for e in read.events]):
        assert not any("Zebediah" in text or "Quarmby" in text for text in place)


def test_an_opted_out_group_cannot_be_recorded_as_agreeing_a_target(store, monitored):
    fac = monitored.facilitator_token
    store.opt_out(monitored.id, monitored.panel_tokens["staff"])
    with pytest.raises(InputError, match="agreed_by: Staff has opted out of this "
                                         "meeting, so it cannot be recorded as agreeing"):
        store.agree_target(monitored.id, fac, "t", value=85, approaching=80, inadequate=70,
                           agreed_by=["users", "staff"], by="Clerk")
    store.agree_target(monitored.id, fac, "t", value=85, approaching=80, inadequate=70,
                       agreed_by=["users"], by="Clerk")
    assert store.targets_in_force(monitored.id).targets[0].agreed_by == ("users",)


def test_a_record_built_before_a_dissent_note_is_not_adopted(store, meeting):
    fac, staff = meeting.facilitator_token, meeting.panel_tokens["staff"]
    record = build_record(store, meeting.id)
    store.submit_weights(meeting.id, staff, {"quality": 1}, dissent="No outsourcing")
    with pytest.raises(InputError, match=r"The meeting changed while the decision record was "
                                         r"being made \(new weights or views from Staff and "
                                         r"unions\): adopt again to include it\."):
        store.adopt(meeting.id, fac, record, "Chair")
    assert store.decisions(meeting.id) == []
    with pytest.raises(InputError, match="no answer yet"):     # built again: it is seen
        build_record(store, meeting.id)
    again = build_record(store, meeting.id, adoption=Adoption(confirm_unanswered=True))
    assert store.adopt(meeting.id, fac, again, "Chair").record["not_answered"] == ["dissent:2"]


def test_an_event_the_record_does_not_read_does_not_hold_adoption_up(store, meeting):
    fac = meeting.facilitator_token
    record = build_record(store, meeting.id)
    with pytest.raises(AccessError):                  # a refusal line in the history
        store.submit_weights(meeting.id, "not-a-token", {"quality": 1})
    store.lodge_challenge(meeting.id, service=store.scenario(meeting.id).services[0].id,
                          grounds="other", text="late", challenger="R", contact="r@x.org")
    assert store.adopt(meeting.id, fac, record, "Chair").version > record["as_of_version"]


def test_a_record_without_its_version_is_adopted_as_given(store, meeting):
    """A record made by hand (or by an older caller) says nothing of when it was built, so
    there is nothing to compare: it is adopted as before; a version not a number is refused."""
    store.submit_weights(meeting.id, meeting.panel_tokens["users"], {"quality": 1})
    done = store.adopt(meeting.id, meeting.facilitator_token,
                       {"scenario_sha256": meeting.scenario_sha256}, "Chair")
    assert done.record["adopted_by"] == "Chair"
    with pytest.raises(InputError, match=r"record\.as_of_version: must be a whole number"):
        store.adopt(meeting.id, meeting.facilitator_token,
                    {"scenario_sha256": meeting.scenario_sha256, "as_of_version": "3"}, "X")


def test_the_audit_says_what_was_decided_and_why(store):
    from workbench.store.audit import audit_csv, audit_lines

    text = _text(small([target()]).replace(proposal={"care": "in_house", "parks": "council"}))
    made = store.create_meeting(text)
    store.submit_weights(made.id, made.panel_tokens["users"], {"q": 1}, dissent="No cuts")
    record = build_record(store, made.id, adoption=Adoption(
        "proposal", reasons={"care": "The contract failed twice"}, confirm_unanswered=True))
    store.adopt(made.id, made.facilitator_token, record, "Cllr A.")
    event = store.audit(made.id)[-1]
    assert event.detail["source"] == "proposal"
    assert event.detail["departures"] == [{"service": "care", "recommended": "contract",
                                           "adopted": "in_house",
                                           "reason": "The contract failed twice"}]
    assert event.detail["not_answered"] == ["dissent:2"]
    line = audit_lines([event], store.targets_in_force(made.id))[0]
    assert ("decision adopted by Cllr A. (the officers' proposal; Care: recommended "
            "\u201cContract\u201d, adopted \u201cIn house\u201d, because \u201cThe contract "
            "failed twice\u201d; 1 dissent note adopted not answered; record SHA-256 ") in line
    assert "The contract failed twice" in audit_csv([event]).decode("utf-8")
    # a long reason is cut in the history (the record keeps it whole)
    long = "x" * 5000
    again = build_record(store, made.id, adoption=Adoption(
        "proposal", reasons={"care": long[:4000]}, confirm_unanswered=True))
    done = store.adopt(made.id, made.facilitator_token, again, "Cllr A.")
    assert done.record["adopted"]["departures"][0]["reason"] == long[:4000]
    assert len(store.audit(made.id)[-1].detail["departures"][0]["reason"]) == 300
