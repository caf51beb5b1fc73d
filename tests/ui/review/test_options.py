"""Proposed options on the review page, on a real SQLite store: each proposal's card with
its proposer and fields, the costing form that accepts it into a new scenario version
(download and diff shown), declining with a reason, refusals beside the form with nothing
typed lost."""

from __future__ import annotations

import base64
import re

import pytest

from tests.conftest import SCENARIOS
from workbench.scenario import parse_scenario
from workbench.store import MeetingStore
from workbench.ui.review import ReviewState
from workbench.ui.review.page import ReviewPage


@pytest.fixture
def opened(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'm.sqlite'}")
    m = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Little Marsh",
                             source="teaching.yaml")
    made = store.propose_option(m.id, m.panel_tokens["users"], "transport", "partnership",
                                "Community <b>trust</b>", 35000, {"access": 90},
                                "They drive people to the clinic already")
    state = ReviewState(store, m.id, m.facilitator_token)
    assert state.open(), state.refused
    yield store, m, state, ReviewPage(state), f"option:{made.version}"
    state.close()
    store.close()


def test_the_card_shows_the_proposal_in_words_escaped(opened):
    _, _, _, page, key = opened
    form = page.options.forms[key]
    card = form.card.value
    assert "Proposed option 2: Community transport, run in partnership" in card
    assert "run in partnership" in card and "Community &lt;b&gt;trust&lt;/b&gt;" in card
    assert "£35,000 a year" in card and "Access and inclusion 90" in card
    assert "Proposed by the panel of Service users" in card
    assert "Answer: not answered" in card
    assert "1 proposed option, 1 not answered yet" in page.options.summary.value


def test_accepting_needs_every_score_then_offers_the_version_and_its_diff(opened):
    store, m, state, page, key = opened
    form = page.options.forms[key]
    form.cost.value, form.by.value = "32,000", "Finance officer"
    form.scores["quality"].value = "70"
    form.accept.click()
    assert "Not accepted" in form.note.value and "Access" in form.note.value
    assert form.cost.value == "32,000" and not form.accept.disabled   # nothing lost
    assert store.options(m.id)[0].accepted is None
    form.scores["access"].value = "eighty"
    form.accept.click()
    assert "must be a number from 0 to 100" in form.note.value
    form.scores["access"].value = "80"
    form.one_off.value = "5000"
    form.accept.click()
    assert "Accepted into version 2 of the scenario" in form.note.value
    assert form.form.layout.display == "none"
    version = form.version.value
    assert "Download scenario version 2, teaching-version-2.yaml" in version
    data = re.search(r"base64,([A-Za-z0-9+/=]+)'", version).group(1)
    loaded = parse_scenario(base64.b64decode(data).decode())
    option = loaded.service("transport").option(f"proposed-{key.split(':')[1]}")
    assert option.cost == (32000.0,) and option.one_off == 5000.0
    assert "+  - id: proposed-" in version and "What changed from version 1" in version
    assert "Answer: accepted" in form.card.value
    assert store.scenario(m.id) == state.store.scenario(m.id)
    assert len(store.scenario(m.id).service("transport").options) == 2   # never optimised


def test_declining_needs_a_reason_and_the_answer_shows(opened):
    store, m, _, page, key = opened
    form = page.options.forms[key]
    form.by.value = "Clerk"
    form.decline.click()
    assert "Not declined" in form.note.value and "reason" in form.note.value
    form.reason.value = "The trust has no operator's licence"
    form.decline.click()
    assert "Declined proposal" in form.note.value and form.reason.value == ""
    assert "Not accepted into the scenario: The trust has no operator" in form.card.value
    assert store.options(m.id)[0].state == "rejected"
