"""Accessibility of the meeting page: an axe-core audit and keyboard use, in real Chromium."""

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


def test_no_serious_or_critical_violations_and_keyboard_works(tmp_path):
    require_chromium()
    require_axe()
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, browser_page() as page:
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector(".wb-analysis img.wb-frontier-chart", timeout=TIMEOUT)
        assert serious_violations(page) == []
        page.locator(".wb-weights .lm-TabBar-tab").nth(2).click()      # sliders drawn later
        page.wait_for_selector(".wb-slider-staff-carbon .noUi-handle[aria-label]",
                               timeout=TIMEOUT)
        assert serious_violations(page) == []
        # Keyboard: focus a slider handle and press the arrow key.
        handle = page.locator(".wb-slider-staff-carbon .noUi-handle")
        readout = page.locator(".wb-slider-staff-carbon .widget-readout")
        before = float(readout.inner_text())
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "b => parseFloat(document.querySelector("
            "'.wb-slider-staff-carbon .widget-readout').innerText) > b", arg=before,
            timeout=TIMEOUT)
        assert handle.get_attribute("aria-label") == "Low carbon"
        screenshot(page, "accessibility-keyboard")
