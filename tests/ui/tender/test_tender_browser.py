"""The tender evaluation in real Chromium against a real Voilà server and a real SQLite
store: two evaluators, each in their own browser (one on a phone), declare their interests
and mark both bids; nothing an evaluator's browser receives (the page's HTML or any widget
message over the kernel's websocket) carries a price; the moderator sees both evaluators'
marks side by side, moderates one with a reason, and the result and the report show the
winner and that reason. Axe-clean at every step, at 390x844 and 1366x768."""

from __future__ import annotations

import base64
import json
import re

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from tests.ui.panel.phone import DESKTOP, PHONE
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
PRICES = ("120000", "120,000", "95000", "95,000", "130000", "130,000")
TENDER = {
    "format": "commissioning-tender/1", "name": "Library outreach 2027",
    "price": {"weight": 40, "method": "relative", "ceiling": 130000},
    "quality": [{"id": "reach", "name": "Reaching isolated readers", "weight": 45},
                {"id": "social", "name": "Social value", "weight": 15, "social_value": True}],
    "scale": [0, 25, 50, 75, 100],
    "evaluators": [{"id": "e1", "name": "Library officer"},
                   {"id": "e2", "name": "Reader panel member", "group": "readers"}],
    "bids": [{"id": "a", "bidder": "Books on Wheels", "price": 120000},
             {"id": "b", "bidder": "Reading Together CIC", "price": 95000}],
}
MARKS = {"e1": {("a", "reach"): "75", ("a", "social"): "50", ("b", "reach"): "50",
                ("b", "social"): "75"},
         "e2": {("a", "reach"): "100", ("a", "social"): "50", ("b", "reach"): "25",
                ("b", "social"): "75"}}
BIDDERS = {"a": "Books on Wheels", "b": "Reading Together CIC"}
CRITERIA = {"reach": "Reaching isolated readers", "social": "Social value"}
REASON = "The panel read the outreach plan together: <strong>75</strong> is fair."


def _frames(page) -> list[str]:
    """Every websocket message the page receives (the widgets' state comes this way)."""
    got: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: got.append(
            payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))))
    return got


def _evaluate(page, evaluator: str, interest: str | None) -> None:
    page.get_by_role("heading", name="First: your declaration of interest").wait_for(
        timeout=TIMEOUT)
    assert page.get_by_role("combobox").count() == 0        # no mark before declaring
    if interest is None:
        page.get_by_role("radio", name="I have no interest to declare").check()
    else:
        page.get_by_role("radio", name="I have an interest to declare").check()
        page.get_by_role("textbox", name="Your interest").fill(interest)
    page.get_by_role("button", name="Save my declaration").click()
    first = page.get_by_role("combobox", name="Reaching isolated readers: your mark for "
                                              "Books on Wheels")
    first.wait_for(timeout=TIMEOUT)
    for (bid, criterion), mark in MARKS[evaluator].items():
        page.get_by_role("combobox", name=f"{CRITERIA[criterion]}: your mark for "
                                          f"{BIDDERS[bid]}").select_option(label=mark)
        page.get_by_text(f"Saved: {BIDDERS[bid]}, {CRITERIA[criterion]}: {mark}.").wait_for(
            timeout=TIMEOUT)
    page.get_by_text("All 4 marks are given.").wait_for(timeout=TIMEOUT)


def test_two_evaluators_mark_and_the_moderator_moderates(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        made = store.create_tender(json.dumps(TENDER), "library.json")
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        links = made.links(base.rstrip("/"))
        phone = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        phone_frames = _frames(phone)
        phone.goto(links["e1"], timeout=TIMEOUT)
        phone.get_by_role("heading", name="First: your declaration of interest").wait_for(
            timeout=TIMEOUT)
        assert "Library officer" in phone.locator(".wb-tender").inner_text()
        checked(phone, "tender-390-1-declare")
        _evaluate(phone, "e1", None)
        checked(phone, "tender-390-2-marked")

        desk = browser.new_context(viewport=DESKTOP).new_page()
        desk_frames = _frames(desk)
        desk.goto(links["e2"], timeout=TIMEOUT)
        _evaluate(desk, "e2", "I volunteer with <em>Books on Wheels</em>")
        assert "Your declaration of interest: I volunteer with <em>Books on Wheels</em>" \
            in desk.locator(".wb-tender").inner_text()
        checked(desk, "tender-1366-evaluator")

        for page, frames in ((phone, phone_frames), (desk, desk_frames)):
            seen = page.content() + "\n".join(frames)
            assert "Books on Wheels" in "\n".join(frames)     # the frames were captured
            for price in PRICES:      # as a number of its own, not inside a time or an id
                found = re.search(rf"(?<![0-9A-Za-z.]){re.escape(price)}(?![0-9A-Za-z])",
                                  seen)
                assert found is None, (price, seen[max(0, found.start() - 80):found.end() + 80])
            assert "£" not in seen

        mod = browser.new_context(viewport=DESKTOP).new_page()
        mod.goto(links["moderator"], timeout=TIMEOUT)
        table = mod.get_by_role("table", name="Every mark (0 to 100), the moderated mark "
                                               "and why")
        table.wait_for(timeout=TIMEOUT)
        row = table.get_by_role("row", name="Books on Wheels: Reaching isolated readers")
        assert row.get_by_role("cell").all_inner_texts()[:2] == ["75", "100"]
        declared = mod.get_by_role("table", name="Each evaluator's declaration of "
                                                 "interest").inner_text()
        assert "I volunteer with <em>Books on Wheels</em>" in declared and "none" in declared
        assert "The winner is Books on Wheels" in mod.locator(".wb-tender").inner_text()
        checked(mod, "tender-1366-moderator")

        mod.get_by_role("combobox", name="Bid and criterion to moderate").select_option(
            label="Books on Wheels: Reaching isolated readers")
        mod.get_by_role("combobox", name="The agreed mark").select_option(label="75")
        mod.get_by_role("textbox", name="Why the panel agreed it").fill(REASON)
        mod.get_by_role("button", name="Save the moderated mark").click()
        mod.get_by_text("Moderated mark saved: 75.").wait_for(timeout=TIMEOUT)
        row = table.get_by_role("row", name="Books on Wheels: Reaching isolated readers")
        assert REASON in row.inner_text()
        checked(mod, "tender-1366-moderated")

        href = mod.get_by_role("link", name="Download the evaluation report (HTML)") \
            .get_attribute("href")
        report = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
        assert "The winner is <strong>Books on Wheels</strong>" in report
        assert "The panel read the outreach plan together: &lt;strong&gt;75&lt;/strong&gt;" \
            in report
        assert "I volunteer with &lt;em&gt;Books on Wheels&lt;/em&gt;" in report
        shown = browser.new_context(viewport=PHONE).new_page()
        shown.set_content(report)
        checked(shown, "tender-390-report")

        mod.set_viewport_size(PHONE)
        mod.wait_for_timeout(300)
        for box in mod.locator(".wb-tender .scroll, .wb-tender h1, .wb-tender figure").all():
            edge = box.bounding_box()
            assert edge["x"] + edge["width"] <= PHONE["width"] + 1, edge  # not cut off
        checked(mod, "tender-390-moderator")

        # the evaluator's page follows the moderation: that cell can no longer change
        phone.get_by_text("Moderated: your mark 75 stays as it is.").wait_for(timeout=TIMEOUT)
        assert phone.get_by_role("combobox", name="Reaching isolated readers: your mark "
                                                  "for Books on Wheels").is_disabled()

    with MeetingStore(url) as store:
        result = store.tender_result(made.id)
    assert result.winner == "a"
    assert result.marks["a", "reach"] == 75
