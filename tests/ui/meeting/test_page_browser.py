"""The meeting workbench in headless Chromium against a real Voila server."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import (
    browser_page,
    require_axe,
    require_chromium,
    screenshot,
    serious_violations,
    voila_server,
)

pytestmark = pytest.mark.browser
TIMEOUT = 120_000


def _table_text(page) -> str:
    return page.inner_text("table.wb-portfolio")


def _audited(page, name: str) -> None:
    """A screenshot of this state, and no serious or critical axe-core violation in it."""
    screenshot(page, name)
    assert serious_violations(page) == [], name


def _set_slider(page, group_index: int, selector: str, value: str) -> None:
    page.locator(".wb-weights .lm-TabBar-tab").nth(group_index).click()
    # controls are disabled while a solve runs; wait until they are back
    page.wait_for_selector(f"{selector}[contenteditable=true]", timeout=TIMEOUT)
    readout = page.locator(selector)
    readout.click()
    readout.fill(value)
    readout.press("Enter")


def test_meeting_page_in_the_browser(tmp_path):
    require_chromium()
    require_axe()
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, browser_page() as page:
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
        assert "Care Act 2014" in page.inner_text(".wb-givens-panel")
        assert "Value" in page.inner_text("table.wb-criteria")
        _audited(page, "meeting-1-opened")

        # Moving weight sliders changes the recommendation table and the charts.
        before = _table_text(page)
        chart = page.inner_html(".wb-spend-chart")
        criteria = page.inner_text("table.wb-criteria")
        groups = ["service_users", "tenants", "staff", "business", "voluntary", "members"]
        for i, group in enumerate(groups):
            _set_slider(page, i, f".wb-slider-{group}-carbon .widget-readout", "100")
            page.wait_for_timeout(300)
        page.wait_for_function(
            "before => document.querySelector('table.wb-portfolio').innerText !== before",
            arg=before, timeout=TIMEOUT)
        assert _table_text(page) != before
        assert page.inner_html(".wb-spend-chart") != chart
        assert page.inner_text("table.wb-criteria") != criteria
        _audited(page, "meeting-2-weights-moved")

        # Pin, move back, compare.
        page.click(".wb-pin button, button.wb-pin")
        page.wait_for_selector(".wb-compare-summary", timeout=TIMEOUT)
        _set_slider(page, 0, ".wb-slider-service_users-carbon .widget-readout", "0")
        page.wait_for_selector("table.wb-compare-groups tbody tr", timeout=TIMEOUT)
        assert page.locator("table.wb-compare-groups tbody tr").count() == 6
        _audited(page, "meeting-2b-compare")

        # Swing weighting for the tenants: their sliders follow.
        page.select_option(".wb-method-group select",
                           label="Council tenants and residents' associations")
        swing = page.locator(".wb-swing-outcomes .widget-readout")
        swing.click()
        swing.fill("40")
        swing.press("Enter")
        page.click(".wb-use-swing")
        page.wait_for_function(
            "() => document.querySelector('.wb-status').innerText.includes('swing')",
            timeout=TIMEOUT)
        page.locator(".wb-weights .lm-TabBar-tab").nth(1).click()
        page.wait_for_function(
            "() => document.querySelector('.wb-slider-tenants-outcomes .widget-readout')"
            ".innerText.trim() === '40'", timeout=TIMEOUT)

        # Pairwise comparisons that contradict each other: a warning, nothing used.
        page.locator(".wb-methods .lm-TabBar-tab").nth(1).click()
        pairs = page.locator(".wb-pairwise select")
        pairs.nth(0).select_option(index=0)      # 1st extremely more than 2nd (9)
        pairs.nth(5).select_option(index=0)      # 2nd extremely more than 3rd (9)
        pairs.nth(1).select_option(index=8)      # and yet 3rd extremely more than 1st (1/9)
        tenants = page.inner_text(".wb-slider-tenants-outcomes .widget-readout")
        page.click(".wb-use-pairwise")
        page.wait_for_selector(".wb-pairwise-warning", timeout=TIMEOUT)
        assert "inconsistent" in page.inner_text(".wb-pairwise-warning")
        assert page.inner_text(".wb-slider-tenants-outcomes .widget-readout") == tenants
        _audited(page, "meeting-2c-pairwise-warning")

        # What-if: pick a service in the list, force an option for it.
        page.select_option(".wb-whatif-service select",
                           label="Household waste and recycling collection")
        page.select_option(".wb-whatif-option select", label="Bring collection back in-house")
        page.click(".wb-whatif-force")
        page.wait_for_selector(".wb-whatif", timeout=TIMEOUT)
        assert "What if Household waste and recycling collection took" in page.inner_text(
            ".wb-whatif")
        assert "waste_contract" in page.inner_text(".wb-whatif")   # the contract forbids it
        _audited(page, "meeting-2d-what-if")

        # Lifting a given shows its price, marked as a what-if.
        page.click(".wb-lift-change_capacity input")
        page.wait_for_selector(".wb-lifted strong", timeout=TIMEOUT)
        assert "not the official recommendation" in page.inner_text(".wb-lifted")
        _audited(page, "meeting-3-given-lifted")

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
        _audited(page, "meeting-4-bad-upload")

        # The long analyses arrive in the background, with the frontier picture's alt text.
        page.wait_for_selector(".wb-analysis img.wb-frontier-chart", timeout=TIMEOUT)
        assert "Efficient frontier" in page.get_attribute(".wb-frontier-chart", "alt")
        assert page.locator(".wb-decisions li").count() == 17
        assert "points of value" in page.inner_text(".wb-givens-panel")
        assert page.locator("table.wb-fair-groups tbody tr").count() == 6
        _audited(page, "meeting-5-trade-offs")
