"""Every view gets an answer, in real Chromium against a real Voilà server and a real SQLite
store: a panel submits a dissent note from its phone, the facilitator cannot adopt until it
is answered (or the adoption is confirmed), answers it, the panel sees the answer on its own
page, and the facilitator adopts the officers' proposal with a reason for each service that
departs from the recommendation."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
DISSENT = "We do not accept outsourcing the day centres"


def test_a_dissent_note_is_answered_and_a_departure_adopted_with_reasons(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Test")
    links = new.links("")
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        phone = browser.new_context(viewport={"width": 390, "height": 844},
                                    has_touch=True).new_page()
        phone.goto(base.rstrip("/") + links["staff"], timeout=TIMEOUT)
        phone.wait_for_selector(".wb-submit", timeout=TIMEOUT)
        # the terms of engagement come before the givens
        assert phone.locator(".wb-engagement").bounding_box()["y"] < \
            phone.locator(".wb-givens").bounding_box()["y"]
        dissent = phone.get_by_role("textbox", name=re.compile("Anything you disagree with"))
        dissent.fill(DISSENT)
        phone.get_by_role("button", name="Submit our priorities and views").click()
        phone.wait_for_selector(".wb-confirmation .wb-msg-success", timeout=TIMEOUT)
        assert "Not answered yet" in phone.inner_text(".wb-my-answers-panel")

        desk = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        desk.goto(base.rstrip("/") + links["facilitator"], timeout=TIMEOUT)
        desk.wait_for_selector("table.wb-views", timeout=TIMEOUT)
        row = desk.locator("table.wb-views tr", has_text=DISSENT)
        assert "not answered" in row.inner_text()

        # adopting while the dissent note has no answer is refused beside the button
        desk.get_by_role("textbox", name="Adopted by").fill("Cllr A. Example")
        adopt = desk.get_by_role("button", name="Adopt this decision")
        adopt.click()
        refused = desk.locator(".wb-note-adopt [role=alert]")
        refused.wait_for(timeout=TIMEOUT)
        assert "1 dissent note has no answer yet" in refused.inner_text()
        checked(desk, "answers-1366-1-adopt-refused")

        # a rejection needs its reason; then the answer is saved
        desk.get_by_label("View to answer").select_option(
            label=f"Staff and trade unions, dissent: {DISSENT}")
        desk.get_by_label("Answer", exact=True).select_option(label="Partly accepted")
        desk.get_by_role("textbox", name="Answered by").fill("Head of Commissioning")
        save = desk.get_by_role("button", name="Save the answer")
        save.click()
        desk.wait_for_selector(".wb-note-answer [role=alert]", timeout=TIMEOUT)
        assert "needs a text that says why" in desk.inner_text(".wb-note-answer")
        desk.get_by_role("textbox", name=re.compile("Why, in words")).fill(
            "Two day centres stay in-house; the others become community hubs")
        save.click()
        desk.wait_for_selector(".wb-note-answer .wb-msg-success", timeout=TIMEOUT)
        desk.wait_for_function("() => /partly accepted/.test(document.querySelector("
                               "'table.wb-views').innerText)", timeout=TIMEOUT)
        checked(desk, "answers-1366-2-answered")

        # the panel sees the answer on its own page, without a reload
        phone.wait_for_function("() => /Two day centres stay in-house/.test(document."
                                "querySelector('.wb-my-answers-panel').innerText)",
                                timeout=30_000)
        assert "partly accepted" in phone.inner_text(".wb-my-answers-panel")
        checked(phone, "answers-390-panel-sees-answer")

        # adopting the officers' proposal: each departing service needs its reason
        desk.get_by_label("Portfolio to adopt").select_option(label="The officers' proposal")
        reasons = desk.get_by_role("textbox", name=re.compile(r"^Why .* departs"))
        reasons.first.wait_for(timeout=TIMEOUT)
        count = reasons.count()
        assert count == 4      # the four services the officers' proposal changes on Riverside
        adopt.click()
        desk.wait_for_function("() => /Say why each service departs/.test(document."
                               "querySelector('.wb-note-adopt').innerText)", timeout=TIMEOUT)
        for i in range(count):
            reasons.nth(i).fill(f"The officers' case, point {i + 1}")
        adopt.click()
        desk.wait_for_selector(".wb-note-adopt .wb-msg-success", timeout=TIMEOUT)
        said = desk.inner_text(".wb-note-adopt")
        assert re.search(rf"Decision \d+ adopted by .* UTC \(the officers' proposal: {count} "
                         "services depart", said), said
        checked(desk, "answers-1366-3-adopted-proposal")

    with MeetingStore(url) as store:
        record = store.decisions(new.id)[-1].record
    assert record["adopted"]["source"] == "proposal"
    assert [d["reason"] for d in record["adopted"]["departures"]] == \
        [f"The officers' case, point {i + 1}" for i in range(count)]
    said = {v["kind"]: v for v in record["you_said_we_did"]}
    assert said["dissent"]["state"] == "partly_accepted"
    assert said["dissent"]["answered_by"] == "Head of Commissioning"
    assert record["not_answered"] == []
