"""The meeting workbench in headless Chromium against a real Voila server."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import browser_page, require_chromium, screenshot, voila_server

pytestmark = pytest.mark.browser
TIMEOUT = 120_000


def _table_text(page) -> str:
    return page.inner_text("table.wb-portfolio")


def test_meeting_page_in_the_browser(tmp_path):
    require_chromium()
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, browser_page() as page:
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
        assert "Care Act 2014" in page.inner_text(".wb-givens-panel")
        screenshot(page, "meeting-1-opened")

        # Moving weight sliders changes the recommendation table.
        before = _table_text(page)
        groups = ["service_users", "tenants", "staff", "business", "voluntary", "members"]
        for i, group in enumerate(groups):
            page.locator(".wb-weights .lm-TabBar-tab").nth(i).click()
            selector = f".wb-slider-{group}-carbon .widget-readout"
            # controls are disabled while a solve runs; wait until they are back
            page.wait_for_selector(f"{selector}[contenteditable=true]", timeout=TIMEOUT)
            readout = page.locator(selector)
            readout.click()
            readout.fill("100")
            readout.press("Enter")
            page.wait_for_timeout(300)
        page.wait_for_function(
            "before => document.querySelector('table.wb-portfolio').innerText !== before",
            arg=before, timeout=TIMEOUT)
        assert _table_text(page) != before
        screenshot(page, "meeting-2-weights-moved")

        # Pin, move back, compare.
        page.click(".wb-pin button, button.wb-pin")
        page.wait_for_selector(".wb-compare-summary", timeout=TIMEOUT)
        page.locator(".wb-weights .lm-TabBar-tab").nth(0).click()
        selector = ".wb-slider-service_users-carbon .widget-readout"
        page.wait_for_selector(f"{selector}[contenteditable=true]", timeout=TIMEOUT)
        page.locator(selector).click()
        page.locator(selector).fill("0")
        page.locator(selector).press("Enter")
        page.wait_for_selector("table.wb-compare-groups tbody tr", timeout=TIMEOUT)
        assert page.locator("table.wb-compare-groups tbody tr").count() == 6
        screenshot(page, "meeting-2b-compare")

        # What-if: force an option for a service.
        page.select_option(".wb-whatif-service select",
                           label="Household waste and recycling collection")
        page.select_option(".wb-whatif-option select", label="Bring collection back in-house")
        page.click(".wb-whatif-force")
        page.wait_for_selector(".wb-whatif", timeout=TIMEOUT)
        assert "What if Household waste and recycling collection took" in page.inner_text(
            ".wb-whatif")
        assert "waste_contract" in page.inner_text(".wb-whatif")   # the contract forbids it

        # Lifting a given shows its price, marked as a what-if.
        page.click(".wb-lift-change_capacity input")
        page.wait_for_selector(".wb-lifted strong", timeout=TIMEOUT)
        assert "not the official recommendation" in page.inner_text(".wb-lifted")
        screenshot(page, "meeting-3-given-lifted")

        # An invalid upload lists located problems and keeps the scenario.
        bad = tmp_path / "bad.yaml"
        bad.write_text((SCENARIOS / "teaching.yaml").read_text().replace(
            "access: 60}", "access: 600}", 1))
        with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
            page.click(".wb-upload")
        chooser.value.set_files(str(bad))
        page.wait_for_selector(".wb-problem-list", timeout=TIMEOUT)
        problems = page.inner_text(".wb-problem-list")
        assert "services[0].options[0].scores.access: must be 0 to 100 (got 600)" in problems
        assert "Riverside" in page.inner_text(".wb-title")
        assert "Traceback" not in page.inner_text("body")
        screenshot(page, "meeting-4-bad-upload")

        # The long analyses arrive in the background, with the frontier picture's alt text.
        page.wait_for_selector(".wb-analysis img.wb-frontier-chart", timeout=TIMEOUT)
        assert "Efficient frontier" in page.get_attribute(".wb-frontier-chart", "alt")
        assert page.locator(".wb-decisions li").count() == 17
        assert "points of value" in page.inner_text(".wb-givens-panel")
        screenshot(page, "meeting-5-trade-offs")
