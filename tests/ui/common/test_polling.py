"""Following the store: every page state polls the same way (ui/common/polling.py), on a real
SQLite store: nothing new reads nothing, an event is taken in, a failure is said in words
beside the heading, and closing stops the thread."""

from __future__ import annotations

import time

from tests.conftest import SCENARIOS
from workbench.store import MeetingStore
from workbench.ui.codesign.state import CodesignState
from workbench.ui.needs.state import NeedsState


def test_a_state_takes_in_what_happened_and_says_when_it_cannot(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Test")
    state = CodesignState(store, new.id, new.facilitator_token)
    assert state.open()
    assert state.poll() is False                        # nothing since it opened
    store.propose_requirement(new.id, new.panel_tokens["users"], "meals", "Hot meals",
                              "outcome")
    assert state.poll() is True and len(state.found.spec.requirements) == 1
    assert state.poll() is False
    state.meeting_id = "no-such-meeting"
    assert state.poll() is False
    kind, text = state.message("poll")
    assert kind == "error" and text.startswith("Could not read the meeting: ")
    state.start_polling(every=0.05)
    time.sleep(0.2)
    state.close(timeout=5)
    assert not state._poller.is_alive()
    store.close()


def test_a_public_page_follows_the_meetings_version(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Test")
    state = NeedsState(store, new.id)
    assert state.open()
    assert state.poll() is False
    store.propose_need(new.id, None, "A bus to the clinic", "Residents", "")
    assert state.poll() is True and [n.text for n in state.needs] == ["A bus to the clinic"]
    store.close()
