"""The challenge form's state on a real SQLite meeting store, no browser: blank boxes are
named and nothing typed is lost, an expired link refuses (a closed meeting does not), a
stored challenge keeps its contact private, and a panel's challenge is its group's."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from tests.conftest import SCENARIOS
from workbench.store import MeetingStore
from workbench.store.cycle import PUBLIC_CHALLENGES_PER_MINUTE
from workbench.ui.challenge import TEXT_LIMIT, ChallengeState
from workbench.ui.challenge.state import sent_facts

HOME_CARE = "Home care for older and disabled adults"


@pytest.fixture
def meeting(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Test")
    yield store, new
    store.close()


def _form(store, new, service: str | None = "home_care", token: str | None = None):
    state = ChallengeState(store, new.id, token=token, service=service)
    assert state.open(), state.refused
    return state


def _fill(state, **values) -> None:
    defaults = {"grounds": "quality", "text": "Carers arrive <b>two hours</b> late",
                "name": "Ann Reader", "contact": "ann@example.org"}
    for key, value in {**defaults, **values}.items():
        setattr(state, key, value)


def test_blank_boxes_are_named_beside_them_and_nothing_typed_is_lost(meeting):
    store, new = meeting
    state = _form(store, new)
    assert state.service == "home_care"                # chosen from the link
    _fill(state, text="   ", name="", contact="")
    assert not state.submit()
    assert state.message("text") == ("error", "Say what the challenge is about.")
    assert state.message("name") == ("error", "Give your name.")
    assert state.message("contact") == (
        "error", "Give an email or phone number so the council can reply.")
    kind, said = state.message("submit")
    assert kind == "error" and said.startswith("Not sent: say what the challenge is about; "
                                               "give your name; give an email")
    assert said.endswith("Nothing you typed was lost.")
    assert (state.service, state.grounds, state.text) == ("home_care", "quality", "   ")
    assert store.challenges(new.id) == []
    # the service and grounds unchosen are named too; a text over the limit is refused
    state.service, state.grounds = "", ""
    _fill(state, grounds="", text="x" * (TEXT_LIMIT + 1))
    assert not state.submit()
    assert "Choose the service" in state.message("service")[1]
    assert "Choose what the challenge is about" in state.message("grounds")[1]
    assert state.message("text")[1] == (f"The challenge runs to {TEXT_LIMIT + 1:,} characters, "
                                        f"and the most is {TEXT_LIMIT:,}: shorten it.")
    assert state.message("name") == ("info", "")        # cleared once filled in
    assert len(state.text) == TEXT_LIMIT + 1 and store.challenges(new.id) == []


def test_a_challenge_is_stored_with_its_contact_private_and_the_form_cleared(meeting):
    store, new = meeting
    state = _form(store, new)
    _fill(state, grounds="safety")
    assert state.submit()
    stored, = store.challenges(new.id)
    assert (stored.service, stored.grounds, stored.group, stored.via) == \
        ("home_care", "safety", None, "public")
    assert stored.text == "Carers arrive <b>two hours</b> late"
    assert (stored.challenger, stored.contact) == ("", "")      # not in the public reading
    private, = store.challenges(new.id, private=True)
    assert (private.challenger, private.contact) == ("Ann Reader", "ann@example.org")
    assert all("ann@example.org" not in str(e.detail) for e in store.audit(new.id))
    sent = state.sent
    assert sent["key"] == stored.key == f"challenge:{stored.version}"
    assert sent["service"] == HOME_CARE and sent["answer_by"] == stored.lodged + timedelta(28)
    assert (sent["challengers"], sent["window_days"]) == (5, 90)   # riverside's rules
    assert state.message("submit") == ("success", f"Challenge sent: reference {stored.key}.")
    assert (state.service, state.grounds, state.text, state.name, state.contact) == \
        ("home_care", "", "", "", "")
    # another, from a link that names no service of this meeting: nothing chosen
    other = _form(store, new, service="swimming_pool")
    assert other.service == ""
    _fill(other)
    other.service = "waste_collection"
    assert other.submit() and len(store.challenges(new.id)) == 2


def test_the_review_rule_in_the_confirmation_is_the_scenarios_own(meeting):
    store, new = meeting
    scenario = store.scenario(new.id).replace(review_rules={"challenges": 3,
                                                            "challenge_window_days": 60})
    facts = sent_facts(scenario, 7, "home_care", date(2027, 5, 4))
    assert (facts["key"], facts["challengers"], facts["window_days"]) == ("challenge:7", 3, 60)
    assert facts["answer_by"].isoformat() == "2027-06-01"


def test_an_expired_link_refuses_and_keeps_what_was_typed(meeting):
    store, new = meeting
    state = _form(store, new)
    _fill(state)
    store.end_meeting(new.id)                  # closed: the decision is over, challenges not
    assert _form(store, new).scenario is not None
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meeting_access SET expires_at = :t"),
                     {"t": datetime.now(timezone.utc) - timedelta(minutes=1)})
    assert not state.submit()
    kind, said = state.message("submit")
    assert kind == "error" and f"the links of meeting {new.id} expired at" in said
    assert said.endswith("Nothing you typed was lost.")
    assert (state.text, state.name, state.contact) == (
        "Carers arrive <b>two hours</b> late", "Ann Reader", "ann@example.org")
    assert store.challenges(new.id) == []
    again = ChallengeState(store, new.id, service="home_care")
    assert not again.open() and "expired at" in again.refused
    assert again.refused.startswith("This link cannot be used: the links of meeting")
    assert not ChallengeState(store, "000000000000").open()


def test_a_flood_through_the_public_link_is_refused_in_words(meeting):
    store, new = meeting
    for i in range(PUBLIC_CHALLENGES_PER_MINUTE):
        store.lodge_challenge(new.id, service="home_care", grounds="other", text=f"#{i}",
                              challenger=f"P{i}", contact="p@example.org")
    state = _form(store, new)
    _fill(state)
    assert not state.submit()
    kind, said = state.message("submit")
    assert kind == "error" and "wait a minute and send it again" in said
    assert said.count("lost") == 1 and state.name == "Ann Reader"


def test_a_panels_challenge_is_on_behalf_of_its_group_and_needs_no_contact(meeting):
    store, new = meeting
    state = _form(store, new, service=None, token=new.panel_tokens["tenants"])
    assert state.on_behalf and state.group == "tenants"
    assert state.group_name == "Council tenants and residents' associations"
    _fill(state, contact="", grounds="access", text="Repairs take months")
    state.service = "housing_repairs"
    assert state.submit()
    stored, = store.challenges(new.id)
    assert (stored.group, stored.via, stored.service) == ("tenants", "tenants",
                                                          "housing_repairs")
    assert store.challenges(new.id, private=True)[0].contact == ""
    assert state.sent["group_name"] == state.group_name
    facilitator = ChallengeState(store, new.id, token=new.facilitator_token)
    assert not facilitator.open() and "facilitator's link" in facilitator.refused
    forged = ChallengeState(store, new.id, token="x" * 43)
    assert not forged.open() and "does not open meeting" in forged.refused
