"""The public challenge page in real Chromium against a real Voilà server and a real SQLite
meeting store: a resident on a phone opens the link for home care, sends it with the text
box blank (said beside the form, nothing lost), fills it in and sends it (a confirmation
with its reference); the contact is kept only in the private reading. An expired meeting's
link shows the refusal (a closed one's challenges go on: tests/server/test_public_gate.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from tests.ui.panel.phone import DESKTOP, PHONE, widest
from workbench.store import MeetingStore
from workbench.store.links import challenge_link

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
SEND = "Send the challenge"
SERVICE = "The service you are challenging"
HOME_CARE = "Home care for older and disabled adults"
TEXT = "Carers arrive two hours late, <b>three times</b> this month."


def _open(context, link: str):
    page = context.new_page()
    page.goto(link, timeout=TIMEOUT)
    page.get_by_role("button", name=SEND).wait_for(timeout=TIMEOUT)
    return page


def _ready(page) -> None:
    """Controls are off while the kernel works; wait until they are back."""
    page.wait_for_selector(".wb-challenge-send:not([disabled])", timeout=TIMEOUT)


def _chosen(page, name: str) -> str:
    """The chosen option's words (ipywidgets writes their spaces as no-break spaces)."""
    return page.get_by_role("combobox", name=name).evaluate(
        "s => s.options[s.selectedIndex].text").replace("\xa0", " ")


def test_a_resident_challenges_home_care_from_a_phone(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        text = (SCENARIOS / "riverside.yaml").read_text()
        new = store.create_meeting(text, name="Public")
        expired = store.create_meeting(text, name="Expired")
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE meeting_access SET expires_at = :t WHERE "
                                 "meeting_id = :m"),
                         {"t": datetime.now(timezone.utc) - timedelta(minutes=5),
                          "m": expired.id})
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        root = base.rstrip("/")
        phone = _open(browser.new_context(viewport=PHONE, has_touch=True),
                      challenge_link(new.id, "home_care", base_url=root))
        page = phone.locator(".wb-challenge")
        assert phone.get_by_role("heading", name="Challenge a service").count() == 1
        terms = phone.locator(".wb-engagement")
        assert "five challengers in 90 days" in terms.inner_text()
        privacy = phone.locator(".wb-privacy")
        assert "never published" in privacy.inner_text()
        form = phone.locator(".wb-challenge-form")
        # the terms first, then the privacy line, then the form
        ys = [x.bounding_box()["y"] for x in (terms, privacy, form)]
        assert ys == sorted(ys), ys
        assert _chosen(phone, SERVICE) == HOME_CARE            # from the link
        checked(phone, "challenge-390-1-opened")

        phone.get_by_role("combobox", name="What the challenge is about").select_option(
            label="Safety")
        phone.get_by_role("textbox", name="Your name").fill("Ann Reader")
        phone.get_by_role("textbox", name="An email or phone number").fill("ann@example.org")
        phone.get_by_role("button", name=SEND).tap()
        beside = phone.locator(".wb-said-text [role=alert]")
        beside.wait_for(timeout=TIMEOUT)
        _ready(phone)
        assert beside.inner_text() == "Say what the challenge is about."
        box = phone.get_by_role("textbox", name="What is wrong").bounding_box()
        said = beside.bounding_box()
        assert 0 <= said["y"] - (box["y"] + box["height"]) < 40     # right under the box
        summary = phone.locator(".wb-said-submit [role=alert]").inner_text()
        assert summary.startswith("Not sent: say what the challenge is about.")
        assert "Nothing you typed was lost." in summary
        assert phone.get_by_role("textbox", name="Your name").input_value() == "Ann Reader"
        assert phone.get_by_role("textbox", name="An email or phone number").input_value() \
            == "ann@example.org"
        assert _chosen(phone, "What the challenge is about") == "Safety"
        assert _chosen(phone, SERVICE) == HOME_CARE
        checked(phone, "challenge-390-2-blank-text")

        phone.get_by_role("textbox", name="What is wrong").fill(TEXT)
        phone.get_by_role("button", name=SEND).tap()
        sent = phone.locator(".wb-sent")
        sent.wait_for(timeout=TIMEOUT)
        _ready(phone)
        with MeetingStore(url) as store:
            stored, = store.challenges(new.id)
            private, = store.challenges(new.id, private=True)
            history = store.audit(new.id)
        confirmation = sent.inner_text()
        assert f"Your reference is {stored.key}." in confirmation
        assert "within 28 days" in confirmation and "shown as overdue" in confirmation
        assert "When 5 different people or groups" in confirmation
        assert "within 90 days" in confirmation
        assert phone.locator(".wb-challenge [role=alert]").count() == 0    # never both
        assert phone.get_by_role("textbox", name="Your name").input_value() == ""
        assert phone.get_by_role("textbox", name="What is wrong").input_value() == ""
        assert (stored.service, stored.grounds, stored.text) == ("home_care", "safety", TEXT)
        assert (stored.challenger, stored.contact) == ("", "")
        assert (private.challenger, private.contact) == ("Ann Reader", "ann@example.org")
        assert all("ann@example.org" not in str(e.detail) for e in history)
        assert "Ann Reader" not in page.inner_text()
        checked(phone, "challenge-390-3-sent")

        desk = _open(browser.new_context(viewport=DESKTOP),
                     challenge_link(new.id, base_url=root))
        assert _chosen(desk, SERVICE) == "Choose a service"
        assert widest(desk) <= DESKTOP["width"]
        checked(desk, "challenge-1366-opened")

        refused = browser.new_context(viewport=PHONE).new_page()
        refused.goto(challenge_link(expired.id, "home_care", base_url=root), timeout=TIMEOUT)
        words = refused.locator(".wb-refused").inner_text()
        assert f"the links of meeting {expired.id} expired at" in words
        assert refused.get_by_role("button", name=SEND).count() == 0
        checked(refused, "challenge-390-expired")

        # the challenge reaches the facilitator's review page, with who sent it
        review = browser.new_context(viewport=DESKTOP).new_page()
        review.goto(root + new.links("")["review"], timeout=TIMEOUT)
        review.get_by_role("heading", name="Challenges").wait_for(timeout=TIMEOUT)
        review.wait_for_function("() => /Carers arrive two hours late/.test("
                                 "document.body.innerText)", timeout=TIMEOUT)
        body = review.inner_text("body")
        assert "<b>three times</b>" in body            # shown as typed, never as markup
        assert "Ann Reader" in body and "ann@example.org" in body
        checked(review, "challenge-review-1366")
