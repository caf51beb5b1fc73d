"""Options proposed by a panel, in real Chromium against a real Voilà server and a real
SQLite store: the panel proposes an option and a need from its own page on a phone, the
facilitator costs, scores and accepts the option on the review page and sees the diff and
the new version to download, and the panel sees the answer; axe clean throughout."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
FOLD = "Show: 10. Propose a need or an option"


def test_a_panel_proposes_and_the_facilitator_accepts_into_a_new_version(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(),
                                   name="Little Marsh", source="teaching.yaml")
    links = new.links("")
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        phone = browser.new_context(viewport={"width": 390, "height": 844},
                                    has_touch=True).new_page()
        phone.goto(base.rstrip("/") + links["users"], timeout=TIMEOUT)
        phone.get_by_role("button", name=FOLD).wait_for(timeout=TIMEOUT)
        phone.get_by_role("button", name=FOLD).click()
        section = phone.locator(".wb-proposals")
        section.get_by_role("heading", name="Propose a need or an option").wait_for(
            timeout=TIMEOUT)

        section.get_by_role("textbox", name="The need, in your words").fill(
            "A bus to the clinic on Tuesdays")
        section.get_by_role("button", name="Send this need").click()
        said = section.locator(".wb-note-propose-need [role=alert]")
        said.wait_for(timeout=TIMEOUT)                 # who is affected is needed
        assert "affected" in said.inner_text()
        section.get_by_role("textbox", name="Who is affected").fill("Older residents")
        section.get_by_role("button", name="Send this need").click()
        section.get_by_text("Sent as need").wait_for(timeout=TIMEOUT)

        section.get_by_role("combobox", name="Service", exact=True).select_option(
            label="Community transport")
        section.get_by_role("combobox", name="How it would be run").select_option(
            label="Run in partnership")
        section.get_by_role("textbox", name="Who could provide it (optional)").fill(
            "The community transport trust")
        section.get_by_role("textbox", name="Rough cost a year (optional)").fill("35,000")
        section.get_by_role("textbox", name="Expected score for Access and inclusion, 0 to "
                            "100 (optional)").fill("90")
        section.get_by_role("textbox", name="Why this option").fill(
            "The trust already drives people to the clinic")
        section.get_by_role("button", name="Send this option").click()
        section.get_by_text("it is shown as proposed").wait_for(timeout=TIMEOUT)
        mine = section.locator(".wb-my-proposals")
        assert "A bus to the clinic on Tuesdays" in mine.inner_text()
        assert "Community transport, run in partnership" in mine.inner_text()
        checked(phone, "options-390-1-proposed")

        desk = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        desk.goto(base.rstrip("/") + links["review"], timeout=TIMEOUT)
        options = desk.locator(".wb-options-desk")
        options.get_by_text("1 proposed option, 1 not answered yet").wait_for(timeout=TIMEOUT)
        card = options.locator(".wb-option-card")
        assert "The community transport trust" in card.inner_text()
        assert "Proposed by the panel of Service users" in card.inner_text()
        options.get_by_role("textbox", name="Cost a year (one amount, or one a year "
                            "separated by ;)").fill("32000")
        options.get_by_role("textbox", name="Score for Quality of service (0 to 100)").fill(
            "70")
        options.get_by_role("textbox", name="Costed and answered by").fill("Finance officer")
        accept = options.get_by_role("button", name=re.compile(
            r"^Accept proposal \d+ into a new scenario version$"))
        accept.click()
        refused = options.locator("[role=alert]")
        refused.wait_for(timeout=TIMEOUT)              # a score is missing: said, kept
        assert "Access and inclusion" in refused.inner_text()
        options.get_by_role("textbox", name="Score for Access and inclusion (0 to 100)"
                            ).fill("80")
        accept.click()
        options.get_by_text("Accepted into version 2 of the scenario").first.wait_for(
            timeout=TIMEOUT)
        link = options.get_by_role("link", name="Download scenario version 2, "
                                   "teaching-version-2.yaml")
        assert link.get_attribute("download") == "teaching-version-2.yaml"
        diff = options.locator("pre.wb-diff").inner_text()
        assert "+  - id: proposed-" in diff and "The community transport trust" in diff
        checked(desk, "options-1366-2-accepted")

        answer = phone.locator(".wb-my-proposals").get_by_text("Answer: accepted")
        answer.wait_for(timeout=TIMEOUT)               # the panel's poll brings it
        assert "Accepted into version 2 of the scenario" in \
            phone.locator(".wb-my-proposals").inner_text()
        checked(phone, "options-390-3-answered")
