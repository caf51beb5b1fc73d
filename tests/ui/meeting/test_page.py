"""The meeting page's widgets driven from Python (no browser): what each control does to
the state and what it says beside itself."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from tests.conftest import SCENARIOS
from tests.ui.meeting.files import clashing_teaching
from workbench.ui.meeting.page import MeetingPage, build_meeting_app
from workbench.ui.meeting.state import MeetingState


@pytest.fixture
def page():
    built = build_meeting_app(SCENARIOS / "teaching.yaml")
    yield built
    built.state.close()


def test_a_typed_weight_above_100_is_refused_beside_the_sliders_and_put_back(page):
    box = page.weights.boxes[("users", "access")]
    kept = page.state.group_weights["users"]["access"]
    box.value = 150
    assert "must be 0 to 100 (got 150)" in page.notes["weights"].value
    assert 'role="alert"' in page.notes["weights"].value
    assert box.value == kept and page.weights.sliders[("users", "access")].value == kept


def test_the_last_slider_at_zero_goes_back_and_says_what_stays(page):
    page.weights.sliders[("users", "quality")].value = 0
    slider = page.weights.sliders[("users", "access")]
    kept = slider.value
    slider.value = 0
    assert slider.value == kept > 0              # shown as it really is
    assert f"Access and inclusion stays at {kept:g}" in page.notes["weights"].value


def test_swing_weights_after_load_use_the_open_tab_s_group(page):
    assert page.method.group.value == "users"     # never blank after load
    page.weights.tabs.selected_index = 1
    assert page.method.group.value == "staff"
    page.method.swings["quality"].value = 40
    page.method.use_swing.click()
    assert "weights set from swing" in page.notes["method"].value
    assert page.weights.sliders[("staff", "quality")].value == 40
    page.weights.sliders[("staff", "quality")].value = 30     # and the page still solves
    assert page.state.group_weights["staff"]["quality"] == 30


def test_places_for_other_pages_and_no_other(page):
    extra = widgets.HTML("extra")
    page.add_section("foot", extra)
    assert page.foot.children[-1] is extra
    with pytest.raises(ValueError, match="place must be one of"):
        page.add_section("middle", extra)


def test_a_clashing_scenario_says_why_and_the_way_forward(page, tmp_path):
    page.state.wait_for_analysis()
    assert "Trade-offs" in page.analysis.value
    assert page.state.open_path(clashing_teaching(tmp_path))
    assert page.analysis.value == ""
    assert "No portfolio can meet every given" in page.summary.value
    assert "must be at most £170k in each year" in page.summary.value
    page._lifts[1].value = True              # lift the library duty
    assert "not the official recommendation" in page.lifted.value
    assert "wb-lifted-portfolio" in page.lifted.value


def test_the_what_if_without_a_choice_is_refused_beside_its_buttons():
    page = MeetingPage(MeetingState())
    page.ask(True)                            # nothing open yet
    assert "There is no recommendation" in page.notes["whatif"].value


def test_a_slider_move_marks_the_page_busy_and_leaves_its_controls_enabled(page):
    seen = []
    page.widget.observe(lambda change: seen.append("wb-busy" in change["new"]),
                        names="_dom_classes")
    disabled = []
    for control in page.controls():
        control.observe(lambda change: disabled.append(change["new"]), names="disabled")
    slider = page.weights.sliders[("users", "access")]
    slider.value = slider.value + 1
    assert seen == [True, False] and disabled == []
    assert page.state.group_weights["users"]["access"] == slider.value
