"""The finance page served by Voilà (`workbench serve --app finance`), in headless Chromium:
review the allocation, download the workbook and CSV, prepare the record; axe-core audit."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
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
    with voila_server(tmp_path, path, app="finance") as url, browser_page() as page:
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector("table.wb-allocation", timeout=TIMEOUT)
        assert page.locator("table.wb-allocation tbody tr").count() == 17 + 1   # and total
        assert "Traceback" not in page.inner_text("body")
        with page.expect_download(timeout=TIMEOUT) as caught:
            page.click("a.wb-download-xlsx")
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
            page.click("a.wb-download-csv")
        csv = pd.read_csv(caught.value.path())
        assert len(csv) == 17
        assert serious_violations(page) == []
        page.click("button.wb-make-record")
        page.wait_for_selector("a.wb-download-html", timeout=TIMEOUT)
        with page.expect_download(timeout=TIMEOUT) as caught:
            page.click("a.wb-download-html")
        assert "Decision record: Riverside" in caught.value.path().read_text()
        screenshot(page, "finance-riverside")
