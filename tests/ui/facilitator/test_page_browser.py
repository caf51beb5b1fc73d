"""The facilitator's page in real Chromium against a real Voilà server and a real SQLite
meeting store: the panels at a glance first, submissions arriving live, adopting with its
message beside the button."""

from __future__ import annotations

import re
import time

import pytest

from tests.conftest import ARTIFACTS, SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked, no_sideways_scroll
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000


def test_facilitator_sees_the_panels_at_a_glance_and_adopts(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Test")
    links = new.links("")
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        page.goto(base.rstrip("/") + links["facilitator"], timeout=TIMEOUT)
        page.wait_for_selector("table.wb-panels", timeout=TIMEOUT)
        page.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
        # the panels come before the workbench, in the first screen
        assert "0 of 6 panels have submitted" in page.inner_text(".wb-waiting")
        assert page.locator("table.wb-panels").bounding_box()["y"] < \
            page.locator(".wb-givens-panel").bounding_box()["y"]
        checked(page, "facilitator-1366-1-opened")

        with MeetingStore(url) as store:
            store.submit_weights(new.id, new.panel_tokens["staff"],
                                 {"outcomes": 10, "access": 10, "social_value": 10,
                                  "staff_terms": 100, "resilience": 10, "carbon": 40},
                                 comment="<b>Keep</b> services in-house",
                                 dissent="We do not accept outsourcing")
            submitted = time.monotonic()
        page.wait_for_function("() => /revision 1 at/.test(document.querySelector("
                               "'table.wb-panels').innerText)", timeout=TIMEOUT)
        seen = time.monotonic() - submitted
        ARTIFACTS.mkdir(exist_ok=True)
        with (ARTIFACTS / "facilitator-latency.txt").open("a") as log:
            log.write(f"{seen:.3f}\n")
        row = page.locator("table.wb-panels tr", has_text="Staff and trade unions")
        text = row.inner_text()
        assert "<b>Keep</b> services in-house" in text and "We do not accept" in text
        order = [text.index(name) for name in ("Outcomes for residents",
                                               "Access and inclusion", "Low carbon")]
        assert order == sorted(order)                 # criterion order, not alphabetical
        assert "1 of 6 panels have submitted" in page.inner_text(".wb-waiting")

        # "Adopt" with no name: said beside the button, nothing adopted.
        adopt = page.get_by_role("button", name="Adopt this decision")
        adopt.scroll_into_view_if_needed()
        adopt.click()
        note = page.locator(".wb-note-adopt [role=alert]")
        note.wait_for(timeout=TIMEOUT)
        assert "Say who adopts" in note.inner_text()
        button, said = adopt.bounding_box(), note.bounding_box()
        assert abs(said["y"] - (button["y"] + button["height"])) < 120
        assert "No decision adopted yet" in page.inner_text(".wb-adopted-panel")
        checked(page, "facilitator-1366-2-adopt-refused")

        page.get_by_role("textbox", name="Adopted by").fill("Cllr A. Example")
        # the staff's dissent note has no answer yet: adopting needs the tick
        adopt.click()
        page.wait_for_function("() => /1 dissent note has no answer yet/.test(document."
                               "querySelector('.wb-note-adopt').innerText)", timeout=TIMEOUT)
        page.get_by_role("checkbox", name=re.compile("Adopt with 1 dissent note")).check()
        adopt.click()
        page.wait_for_selector(".wb-note-adopt .wb-msg-success", timeout=TIMEOUT)
        assert "1 dissent note marked \"not answered\"" in page.inner_text(".wb-note-adopt")
        assert re.search(r"Decision \d+ adopted by Cllr A. Example at .* UTC \(",
                         page.inner_text(".wb-note-adopt"))
        assert page.locator(".wb-note-adopt [role=alert]").count() == 0   # never both
        checked(page, "facilitator-1366-3-adopted")

        phone = browser.new_context(viewport={"width": 390, "height": 844},
                                    has_touch=True).new_page()
        phone.goto(base.rstrip("/") + links["facilitator"], timeout=TIMEOUT)
        phone.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
        no_sideways_scroll(phone)
        checked(phone, "facilitator-390-opened")
