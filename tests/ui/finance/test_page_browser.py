"""The finance page served by Voilà (`workbench serve --app finance`), in headless Chromium:
review the allocation, download the workbook and CSV, prepare the record; on a phone (360,
390 and 430 px, by touch) and on a laptop; axe-core audit in each state."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import (
    chromium,
    require_axe,
    require_chromium,
    serious_violations,
    voila_server,
)
from tests.ui.panel.phone import DESKTOP, PHONE, fits_phones, screenshots
from workbench.export.tables import spend_title
from workbench.optimiser import recommend
from workbench.scenario import load_scenario

pytestmark = pytest.mark.browser
TIMEOUT = 120_000


def test_finance_page_downloads_reconcile(tmp_path):
    require_chromium()
    require_axe()
    path = SCENARIOS / "riverside.yaml"
    solved = recommend(load_scenario(path)).to_json()
    with voila_server(tmp_path, path, app="finance") as url, chromium() as browser:
        page = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector("table.wb-allocation", timeout=TIMEOUT)
        assert page.locator("table.wb-allocation tbody tr").count() == 17 + 1   # and total
        assert "Traceback" not in page.inner_text("body")
        assert "Opened Riverside" in page.inner_text(".wb-status")
        fits_phones(page, "opened")
        screenshots(page, "finance-phone-390x844")
        # The wide table scrolls inside its own box, from the keyboard too.
        table = page.locator(".wb-scroll").first
        table.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.wb-scroll').scrollLeft > 0",
                               timeout=10_000)
        with page.expect_download(timeout=TIMEOUT) as caught:
            page.get_by_role("link", name="Download the workbook (Excel)").tap()
        download = caught.value
        assert download.suggested_filename == "riverside-allocation.xlsx"
        book = download.path().read_bytes()
        rows = pd.read_excel(io.BytesIO(book), sheet_name="Allocation").iloc[:-1]
        assert dict(zip(rows["Service id"], rows["Option id"])) == solved["choices"]
        for year, spend in solved["spend"].items():
            assert abs(rows[spend_title(year)].sum() - spend) < 0.005
        assert not any(c.data_type == "f" for ws in openpyxl.load_workbook(
            io.BytesIO(book)).worksheets for row in ws.iter_rows() for c in row)
        with page.expect_download(timeout=TIMEOUT) as caught:
            page.get_by_role("link", name="Download the allocation (CSV)").tap()
        csv = pd.read_csv(caught.value.path())
        assert len(csv) == 17
        record = page.get_by_role("button", name="Prepare the decision record")
        record.tap()
        page.wait_for_selector("a.wb-download-html", timeout=TIMEOUT)
        said = page.locator(".wb-record-message")
        assert "record is ready" in said.inner_text()
        gap = said.bounding_box()["y"] - (record.bounding_box()["y"]
                                          + record.bounding_box()["height"])
        assert 0 <= gap <= 40, f"the record's message is {gap} px from its button"
        with page.expect_download(timeout=TIMEOUT) as caught:
            page.get_by_role("link", name="Download the decision record (HTML, to publish)"
                             ).tap()
        assert "Decision record: Riverside" in caught.value.path().read_text()
        fits_phones(page, "record ready")
        page.set_viewport_size(DESKTOP)
        assert serious_violations(page) == []
        screenshots(page, "finance-desktop-1366x768")
