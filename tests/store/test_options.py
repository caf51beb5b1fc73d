"""Options proposed by the panels (commissioning-cycle.md, section 6), in the store: proposed
with their place checked, never read into the meeting's scenario, costed, scored and
accepted into a new scenario version or declined with the reason, and always answered.
Each test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from workbench.errors import AccessError, InputError
from workbench.store.audit import audit_lines
from workbench.store.record import Adoption, build_record

SCORES = {"quality": 70, "access": 80}


def _propose(store, meeting, token=None, **kw):
    token = token or meeting.panel_tokens["users"]
    return store.propose_option(
        meeting.id, token, kw.pop("service", "transport"), kw.pop("mode", "partnership"),
        kw.pop("provider", "The community transport trust"), kw.pop("rough_cost", 35000),
        kw.pop("scores", {"access": 90}),
        kw.pop("rationale", "The trust already drives people to the clinic"))


def test_a_panel_proposes_an_option_shown_as_proposed_and_never_optimised(store, meeting):
    before = store.scenario(meeting.id)
    made = _propose(store, meeting)
    [option] = store.options(meeting.id)
    assert option.key == f"option:{made.version}"
    assert (option.service, option.mode, option.provider, option.rough_cost) == \
        ("transport", "partnership", "The community transport trust", (35000.0,))
    assert option.scores == {"access": 90.0} and option.proposed_by == "users"
    assert option.state == "not_answered" and option.accepted is None
    after = store.scenario(meeting.id)
    assert after == before                       # the scenario an optimiser sees: unchanged
    assert len(after.service("transport").options) == 2


@pytest.mark.parametrize(("change", "place"), [
    ({"service": "nowhere"}, "service:"), ({"mode": "privatise"}, "mode:"),
    ({"rough_cost": -5}, "rough_cost:"), ({"rough_cost": [1, 2, 3]}, "rough_cost:"),
    ({"scores": {"quality": 101}}, "scores.quality:"), ({"scores": {"taste": 5}}, "scores:"),
    ({"rationale": ""}, "rationale:"), ({"rationale": "x" * 5000}, "rationale:"),
    ({"provider": "p" * 300}, "provider:")])
def test_a_bad_proposal_is_refused_with_its_place(store, meeting, change, place):
    with pytest.raises(InputError) as found:
        _propose(store, meeting, **change)
    assert str(found.value).startswith(place)
    assert store.options(meeting.id) == []


def test_only_a_panel_proposes_and_only_the_facilitator_accepts(store, meeting):
    with pytest.raises(AccessError):
        _propose(store, meeting, meeting.facilitator_token)
    made = _propose(store, meeting)
    with pytest.raises(AccessError):
        store.accept_option(meeting.id, meeting.panel_tokens["users"],
                            f"option:{made.version}", 30000, 0, SCORES, "Clerk")


def test_accepting_costs_scores_and_answers_with_the_version(store, meeting):
    fac = meeting.facilitator_token
    first = f"option:{_propose(store, meeting).version}"
    second = f"option:{_propose(store, meeting, service='meals', mode='in_house').version}"
    with pytest.raises(InputError, match="scores: a score is needed for Access"):
        store.accept_option(meeting.id, fac, first, 30000, 0, {"quality": 60}, "Clerk")
    with pytest.raises(InputError, match=r"^cost:"):
        store.accept_option(meeting.id, fac, first, None, 0, SCORES, "Clerk")
    store.accept_option(meeting.id, fac, first, 32000, 5000, SCORES, "Finance officer")
    store.accept_option(meeting.id, fac, second, [80000], 0, SCORES, "Finance officer")
    found = {o.key: o for o in store.options(meeting.id)}
    one, two = found[first], found[second]
    assert one.state == "accepted" and two.state == "accepted"
    assert one.accepted is not None and two.accepted is not None
    assert (one.accepted.cost, one.accepted.one_off, one.accepted.scenario_version) == \
        ((32000.0,), 5000.0, 2)
    assert two.accepted.scenario_version == 3
    assert "Accepted into version 2 of the scenario" in one.answers[-1].text
    with pytest.raises(InputError, match="already accepted into version 2"):
        store.accept_option(meeting.id, fac, first, 1, 0, SCORES, "Clerk")
    with pytest.raises(InputError, match="already accepted"):
        store.decline_option(meeting.id, fac, first, "changed our minds", "Clerk")


def test_declining_says_why_and_an_unknown_proposal_is_refused(store, meeting):
    fac = meeting.facilitator_token
    key = f"option:{_propose(store, meeting).version}"
    with pytest.raises(InputError, match=r"^reason:"):
        store.decline_option(meeting.id, fac, key, "  ", "Clerk")
    with pytest.raises(InputError, match="no proposed option"):
        store.decline_option(meeting.id, fac, "option:999", "no", "Clerk")
    with pytest.raises(InputError, match="no proposed option"):
        store.answer(meeting.id, fac, "option:999", "evaluating", None, "Clerk")
    store.answer(meeting.id, fac, key, "evaluating", None, "Clerk")
    store.decline_option(meeting.id, fac, key, "The trust has no licence", "Clerk")
    [option] = store.options(meeting.id)
    assert option.state == "rejected" and option.accepted is None
    assert [a.state for a in option.answers] == ["evaluating", "rejected"]
    assert option.answers[-1].text == "Not accepted into the scenario: The trust has no licence"


def test_the_audit_and_the_record_say_it_in_words(store, meeting):
    fac = meeting.facilitator_token
    key = f"option:{_propose(store, meeting).version}"
    declined = f"option:{_propose(store, meeting, mode='grant').version}"
    store.accept_option(meeting.id, fac, key, 32000, 5000, SCORES, "Finance officer")
    store.decline_option(meeting.id, fac, declined, "Too dear", "Clerk")
    lines = "\n".join(audit_lines(store.audit(meeting.id)))
    assert "proposed by users for transport: partnership, provider idea" in lines
    assert "rough cost 35,000 a year" in lines
    assert "accepted into scenario version 2 as proposed-" in lines
    record = build_record(store, meeting.id, adoption=Adoption(confirm_unanswered=True))
    shown = {o["key"]: o for o in record["proposed_options"]}
    assert shown[key]["accepted_into_version"] == 2 and shown[key]["state"] == "accepted"
    assert shown[key]["costing"]["cost"] == [32000.0]
    assert shown[declined]["state"] == "rejected"
    assert shown[declined]["answer"] == "Not accepted into the scenario: Too dear"
