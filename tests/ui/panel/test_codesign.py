"""The panel's part in a service's specification and contract terms (section 5), on the
state model and the section's widgets (real SQLite store, no browser): the group's own
priority beside the agreed one, proposing a requirement, positions with their answers, and
refusals said at their place."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.store.codesign_helpers import EVIL, filled
from workbench.store import MeetingStore
from workbench.ui.panel import PanelPage, PanelState
from workbench.ui.panel.codesign import CodesignSection, cards_html
from workbench.ui.panel.codesign_state import PanelCodesign


@pytest.fixture
def meeting(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Test")
    yield store, new
    store.close()


def _state(store, new, group="staff") -> PanelCodesign:
    state = PanelCodesign(store, new.id, new.panel_tokens[group], group)
    state.refresh()
    return state


def test_the_group_sees_its_priority_beside_the_agreed_one(meeting):
    store, new = meeting
    ids = filled(store, new, "Hot meals " + EVIL)
    state = _state(store, new)
    assert list(state.found) == ["meals"]
    assert state.mine("meals", ids.r1) == "could"
    cards = cards_html(state)
    assert "Agreed so far: Must have; yours: Could have." in cards
    assert "<script>" not in cards and "&lt;script&gt;" in cards
    assert "Your group: you support it." in cards
    assert "Agreed: Three years, with a review" in cards
    users = cards_html(_state(store, new, "users"))
    assert "Answer to you: accepted: Agreed" in users


def test_priority_requirement_and_position_through_the_state(meeting):
    store, new = meeting
    ids = filled(store, new)
    state = _state(store, new)
    assert not state.give_priority("", "must")
    assert state.message("priority") == ("error", "Choose a requirement first.")
    assert state.give_priority(f"meals/{ids.r1}", "must")
    assert state.mine("meals", ids.r1) == "must"
    assert state.found["meals"].agreed[ids.r1] == "must"
    assert not state.propose_requirement("meals", "  ", "standard")
    assert state.propose_requirement("meals", "Staff trained in dementia care", "standard")
    assert [r.proposed_by for r in state.found["meals"].spec.requirements][-1] == "staff"
    assert not state.take_position(f"meals/{ids.t1}", "amend", "")
    assert "wording" in state.message("position")[1]
    assert state.take_position(f"meals/{ids.t1}", "oppose", "Too long")
    assert state.my_position("meals", ids.t1).stance == "oppose"
    assert not state.give_priority(f"meals/{ids.r1}x", "must")
    assert state.message("priority")[0] == "error" and "no requirement" in \
        state.message("priority")[1]


def test_the_section_is_absent_until_there_is_something_and_its_form_works(meeting):
    store, new = meeting
    empty = CodesignSection(_state(store, new))
    assert empty.box.children == ()
    ids = filled(store, new)
    section = CodesignSection(_state(store, new))
    assert section.which.value == f"meals/{ids.r1}"
    section.priority.value = "wont"
    section.sending_priority()
    assert section.state.mine("meals", ids.r1) == "wont"
    assert "recorded" in section.priority_note.value
    assert section.priority.value == "" and not section.send_priority.disabled
    panel = PanelState(store, new.id, new.panel_tokens["users"])
    assert panel.open()
    page = PanelPage(panel)
    toggles = [w.description for w in page.widget.children
               if getattr(w, "description", "").startswith("Show:")]
    assert "Show: 9. Specification and contract terms" in toggles
