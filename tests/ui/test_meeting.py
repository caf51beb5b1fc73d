"""The meeting state model, driven as the views would, without a browser."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from workbench.ui.meeting import MeetingState


@pytest.fixture
def meeting() -> MeetingState:
    state = MeetingState()
    assert state.open_path(SCENARIOS / "riverside.yaml")
    return state


def test_open_solves_with_every_given(meeting):
    assert meeting.result.status == "optimal"
    assert meeting.result.lifted == ()
    assert set(meeting.group_weights) == {g.id for g in meeting.scenario.stakeholders}
    assert not meeting.busy and meeting.status.startswith("Opened")


def test_moving_a_weight_changes_the_agreed_weights_and_recommendation(meeting):
    before = meeting.result
    for c in meeting.scenario.criterion_ids:
        if c != "carbon":
            for g in meeting.group_weights:
                meeting.set_weight(g, c, 1)
    for g in meeting.group_weights:
        meeting.set_weight(g, "carbon", 100)
    assert meeting.agreed_weights["carbon"] > 0.9
    assert meeting.result.portfolio.choices != before.portfolio.choices
    # satisfaction uses each group's current weights
    assert set(meeting.result.satisfaction) == set(meeting.group_weights)


def test_bad_weights_are_refused_in_words(meeting):
    before = meeting.result
    meeting.set_weight("tenants", "outcomes", 150)
    assert "must be 0 to 100 (got 150)" in meeting.status
    assert meeting.result is before


def test_lifting_a_given_shows_its_price_but_never_changes_the_official_result(meeting):
    official = meeting.result
    meeting.lift("change_capacity")
    assert meeting.result.portfolio.choices == official.portfolio.choices
    assert meeting.lifted_result.lifted == ("change_capacity",)
    price = meeting.price_of_lifted()
    assert price["value"] > 0
    meeting.lift("change_capacity", False)
    assert meeting.lifted_result is None and meeting.price_of_lifted() is None


def test_bad_upload_lists_problems_and_keeps_the_scenario(meeting):
    text = (SCENARIOS / "teaching.yaml").read_text().replace("access: 60}", "access: 600}", 1)
    assert not meeting.open_text(text, "upload.yaml")
    assert meeting.scenario.name.startswith("Riverside")
    assert any("upload.yaml: services[0].options[0].scores.access: must be 0 to 100 (got 600)"
               in p for p in meeting.problems)
    assert "still open" in meeting.status


def test_pin_and_compare(meeting):
    meeting.pin()
    for g in meeting.group_weights:
        meeting.set_weight(g, "staff_terms", 100)
    diff = meeting.comparison()
    assert diff["changed"]
    assert set(diff["satisfaction"]) == set(meeting.group_weights)
    assert diff["value"][0] != diff["value"][1]


def test_trade_offs_arrive_in_the_background_and_a_newer_move_supersedes(meeting):
    meeting.wait_for_analysis()
    assert meeting.analysis is not None and meeting.progress == 1.0
    first = meeting.analysis
    meeting.set_weight("staff", "staff_terms", 90)
    meeting.set_weight("staff", "staff_terms", 95)      # supersedes the one just started
    meeting.wait_for_analysis()
    assert meeting.analysis is not first
    assert meeting.analysis.recommended.weights == pytest.approx(meeting.agreed_weights)
    assert set(meeting.prices) == {g.id for g in meeting.scenario.givens}


def test_what_if_questions(meeting):
    meeting.ask_what_if("home_care", "coops", True)
    assert meeting.whatif.possible
    assert meeting.whatif.result.portfolio.choices["home_care"] == "coops"
    meeting.ask_what_if("waste_collection", "contract", False)
    assert not meeting.whatif.possible
    assert "waste_contract" in meeting.whatif.result.conflict
    assert meeting.result.portfolio.choices["waste_collection"] == "contract"   # unchanged
