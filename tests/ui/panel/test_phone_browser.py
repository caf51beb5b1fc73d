"""A tenant's panel page on a phone, in real Chromium (touch and keyboard) against a real
Voilà server and a real SQLite meeting store: the four steps, a refused submission said
beside Submit, and two tabs on one link."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import SCENARIOS
from tests.ui.browser import (
    chromium,
    require_axe,
    require_chromium,
    serious_violations,
    voila_server,
)
from tests.ui.panel.phone import (
    DESKTOP,
    PHONE,
    content_height,
    fits_phones,
    note,
    screenshots,
)
from workbench.store import MeetingStore
from workbench.ui.panel import COMMENT_LIMIT

pytestmark = pytest.mark.browser
TIMEOUT = 120_000
SUBMIT = "Submit our priorities and views"


@pytest.fixture
def meeting(tmp_path):
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Phone")
    return url, new


def _open(browser, base: str, link: str, context=None):
    context = context or browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.goto(base.rstrip("/") + link, timeout=TIMEOUT)
    page.get_by_role("button", name=SUBMIT).wait_for(timeout=TIMEOUT)
    page.wait_for_selector(".wb-panel-slider-carbon .noUi-handle[aria-label]",
                           timeout=TIMEOUT)
    return page


def _ready(page) -> None:
    """Controls are off while the kernel works; wait until they are back."""
    page.wait_for_selector(".wb-submit:not([disabled])", timeout=TIMEOUT)


def test_a_tenant_follows_the_four_steps_by_touch_and_keyboard(tmp_path, meeting):
    require_chromium()
    require_axe()
    url, new = meeting
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        page = _open(browser, base, new.links("")["tenants"])
        # The first screen says what is being decided and what to do.
        steps = page.locator("ol.wb-steps")
        box = steps.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"]
        first = page.locator(".wb-panel").inner_text()
        assert "Council tenants and residents' associations" in first
        assert "deciding how each of its 17 services" in first
        # The givens are cards, in words, with their reasons in full.
        cards = page.locator("ul.wb-givens > li")
        assert cards.count() == 10 and page.locator(".wb-panel table").count() == 0
        assert "£71m in 2027/28" in cards.nth(0).inner_text()
        assert "without them the hub model does not work" in cards.nth(9).inner_text()
        height = content_height(page)
        note("panel-height", f"{height} px of content at 390 px wide, optional details "
             "folded (4 phone screens: 3376 px)")
        assert height <= 4 * PHONE["height"], f"the flow is {height} px tall"
        fits_phones(page, "opened")
        screenshots(page, "panel-phone-390x844")

        # Keyboard: a slider handle moves with the arrow keys; Tab reaches every control.
        readout = page.locator(".wb-panel-slider-carbon .widget-readout")
        before = float(readout.inner_text())
        page.locator(".wb-panel-slider-carbon .noUi-handle").focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(
            "b => parseFloat(document.querySelector('.wb-panel-slider-carbon "
            ".widget-readout').innerText) < b", arg=before, timeout=TIMEOUT)
        _ready(page)
        # Touch: tap the outcomes track near its start. The page may still be laying out
        # after the keyboard move (the preview re-renders), so a tap that landed before the
        # track settled is tried again, at most three times.
        outcomes = ("() => parseFloat(document.querySelector('.wb-panel-slider-outcomes "
                    ".widget-readout').innerText) < 50")
        for _ in range(3):
            track_box = page.locator(".wb-panel-slider-outcomes .noUi-base")
            track_box.scroll_into_view_if_needed()
            track = track_box.bounding_box()
            page.touchscreen.tap(track["x"] + track["width"] * 0.1,
                                 track["y"] + track["height"] / 2)
            try:
                page.wait_for_function(outcomes, timeout=TIMEOUT // 4)
                break
            except PlaywrightTimeout:
                _ready(page)
        assert page.evaluate(outcomes), "a tap on the outcomes track did not move it"
        _ready(page)
        assert page.locator(".wb-differ > li").count() < 17     # never every service

        # Swing and pairwise: folded away, opened by a tap, usable at 360 px.
        page.get_by_role("button", name="Other ways to set them: swing or pairwise").tap()
        swing = page.get_by_role("button", name="Use these swing weights")
        swing.wait_for(timeout=TIMEOUT)
        page.get_by_role("tab", name="Pairwise comparison").tap()
        page.get_by_role("button", name="Use pairwise weights").wait_for(timeout=TIMEOUT)
        fits_phones(page, "pairwise open")
        tab = page.get_by_role("tab", name="Pairwise comparison")
        tab.focus()                                   # tabs by keyboard: arrows and Enter
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("Enter")
        swing.wait_for(state="visible", timeout=TIMEOUT)
        page.locator(".wb-swing-access .widget-readout").fill("50")
        page.locator(".wb-swing-access .widget-readout").press("Enter")
        swing.tap()
        page.wait_for_selector(".wb-swing-message .wb-msg-success", timeout=TIMEOUT)
        page.wait_for_function(
            "() => document.querySelector('.wb-panel-slider-access .widget-readout')"
            ".innerText.trim() === '50'", timeout=TIMEOUT)
        _ready(page)

        # A refused submission: said beside Submit, nothing typed lost, never green.
        views = page.get_by_role("textbox", name=f"Your views (up to {COMMENT_LIMIT:,} "
                                 "characters)")
        views.fill("x" * (COMMENT_LIMIT + 1))
        submit = page.get_by_role("button", name=SUBMIT)
        submit.tap()
        alert = page.locator(".wb-confirmation [role=alert]")
        alert.wait_for(timeout=TIMEOUT)
        assert "Not submitted" in alert.inner_text()
        assert page.locator(".wb-submitted").count() == 0
        gap = alert.bounding_box()["y"] - (submit.bounding_box()["y"]
                                           + submit.bounding_box()["height"])
        assert 0 <= gap <= 60, f"the refusal is {gap} px from the button"
        assert len(views.input_value()) == COMMENT_LIMIT + 1
        fits_phones(page, "refused")
        screenshots(page, "panel-phone-refused")
        _ready(page)
        views.fill("<b>Greener</b> bins, please")
        page.keyboard.press("Tab")                    # to the dissent box, then to Submit
        page.keyboard.type("We do not accept closing the library.")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector(".wb-submitted", timeout=TIMEOUT)
        assert "revision 1" in page.inner_text(".wb-submitted")
        assert page.locator(".wb-confirmation [role=alert]").count() == 0
        fits_phones(page, "submitted")
        page.set_viewport_size(DESKTOP)
        screenshots(page, "panel-desktop-1366x768")
    with MeetingStore(url) as store:
        stored = store.latest_submissions(new.id)["tenants"]
    assert stored.comment == "<b>Greener</b> bins, please"
    assert stored.dissent == "We do not accept closing the library."
    assert stored.weights["access"] == pytest.approx(stored.weights["outcomes"] / 2, abs=1)


def test_two_tabs_on_one_link_are_warned_and_choose(tmp_path, meeting):
    """Issue 10: a tab opened earlier submitted over the newer comment, and neither was
    warned."""
    require_chromium()
    require_axe()
    url, new = meeting
    link = new.links("")["staff"]
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        context = browser.new_context(viewport=PHONE, has_touch=True)
        older, newer = _open(browser, base, link, context), _open(browser, base, link, context)
        newer.get_by_role("textbox", name="Your views (up to 4,000 characters)").fill(
            "Keep the libraries open")
        newer.get_by_role("button", name=SUBMIT).tap()
        newer.wait_for_selector(".wb-submitted", timeout=TIMEOUT)

        older.get_by_role("textbox", name="Your views (up to 4,000 characters)").fill(
            "Greener bins")
        older.get_by_role("button", name=SUBMIT).tap()
        older.wait_for_selector(".wb-confirmation [role=alert]", timeout=TIMEOUT)
        said = older.inner_text(".wb-confirmation")
        assert "Not submitted: revision 1 was submitted" in said
        assert "Keep the libraries open" in older.inner_text(".wb-newer")
        assert older.locator(".wb-submitted").count() == 0
        assert serious_violations(older) == []
        screenshots(older, "panel-phone-two-tabs")
        older.get_by_role("button", name="Submit mine anyway").tap()
        older.wait_for_selector(".wb-submitted", timeout=TIMEOUT)
        assert "revision 2" in older.inner_text(".wb-submitted")
        assert not older.locator(".wb-stale").is_visible()

        newer.get_by_role("button", name=SUBMIT).tap()
        newer.wait_for_selector(".wb-confirmation [role=alert]", timeout=TIMEOUT)
        assert "Greener bins" in newer.inner_text(".wb-newer")
        newer.get_by_role("button", name="Load the newer one").tap()
        newer.wait_for_function(
            "() => document.querySelector('.wb-comment textarea').value === 'Greener bins'",
            timeout=TIMEOUT)
        newer.wait_for_function(
            "() => document.querySelector('.wb-confirmation').innerText"
            ".includes('Showing revision 2')", timeout=TIMEOUT)
        assert newer.locator(".wb-confirmation [role=alert]").count() == 0
    with MeetingStore(url) as store:
        assert store.latest_submissions(new.id)["staff"].comment == "Greener bins"
        assert [e.kind for e in store.audit(new.id)].count("weights_submitted") == 2
