"""The commissioning cycle on the panel's and the facilitator's state models (real SQLite
store, real solver, no browser): answers reach the panel, opting out counts as influence 0,
targets, and adopting another portfolio with its reasons."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.conftest import SCENARIOS
from workbench.store import MeetingStore
from workbench.ui.facilitator import FacilitatorState
from workbench.ui.facilitator.page import FacilitatorPage
from workbench.ui.panel import PanelPage, PanelState


@pytest.fixture
def meeting(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Test")
    yield store, new
    store.close()


def _panel(store, new, group: str) -> PanelState:
    panel = PanelState(store, new.id, new.panel_tokens[group])
    assert panel.open()
    return panel


def _facilitator(store, new) -> FacilitatorState:
    state = FacilitatorState(store, new.id, new.facilitator_token, background=False)
    assert state.open_meeting()
    return state


def test_the_council_answers_a_dissent_note_and_the_panel_sees_it(meeting):
    store, new = meeting
    panel = _panel(store, new, "staff")
    page = PanelPage(panel)
    panel.dissent = "We do not accept <b>outsourcing</b>"
    assert panel.submit()
    facilitator = _facilitator(store, new)
    (view,) = facilitator.views
    assert view.kind == "dissent" and facilitator.unanswered == [view]
    assert not facilitator.answer(view.key, "rejected", "", "Head of Commissioning")
    kind, said = facilitator.message("answer")
    assert kind == "error" and "needs a text that says why" in said
    assert not facilitator.answer(view.key, "accepted", "", " ")
    assert "Say who answers" in facilitator.message("answer")[1]
    assert facilitator.answer(view.key, "partly_accepted", "Day centres stay in-house",
                              "Head of Commissioning")
    assert facilitator.unanswered == []
    assert panel.poll_cycle()
    assert panel.my_views[0].state == "partly_accepted"
    shown = page.answers.html.value
    assert "Day centres stay in-house" in shown and "partly accepted" in shown
    assert "&lt;b&gt;outsourcing&lt;/b&gt;" in shown          # escaped, never markup
    assert not panel.poll_cycle()                              # nothing new: nothing read


def test_a_group_that_opts_out_counts_for_nothing_and_is_listed(meeting):
    store, new = meeting
    facilitator = _facilitator(store, new)
    page = FacilitatorPage(facilitator)
    staff = _panel(store, new, "staff")
    assert staff.opt_out("The dates clash with our conference")
    assert staff.is_out and "opted out" in staff.message("optout")[1]
    assert facilitator.poll()
    assert facilitator.opted_out == {"staff": "The dates clash with our conference"}
    assert facilitator.influence["staff"] == 0
    assert facilitator.result.satisfaction["staff"] is not None      # still shown
    assert "opted out" in page.panels.value and "dates clash" in page.panels.value
    assert not staff.opt_out("again")
    assert "already opted out" in staff.message("optout")[1]
    assert staff.opt_in() and not staff.is_out
    facilitator.poll()
    assert facilitator.influence["staff"] == 1 and facilitator.opted_out == {}


def test_targets_proposed_by_a_panel_and_agreed_by_the_facilitator(meeting):
    store, new = meeting
    panel = _panel(store, new, "service_users")
    assert [t.id for t in panel.targets][:2] == ["hc_on_time", "hc_missed"]
    assert panel.propose_target("hc_on_time", False, 90, "95 is out of reach this year")
    assert panel.my_positions["hc_on_time"].value == 90
    assert not panel.propose_target("nope", True, None, "")
    assert "unknown target" in panel.message("targets")[1]
    facilitator = _facilitator(store, new)
    assert not facilitator.agree_target("hc_on_time", 90, 92, 80, ["service_users"], "Jo")
    assert "approaching: must be at most the target (90)" in facilitator.message("targets")[1]
    assert facilitator.agree_target("hc_on_time", 90, 85, 80, ["service_users", "members"],
                                    "Jo Bloggs, commissioning")
    agreed = {t.id: t for t in facilitator.targets}["hc_on_time"]
    assert agreed.target == 90 and agreed.agreed_by == ("service_users", "members")
    panel.poll_cycle()
    assert {t.id: t for t in panel.targets}["hc_on_time"].target == 90


def test_adopting_the_officers_proposal_needs_a_reason_for_each_departure(meeting):
    store, new = meeting
    staff = _panel(store, new, "staff")
    staff.dissent = "No outsourcing"
    assert staff.submit()
    facilitator = _facilitator(store, new)
    assert ("The officers' proposal", "proposal") in facilitator.sources()
    facilitator.adopt_source = "proposal"
    departing = facilitator.departing()
    assert departing and all(r != a for _, r, a in departing)
    assert not facilitator.adopt("Cllr A. Example")
    assert "Say why each service departs" in facilitator.message("adopt")[1]
    for service, _, _ in departing:
        facilitator.set_reason(service, f"Officers' case for {service}")
    assert not facilitator.adopt("Cllr A. Example")
    assert "1 dissent note has no answer yet" in facilitator.message("adopt")[1]
    facilitator.confirm_unanswered = True
    assert facilitator.adopt("Cllr A. Example")
    assert "1 dissent note marked \"not answered\"" in facilitator.message("adopt")[1]
    record = store.decisions(new.id)[-1].record
    assert record["adopted"]["source"] == "proposal"
    assert [d["service"] for d in record["adopted"]["departures"]] == \
        [s for s, _, _ in departing]
    assert record["not_answered"] == ["dissent:2"]
    assert set(record["adopted"]["satisfaction"]) == set(record["groups"])
    assert record["proposal"]["breaks"] == ["in_house_commitment", "change_capacity"]


def test_reopening_a_panel_page_keeps_its_stored_views_and_it_can_challenge(meeting):
    store, new = meeting
    panel = _panel(store, new, "tenants")
    panel.comment, panel.dissent = "Fix the damp first", "No cuts to repairs"
    assert panel.submit()
    again = PanelState(store, new.id, new.panel_tokens["tenants"])
    page = PanelPage(again)
    assert page.comment.value == "Fix the damp first"
    assert again.dissent == "No cuts to repairs"
    form = page.challenge.children[1]
    assert "Challenge a service" in page.challenge.children[0].value
    assert form is not None
    from workbench.ui.challenge.state import ChallengeState

    challenge = ChallengeState(store, new.id, new.panel_tokens["tenants"])
    assert challenge.open() and challenge.on_behalf


def test_adopting_is_refused_when_the_pages_weights_no_longer_give_the_records(meeting):
    store, new = meeting
    facilitator = _facilitator(store, new)
    groups = [g.id for g in facilitator.scenario.stakeholders]
    for group in groups[1:]:                   # one group alone decides, on this page only
        assert facilitator.set_influence(group, 0.0)
    assert not facilitator.adopt("Cllr A. Example")
    said = facilitator.message("adopt")[1]
    assert "moved away from the panels' latest" in said and "Reload the page" in said
    assert not store.decisions(new.id)
    for group in groups[1:]:                   # put back: the record's recommendation again
        assert facilitator.set_influence(
            group, {g.id: g.influence for g in facilitator.scenario.stakeholders}[group])
    assert facilitator.adopt("Cllr A. Example")
    assert "adopted by Cllr A. Example" in facilitator.message("adopt")[1]


def test_a_panel_sees_the_officers_proposal_beside_everyones_choice(meeting):
    store, new = meeting
    panel = _panel(store, new, "tenants")
    page = PanelPage(panel)
    shown = unescape(next(w for w in _all(page.widget)
                          if "wb-proposal-panel" in w._dom_classes).value)
    assert "The officers' proposal beside everyone's choice" in shown
    for group in panel.scenario.stakeholders:
        assert re.search(rf"<li><strong>{re.escape(group.name)}</strong>: everyone's choice "
                         r"[01]\.\d\d, officers' proposal [01]\.\d\d</li>", shown), group.name
    assert "<table" not in shown                                  # cards on a phone
    assert "Where they differ" in shown and "proposed: " in shown
    assert "Givens the proposal breaks:" in shown


def _all(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all(child)


@pytest.fixture
def staged(tmp_path):
    """Riverside with its first stage running today and its second not yet begun."""
    from datetime import date, timedelta
    day = date.today()
    text = (SCENARIOS / "riverside.yaml").read_text()
    text = text.replace("from: 2026-09-01, to: 2026-10-31",
                        f"from: {day - timedelta(days=3)}, to: {day + timedelta(days=3)}")
    text = text.replace("from: 2026-11-01, to: 2027-01-31",
                        f"from: {day + timedelta(days=4)}, to: {day + timedelta(days=60)}")
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting(text, name="Test")
    yield store, new
    store.close()


def test_a_group_opts_out_of_one_stage_from_the_panel_page(staged):
    store, new = staged
    facilitator = _facilitator(store, new)
    fpage = FacilitatorPage(facilitator)
    staff = _panel(store, new, "staff")
    page = PanelPage(staff)
    section = page.optout
    assert [label for label, _ in section.which.options] == [
        "the whole meeting", "the Needs and options stage",
        "the Make-or-buy and allocation stage", "the Monitoring and review stage"]
    section.which.value = "Needs and options"                  # running today
    assert section.out.description == "Opt our group out of the Needs and options stage"
    section.reason.value = "Our members are on leave"
    section.out.click()
    assert staff.my_opt_outs == {"Needs and options": "Our members are on leave"}
    assert staff.is_out and "while that stage runs" in staff.message("optout")[1]
    assert "the Needs and options stage (Our members are on leave)" in section.status.value
    assert [b.description for b in section.backs.children] == [
        "Opt back in to the Needs and options stage"]
    assert facilitator.poll()
    assert facilitator.influence["staff"] == 0
    assert facilitator.result.satisfaction["staff"] is not None      # still shown
    shown = unescape(fpage.panels.value)
    assert "opted out of the Needs and options stage (Our members are on leave)" in shown
    assert "opted out of the Needs and options stage" in unescape(page.engagement.value)

    section.which.value = "Make-or-buy and allocation"         # not running: still counts
    section.reason.value = ""
    section.out.click()
    assert set(staff.my_opt_outs) == {"Needs and options", "Make-or-buy and allocation"}
    section.backs.children[0].click()                          # back in to the running one
    assert staff.my_opt_outs == {"Make-or-buy and allocation": ""}
    assert not staff.is_out and "Make-or-buy" not in str(staff.opted_out)
    facilitator.poll()
    assert facilitator.influence["staff"] == 1 and facilitator.opted_out == {}

    section.which.value = ""                                   # the whole meeting, as before
    section.out.click()
    assert staff.is_out and staff.opted_out == {"staff": ""}
    assert section.out.layout.display == "none" and section.which.layout.display == "none"
    assert len(section.backs.children) == 2


def test_without_stages_the_panel_offers_only_the_whole_meeting(tmp_path):
    lines = (SCENARIOS / "riverside.yaml").read_text().splitlines()
    text = "\n".join(x for x in lines if not x.startswith(("  stages:", "    - {stage:")))
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting(text, name="Test")
    section = PanelPage(_panel(store, new, "staff")).optout
    assert section.which.options == (("the whole meeting", ""),)
    assert section.which.layout.display == "none"
    assert section.out.description == "Opt our group out of this meeting"
    store.close()


def test_the_s52_check_is_on_the_decision_in_force_when_the_page_opens(meeting):
    from workbench.monitoring.performance import kpi_warnings

    store, new = meeting
    first = _facilitator(store, new)
    first.adopt_source = "proposal"
    for service, _, _ in first.departing():
        first.set_reason(service, "Officers' case")
    assert first.adopt("Cllr A. Example")
    later = _facilitator(store, new)               # another tab, opened after the adoption
    proposal = dict(later.scenario.proposal)
    assert later.kpi_warnings() == kpi_warnings(later.scenario, proposal)
    assert later.kpi_warnings() == first.kpi_warnings()
