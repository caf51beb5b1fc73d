"""The meeting state model, driven as the views would, without a browser."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.ui.meeting.files import clashing_teaching
from workbench.ui.meeting.render import analysis_html, lifted_html
from workbench.ui.meeting.state import MeetingState


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
    kept = meeting.group_weights["tenants"]["outcomes"]
    assert not meeting.set_weight("tenants", "outcomes", 150)
    kind, text = meeting.messages["weights"]
    assert kind == "error" and "must be 0 to 100 (got 150)" in text
    assert f"stays at {kept:g}" in text          # said, not silently clamped
    assert meeting.result is before and meeting.group_weights["tenants"]["outcomes"] == kept


def test_the_last_weight_above_zero_stays_and_the_message_says_so(meeting):
    criteria = meeting.scenario.criterion_ids
    for c in criteria[:-1]:
        assert meeting.set_weight("tenants", c, 0)
    last = criteria[-1]
    kept = meeting.group_weights["tenants"][last]
    assert kept > 0
    assert not meeting.set_weight("tenants", last, 0)
    kind, text = meeting.messages["weights"]
    name = meeting.scenario.criteria[-1].name
    assert kind == "error" and f"{name} stays at {kept:g}" in text
    assert meeting.group_weights["tenants"][last] == kept
    assert text.startswith("Council tenants")    # the group by name, not id
    assert meeting.set_weight("tenants", last, 7)   # and the next move works
    assert "weights" not in meeting.messages


def test_swing_with_no_group_picked_is_refused_and_the_page_keeps_working(meeting):
    """The defect: "Use these swing weights" with the Group box blank (None) stored weights
    under None, and from then on no move re-solved."""
    points = {c: 100 for c in meeting.scenario.criterion_ids}
    assert not meeting.use_swing(None, points)
    assert meeting.messages["method"][0] == "error" and "Pick the group" in meeting.messages[
        "method"][1]
    assert None not in meeting.group_weights
    before = meeting.result
    for g in meeting.group_weights:
        assert meeting.set_weight(g, "carbon", 100)
    assert meeting.result is not before and meeting.result.portfolio is not None
    meeting.lift("change_capacity")
    assert meeting.lifted_result is not None


def test_each_move_keeps_what_it_changed(meeting):
    assert meeting.changes() == {}               # nothing moved yet
    seen = []
    for g in meeting.group_weights:
        before = meeting.result
        assert meeting.set_weight(g, "carbon", 100)
        changes = meeting.changes()
        assert changes["changed"] == {
            s: (before.portfolio.choices[s], meeting.result.portfolio.choices[s])
            for s in before.portfolio.choices
            if before.portfolio.choices[s] != meeting.result.portfolio.choices[s]}
        assert changes["value"] == pytest.approx(meeting.result.portfolio.value
                                                 - before.portfolio.value)
        assert changes["total_cost"] == pytest.approx(meeting.result.portfolio.total_cost
                                                      - before.portfolio.total_cost)
        seen += changes["changed"]
    assert seen                                   # the moves did change some services


def test_a_clashing_scenario_never_shows_the_previous_trade_offs(meeting, tmp_path):
    meeting.wait_for_analysis()
    assert meeting.analysis is not None and meeting.analysis_current
    assert meeting.open_path(clashing_teaching(tmp_path))
    meeting.wait_for_analysis()
    assert meeting.result.portfolio is None
    assert set(meeting.result.conflict) == {"budget", "library_duty"}
    assert meeting.analysis is None and not meeting.analysis_current
    assert meeting.progress == 0 and "clash" in meeting.progress_message
    assert meeting.prices == {} and meeting.whatif is None
    assert meeting.messages["source"][0] == "warning"


def test_lifting_a_clashing_given_shows_the_way_forward(meeting, tmp_path):
    assert meeting.open_path(clashing_teaching(tmp_path))
    meeting.lift("library_duty")
    assert meeting.result.portfolio is None          # the official run keeps every given
    way = meeting.lifted_result.portfolio
    assert way is not None and way.total_cost <= 170000
    html = lifted_html(meeting.scenario, meeting.lifted, meeting.result,
                       meeting.lifted_result)
    assert "not the official recommendation" in html
    assert f"Value {way.value:.2f} out of 100" in html and "£" in html
    assert "wb-lifted-portfolio" in html and "Close the library" in html


def test_the_trade_offs_are_marked_while_they_are_for_older_weights():
    state = MeetingState(background=True)
    assert state.open_path(SCENARIOS / "teaching.yaml")
    state.wait_for_analysis()
    assert state.analysis_current
    state.set_weight("users", "quality", 50)
    assert not state.analysis_current             # the old trade-offs are not "current"
    html = analysis_html(state.scenario, state.analysis, state.analysis_current)
    assert "Being updated" in html
    state.wait_for_analysis()
    assert state.analysis_current and state.progress_message == "trade-offs up to date"
    state.close()


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


def test_the_analysis_uses_the_groups_weights_as_they_are_now(meeting):
    meeting.set_weight("tenants", "carbon", 100)
    meeting.set_weight("tenants", "outcomes", 0)
    meeting.wait_for_analysis()
    now = meeting.analysis.recommended.satisfaction
    assert now == pytest.approx(meeting.result.satisfaction, abs=1e-6)
    fair = meeting.analysis.fair
    assert fair.min_satisfaction >= min(now.values()) - 1e-9


def test_swing_weights_replace_a_groups_weights(meeting):
    criteria = meeting.scenario.criterion_ids
    points = {c: 100 if c == "carbon" else 20 for c in criteria}
    assert meeting.use_swing("tenants", points)
    assert meeting.group_weights["tenants"]["carbon"] == 100
    assert meeting.group_weights["tenants"][criteria[0]] == 20
    assert "swing" in meeting.status
    before = dict(meeting.group_weights["tenants"])
    points["carbon"] = 90        # no swing at 100: refused, nothing changed
    assert not meeting.use_swing("tenants", points)
    assert "most important swing must have 100" in meeting.messages["method"][1]
    assert meeting.group_weights["tenants"] == before


def test_pairwise_entry_warns_when_inconsistent_and_uses_only_when_accepted(meeting):
    n = len(meeting.scenario.criterion_ids)
    consistent = [[1.0] * n for _ in range(n)]
    consistent[0] = [1.0] + [3.0] * (n - 1)
    for j in range(1, n):
        consistent[j][0] = 1 / 3
    assert meeting.use_pairwise("staff", consistent)
    w = meeting.group_weights["staff"]
    first = meeting.scenario.criterion_ids[0]
    assert w[first] == 100 and all(v == pytest.approx(100 / 3, abs=0.1)
                                   for c, v in w.items() if c != first)
    cyclic = [row[:] for row in consistent]
    cyclic[0][1], cyclic[1][0] = 1 / 9, 9.0          # 1 > others, 2 >> 1, 2 == others
    before = dict(meeting.group_weights["staff"])
    assert not meeting.use_pairwise("staff", cyclic)
    assert meeting.pairwise["staff"].consistency_ratio > 0.10
    assert "inconsistent" in meeting.status and meeting.group_weights["staff"] == before
    assert meeting.use_pairwise("staff", cyclic, accept_inconsistent=True)
    assert "inconsistent" in meeting.status and meeting.group_weights["staff"] != before
    bad = [row[:] for row in consistent]
    bad[0][1] = 5.0                                   # not reciprocal
    assert not meeting.use_pairwise("staff", bad)
    assert "must be 1/matrix" in meeting.status
