"""`make serve` serves the example: a real Voila server, read by headless Chromium."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import browser_page, require_chromium, screenshot, voila_server

pytestmark = pytest.mark.browser


def test_served_page_shows_givens_and_recommendation(tmp_path):
    require_chromium()
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, browser_page() as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector("table.wb-portfolio", timeout=120_000)
        text = page.inner_text("body")
        assert "Riverside Community Services Review" in text
        assert "Home care for older and disabled adults" in text
        assert "Care Act 2014" in text                     # givens, with reasons
        assert "Chief Finance Officer" in text             # and who answers for them
        assert "Traceback" not in text
        rows = page.locator("table.wb-portfolio tbody tr").count()
        assert rows == 17
        screenshot(page, "serve-riverside")
