"""The projected meeting page in headless Chromium against a real Voilà server, at 1366x768:
found by role and visible text, as the room would use it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.files import clashing_teaching
from tests.ui.meeting.pages import checked

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
PROJECTOR = {"width": 1366, "height": 768}
TENANTS = "Council tenants and residents' associations"


def _table(page) -> str:
    return page.inner_text("table.wb-portfolio")


def _weight_box(page, criterion: str):
    """The typed weight of ``criterion`` for the group whose tab is open."""
    return page.locator(".wb-group-weights:visible").get_by_role(
        "spinbutton", name=f"{criterion}, weight 0 to 100")


def _wait_enabled(page) -> None:
    """Until the page's controls are back (they are off while the kernel works)."""
    page.wait_for_selector(".wb-pin button:not([disabled]), button.wb-pin:not([disabled])",
                           timeout=TIMEOUT)


def _type_weight(page, criterion: str, value: str) -> None:
    """Type a weight and press Enter once the page is not busy, then give the kernel a
    moment to take it (controls go off within it) and wait until they are back."""
    _wait_enabled(page)
    box = _weight_box(page, criterion)
    box.fill(value)
    box.press("Enter")
    page.wait_for_timeout(250)
    _wait_enabled(page)


def _upload(page, path) -> None:
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        page.get_by_role("button", name=re.compile("Upload a scenario")).click()
    chooser.value.set_files(str(path))


def _open(browser, url: str, **context):
    page = browser.new_context(viewport=PROJECTOR, **context).new_page()
    page.goto(url, timeout=TIMEOUT)
    page.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
    return page


def test_projected_page_sliders_beside_the_recommendation_in_names_and_words(tmp_path):
    require_chromium()
    require_axe()
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, chromium() as browser:
        page = _open(browser, url)
        body = page.inner_text(".wb-app")
        # names and limits in words, never ids
        assert "£71m" in body and "mtfs_envelope" not in body and "Care Act 2014" in body
        assert "in_house" not in body and "waste_contract" not in body
        # readable at the back of the room; nothing cut
        sizes = page.evaluate("() => [...document.querySelectorAll('.wb-app td, .wb-app p, "
                              ".wb-app .widget-label')].map(e => parseFloat("
                              "getComputedStyle(e).fontSize))")
        assert sizes and min(sizes) >= 16, min(sizes)
        cut = page.evaluate("() => [...document.querySelectorAll('.wb-app .lm-TabBar-tabLabel,"
                            " .wb-app button, .wb-app .widget-label')].filter(e => "
                            "e.offsetParent && !e.closest('.wb-points') && "
                            "e.scrollWidth > e.clientWidth + 1)"
                            ".map(e => e.textContent)")
        assert cut == [], cut      # (a typed box's label is for screen readers only)
        assert page.get_by_role("tab", name=TENANTS).is_visible()
        # the spend chart's ticks are round
        ticks = page.eval_on_selector_all(".wb-spend-chart text[text-anchor=end]",
                                          "els => els.map(e => e.textContent)")
        assert ticks and all(float(t) % 10 == 0 for t in ticks), ticks
        # the sliders and the recommendation's summary in one screen
        page.get_by_role("tab", name=TENANTS).scroll_into_view_if_needed()
        page.get_by_role("tab", name=TENANTS).click()
        box = _weight_box(page, "Low carbon")
        box.scroll_into_view_if_needed()
        headline = page.locator(".wb-summary-panel .wb-headline")
        for seen in (box, headline):
            top = seen.bounding_box()
            assert top and top["y"] >= 0 and top["y"] + top["height"] <= 768, top
        checked(page, "meeting-1366-1-opened")

        # A move: the table changes, and what changed is marked beside the sliders.
        before = _table(page)
        for tab in ("Service users and carers", TENANTS, "Staff and trade unions"):
            page.get_by_role("tab", name=tab).click()
            _type_weight(page, "Low carbon", "100")
            _wait_enabled(page)
        page.wait_for_function("b => document.querySelector('table.wb-portfolio').innerText"
                               " !== b", arg=before, timeout=TIMEOUT)
        page.wait_for_selector(".wb-summary-panel .wb-changes", timeout=TIMEOUT)
        assert "Last change:" in page.inner_text(".wb-summary-panel")
        checked(page, "meeting-1366-2-moved")

        # A typed 150 is refused in words beside the sliders, not clamped silently.
        page.get_by_role("tab", name=TENANTS).click()
        _type_weight(page, "Outcomes for residents", "150")
        note = page.locator(".wb-weights-column .wb-note-weights [role=alert]")
        note.wait_for(timeout=TIMEOUT)
        assert "must be 0 to 100 (got 150)" in note.inner_text()
        assert float(_weight_box(page, "Outcomes for residents").input_value()) <= 100

        # Every weight of a group at 0: the last one stays, the page says so and shows it.
        criteria = ["Outcomes for residents", "Access and inclusion",
                    "Social value and local jobs", "Staff terms and conditions",
                    "Resilience and continuity", "Low carbon"]
        kept = _weight_box(page, "Low carbon").input_value()
        for criterion in criteria:
            _type_weight(page, criterion, "0")
            _wait_enabled(page)
        page.wait_for_function("k => document.querySelector('.wb-note-weights').innerText"
                               ".includes('Low carbon stays at ' + k)", arg=kept,
                               timeout=TIMEOUT)
        page.wait_for_function("([el, k]) => el.value === k",
                               arg=[_weight_box(page, "Low carbon").element_handle(), kept],
                               timeout=TIMEOUT)
        handle = page.locator(".wb-group-weights:visible .wb-slider-tenants-carbon "
                              ".noUi-handle")
        assert float(handle.get_attribute("aria-valuenow")) == float(kept) > 0
        checked(page, "meeting-1366-3-refused")

        # "Use these swing weights" as the page loads works, and the page keeps solving.
        page.get_by_role("tab", name="Service users and carers").click()
        page.get_by_role("button", name="Use these swing weights").click()
        page.wait_for_function("() => /Service users and carers: weights set from swing/"
                               ".test(document.querySelector('.wb-note-method').innerText)",
                               timeout=TIMEOUT)
        before = page.inner_text(".wb-agreed-panel")
        _type_weight(page, "Staff terms and conditions", "0")
        page.wait_for_function("b => document.querySelector('.wb-agreed-panel').innerText"
                               " !== b", arg=before, timeout=TIMEOUT)
        assert "Something went wrong" not in page.inner_text(".wb-app")

        # Pin, move, compare: names, not ids.
        page.get_by_role("button", name="Pin this run").click()
        page.wait_for_selector(".wb-compare-summary", timeout=TIMEOUT)
        page.get_by_role("tab", name="Staff and trade unions").click()
        _type_weight(page, "Low carbon", "5")
        page.wait_for_selector("table.wb-compare-groups tbody tr", timeout=TIMEOUT)
        assert "→" not in page.inner_text(".wb-compare-panel")
        assert re.search(r"\b[a-z]+_[a-z_]+\b", page.inner_text(".wb-compare-panel")) is None

        # What-if: the waste contract forbids it, said in words.
        page.select_option(".wb-whatif-service select",
                           label="Household waste and recycling collection")
        page.select_option(".wb-whatif-option select", label="Bring collection back in-house")
        page.get_by_role("button", name="What if it took this?").click()
        page.wait_for_selector(".wb-whatif", timeout=TIMEOUT)
        text = page.inner_text(".wb-whatif")
        assert "What if Household waste and recycling collection took" in text
        assert "Enviro Services" in text and "waste_contract" not in text
        checked(page, "meeting-1366-4-what-if")

        # Lifting a given shows its price, marked as a what-if.
        page.get_by_role("checkbox", name=re.compile("At most 6 services may change")).check()
        page.wait_for_selector(".wb-lifted strong", timeout=TIMEOUT)
        assert "not the official recommendation" in page.inner_text(".wb-lifted")

        # The long analyses arrive in the background, up to date.
        page.wait_for_function("() => document.querySelector('.wb-progress-text').innerText"
                               ".includes('up to date')", timeout=TIMEOUT)
        page.wait_for_selector(".wb-analysis img.wb-frontier-chart", timeout=TIMEOUT)
        assert page.locator(".wb-decisions li").count() == 17
        assert "points of value" in page.inner_text(".wb-givens-panel")
        checked(page, "meeting-1366-5-trade-offs")
        assert "Traceback" not in page.inner_text("body")


def test_after_a_clash_no_stale_trade_offs_and_lifting_shows_the_way_forward(tmp_path):
    require_chromium()
    require_axe()
    clash = clashing_teaching(tmp_path)
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, chromium() as browser:
        page = _open(browser, url)
        page.wait_for_selector(".wb-analysis img.wb-frontier-chart", timeout=TIMEOUT)
        _upload(page, clash)
        page.wait_for_selector(".wb-summary-panel .wb-infeasible", timeout=TIMEOUT)
        summary = page.inner_text(".wb-summary-panel")
        assert "No portfolio can meet every given" in summary
        assert "must be at most £170k in each year" in summary and "library open" in summary
        # no earlier trade-offs (each panel's update is its own message: wait for them all)
        page.wait_for_function("() => document.querySelector('.wb-analysis').innerText"
                               ".trim() === '' && document.querySelector("
                               "'.wb-progress-text').innerText.includes('clash')",
                               timeout=TIMEOUT)
        assert "up to date" not in page.inner_text(".wb-progress-text")
        checked(page, "meeting-1366-6-clash")
        page.get_by_role("checkbox", name=re.compile("Village library may not be stopped"))\
            .check()
        page.wait_for_selector("table.wb-lifted-portfolio", timeout=TIMEOUT)
        lifted = page.inner_text(".wb-lifted-panel")
        assert "not the official recommendation" in lifted
        assert re.search(r"Value \d+\.\d\d out of 100; total cost £\d", lifted), lifted
        assert "Close the library" in lifted
        checked(page, "meeting-1366-7-clash-lifted")

        # A refused upload lists located problems and keeps the scenario.
        bad = tmp_path / "bad.yaml"
        bad.write_text((SCENARIOS / "teaching.yaml").read_text().replace(
            "access: 60}", "access: 600}", 1))
        _upload(page, bad)
        page.wait_for_selector(".wb-problem-list", timeout=TIMEOUT)
        problems = page.inner_text(".wb-problem-list")
        assert "services[0].options[0].scores.access: must be 0 to 100 (got 600)" in problems
        assert "Little Marsh" in page.inner_text(".wb-title")
        assert "still open" in page.inner_text(".wb-note-source")
