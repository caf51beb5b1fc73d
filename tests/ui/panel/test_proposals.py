"""The panel page's "Propose a need or an option" section on a real SQLite store: a need
proposed by the group, an option with its fields checked beside its form (nothing typed
lost), and the council's answer reaching the panel through its poll."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from workbench.store import MeetingStore
from workbench.ui.panel import PanelPage, PanelState
from workbench.ui.panel.proposals import ProposalsSection


@pytest.fixture
def panel(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'm.sqlite'}")
    new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Little Marsh")
    state = PanelState(store, new.id, new.panel_tokens["users"])
    assert state.open(), state.refused
    yield store, new, state
    store.close()


def test_the_section_is_folded_on_the_panel_page(panel):
    _, _, state = panel
    page = PanelPage(state)
    toggles = [w for w in page.widget.children
               if getattr(w, "description", "") == "Show: 10. Propose a need or an option"]
    assert len(toggles) == 1
    section = page.widget.children[list(page.widget.children).index(toggles[0]) + 1]
    assert section.layout.display == "none"
    toggles[0].value = True
    assert section.layout.display is None


def test_a_need_is_proposed_by_the_group(panel):
    store, new, state = panel
    section = ProposalsSection(state)
    section.need_text.value = "A bus to the clinic"
    section.need_send.click()
    assert "Not sent" in section.need_note.value and "affected" in section.need_note.value
    assert section.need_text.value == "A bus to the clinic"          # nothing lost
    section.need_affected.value = "Older residents <b>in the hamlets</b>"
    section.need_send.click()
    assert "Sent as need" in section.need_note.value
    [need] = store.needs(new.id)
    assert need.via == "users" and need.affected.startswith("Older residents")
    assert section.need_text.value == "" and not section.need_send.disabled
    assert "A bus to the clinic" in section.mine.value


def test_an_option_is_checked_sent_and_answered(panel):
    store, new, state = panel
    section = ProposalsSection(state)
    section.rationale.value = "The trust drives people already"
    section.option_send.click()
    assert "choose the service" in section.option_note.value
    section.service.value, section.mode.value = "transport", "partnership"
    section.cost.value = "thirty thousand"
    section.option_send.click()
    assert "Rough cost" in section.option_note.value and "not a number" in \
        section.option_note.value
    section.cost.value = "35,000"
    section.scores["access"].value = "120"
    section.option_send.click()
    assert "must be 0 to 100" in section.option_note.value
    assert section.rationale.value == "The trust drives people already"
    section.scores["access"].value = "90"
    section.provider.value = "Community trust"
    section.option_send.click()
    assert "shown as proposed" in section.option_note.value
    [option] = store.options(new.id)
    assert (option.service, option.mode, option.rough_cost, option.scores) == \
        ("transport", "partnership", (35000.0,), {"access": 90.0})
    assert "Answer: not answered" in section.mine.value
    store.accept_option(new.id, new.facilitator_token, option.key, 32000, 0,
                        {"quality": 70, "access": 80}, "Finance officer")
    assert state.poll_cycle()                      # the panel's own poll brings the answer
    assert "Answer: accepted" in section.mine.value
    assert "Accepted into version 2 of the scenario" in section.mine.value
