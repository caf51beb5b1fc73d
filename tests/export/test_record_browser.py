"""The decision record in real headless Chromium: axe-core audit, no request leaves the file,
and it prints to PDF."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, SCENARIOS
from tests.ui.browser import (
    browser_page,
    require_axe,
    require_chromium,
    screenshot,
    serious_violations,
)
from workbench.export import decision_from_file, record_html

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", ["riverside", "teaching"])
def test_record_passes_axe_and_makes_no_external_request(tmp_path, name):
    require_chromium()
    require_axe()
    decision = decision_from_file(SCENARIOS / f"{name}.yaml", with_analysis=True)
    path = tmp_path / "record.html"
    path.write_text(record_html(decision), encoding="utf-8")
    with browser_page() as page:
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate("document.images.length") == 2
        assert page.evaluate("[...document.images].every(i => i.complete && "
                             "i.naturalWidth > 0)")
        leaving = [u for u in requests if not u.startswith(("file:", "data:"))]
        assert leaving == []
        assert requests == [path.as_uri()] or all(u.startswith(("file:", "data:"))
                                                  for u in requests)
        assert serious_violations(page) == []
        screenshot(page, f"record-{name}")
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = page.pdf(path=str(ARTIFACTS / f"record-{name}.pdf"), format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
