"""The swing and pairwise controls both pages use, on a real meeting state (no browser)."""

from __future__ import annotations

import contextlib

import pytest

from tests.conftest import SCENARIOS
from workbench.ui.common.weighting import PICK_GROUP, WeightingPanel, verdict_html
from workbench.ui.meeting import MeetingState


@pytest.fixture
def meeting():
    state = MeetingState(background=False)
    assert state.open_path(SCENARIOS / "riverside.yaml")
    yield state
    state.close()


def _panel(state: MeetingState) -> WeightingPanel:
    panel = WeightingPanel(
        contextlib.nullcontext, swing=state.use_swing,
        pairwise=lambda g, m, anyway: state.use_pairwise(g, m, accept_inconsistent=anyway),
        verdict=lambda g: "", explain=lambda g: state.status)
    panel.rebuild(state.scenario)
    return panel


def test_use_swing_with_the_group_box_as_it_loads_says_pick_a_group(meeting):
    """Issue 10: "Use these swing weights" with the blank Group box broke the meeting page
    ("Something went wrong: None", and no re-solve until a reload)."""
    panel = _panel(meeting)
    before = {g: dict(w) for g, w in meeting.group_weights.items()}
    panel.use_swing.click()
    panel.use_pairs.click()
    assert PICK_GROUP in panel.swing_said.value and PICK_GROUP in panel.pairs_said.value
    assert meeting.group_weights == before and None not in meeting.group_weights
    # The page goes on working: a slider move re-solves, a picked group takes the swing.
    meeting.set_weight("tenants", "carbon", 80)
    assert meeting.result.portfolio is not None
    panel.group.value = "tenants"
    assert panel.swing_said.value == ""
    panel.swings["outcomes"].value = 40
    panel.use_swing.click()
    assert meeting.group_weights["tenants"]["outcomes"] == pytest.approx(40)
    assert "wb-msg-success" in panel.swing_said.value


def test_every_control_fits_a_phone_and_says_its_label_above_itself(meeting):
    panel = _panel(meeting)
    for control in [*panel.swings.values(), *panel.pairs.values(), panel.group]:
        assert control.layout.width == "auto" and "wb-stack" in control._dom_classes
    assert panel.group.options[0] == ("(pick a group)", "")


def test_verdict_warns_of_inconsistent_comparisons_in_words():
    names = ["Outcomes <b>", "Access"]
    ok = verdict_html(names, (0.6, 0.4), 0.0, True)
    assert "Consistency ratio 0.00" in ok and "Outcomes &lt;b&gt; 0.60" in ok
    bad = verdict_html(names, (0.6, 0.4), 0.31, False)
    assert "role='alert'" in bad and "inconsistent" in bad and "0.31" in bad
    assert verdict_html(names, None, 0, True) == ""
