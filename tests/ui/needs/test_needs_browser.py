"""The public needs register in real Chromium against a real Voilà server and a real SQLite
meeting store: a resident on a phone proposes a need through the public link (a blank box
is named beside it, nothing lost) and supports another need (a second support is refused in
words); the facilitator merges the resident's need into the other and answers it on the
review page; the public page then shows the merge with its reason and the answer."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from tests.ui.panel.phone import DESKTOP, PHONE, widest
from workbench.store import MeetingStore
from workbench.store.links import needs_link

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
SEND = "Send the need"
NEED = "A bus to the <b>clinic</b> on weekdays"


def _ready(page, css: str) -> None:
    """Controls are off while the kernel works; wait until they are back."""
    page.wait_for_selector(f"{css}:not([disabled])", timeout=TIMEOUT)


def test_a_resident_proposes_and_supports_and_sees_the_councils_merge_and_answer(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Needs")
        store.propose_need(new.id, new.panel_tokens["staff"], "Transport to health services",
                           "Older and disabled residents", "Missed appointments doubled")
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        root = base.rstrip("/")
        phone = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        phone.goto(needs_link(new.id, base_url=root), timeout=TIMEOUT)
        phone.get_by_role("button", name=SEND).wait_for(timeout=TIMEOUT)
        assert phone.get_by_role("heading", name="Needs register").count() == 1
        register = phone.locator(".wb-needs-register")
        assert "Transport to health services" in register.inner_text()
        assert "the panel of Staff and trade unions" in register.inner_text()
        assert "never published" in phone.locator(".wb-privacy").inner_text()
        checked(phone, "needs-390-1-opened")

        # a blank box is named beside it, and nothing typed is lost
        phone.get_by_role("textbox", name="The need, in your own words").fill(NEED)
        phone.get_by_role("textbox", name="Your name").fill("Ann Reader")
        phone.get_by_role("button", name=SEND).tap()
        beside = phone.locator(".wb-said-affected [role=alert]")
        beside.wait_for(timeout=TIMEOUT)
        _ready(phone, ".wb-need-send")
        assert beside.inner_text() == "Say who is affected."
        assert phone.get_by_role("textbox", name="Your name").input_value() == "Ann Reader"
        phone.get_by_role("textbox", name="Who is affected").fill("Residents without a car")
        phone.get_by_role("button", name=SEND).tap()
        phone.locator(".wb-said-submit [role=status]").wait_for(timeout=TIMEOUT)
        _ready(phone, ".wb-need-send")
        said = phone.locator(".wb-said-submit").inner_text()
        assert "your need is in the register as need 3" in said
        assert phone.get_by_role("textbox", name="Your name").input_value() == ""
        assert NEED in register.inner_text()               # as typed, never as markup
        assert "Ann Reader" not in phone.locator(".wb-needs-page").inner_text()
        checked(phone, "needs-390-2-proposed")

        # the resident supports the panel's need, once
        support = phone.get_by_role("button", name="Support need 2")
        support.tap()
        thanks = phone.locator(".wb-need-row").first.locator(".wb-note-support [role=status]")
        thanks.wait_for(timeout=TIMEOUT)
        _ready(phone, ".wb-support")
        assert "You can support 2 more needs" in thanks.inner_text()
        assert "1 support: 1 from residents" in register.inner_text()
        support.tap()
        refused = phone.locator(".wb-need-row").first.locator(".wb-note-support [role=alert]")
        refused.wait_for(timeout=TIMEOUT)
        assert "already supported this need" in refused.inner_text()
        assert widest(phone) <= PHONE["width"]
        checked(phone, "needs-390-3-supported")

        # the facilitator merges the resident's need into the panel's, and answers it
        review = browser.new_context(viewport=DESKTOP).new_page()
        review.goto(root + new.links("")["review"], timeout=TIMEOUT)
        review.get_by_role("heading", name="Needs register").wait_for(timeout=TIMEOUT)
        body = review.inner_text("body")
        assert "Ann Reader" in body                         # this page only
        review.locator(".wb-merge-into-3 select").select_option(
            label="Need 2: Transport to health services")
        review.locator(".wb-merge-reason-3 input").fill("Both are about getting to the clinic")
        review.locator(".wb-merge-reason-3 input").press("Tab")
        review.get_by_role("button", name="Merge need 3").click()
        review.locator(".wb-note-merge-3 [role=status]").wait_for(timeout=TIMEOUT)
        review.locator(".wb-answer-state-2 select").select_option(label="partly accepted")
        review.locator(".wb-answer-text-2 textarea").fill("A weekday bus from May")
        review.locator(".wb-answer-by-2 input").fill("Head of Transport")
        review.locator(".wb-answer-by-2 input").press("Tab")
        review.locator(".wb-answer-2").click()
        review.locator(".wb-note-answer-2 [role=status]").wait_for(timeout=TIMEOUT)
        checked(review, "needs-review-1366")

        # the public page follows: the merge with its reason, and the answer in words
        phone.wait_for_function("() => /Merged into need 2/.test(document.body.innerText)",
                                timeout=TIMEOUT)
        phone.wait_for_function("() => /A weekday bus from May/.test(document.body.innerText)",
                                timeout=TIMEOUT)
        text = register.inner_text()
        assert "Merged into need 2: Both are about getting to the clinic." in text
        assert ("The council's answer: partly accepted: \u201cA weekday bus from May\u201d "
                "(Head of Transport") in text
        assert phone.get_by_role("button", name="Support need 3").is_hidden()
        checked(phone, "needs-390-4-answered")

        desk = browser.new_context(viewport=DESKTOP).new_page()
        desk.goto(needs_link(new.id, base_url=root), timeout=TIMEOUT)
        desk.get_by_role("button", name=SEND).wait_for(timeout=TIMEOUT)
        assert widest(desk) <= DESKTOP["width"]
        checked(desk, "needs-1366-opened")
