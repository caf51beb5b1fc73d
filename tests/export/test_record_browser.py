"""The decision record and the "after the decision" page in real headless Chromium:
axe-core audit, no request leaves the file, no sideways scroll on a phone, and the record
prints to PDF."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, SCENARIOS
from tests.export.test_accountability import cycle, url  # noqa: F401  (fixtures)
from tests.export.test_record_cycle import adopted_with_everything
from tests.ui.browser import (
    browser_page,
    chromium,
    require_axe,
    require_chromium,
    screenshot,
    serious_violations,
)
from workbench.export import decision_from_file, record_html

pytestmark = pytest.mark.browser


ADOPTED = "riverside-adopted"     # adopted from a meeting, with every cycle section


def _record_file(tmp_path, name: str):
    """The record of a bundled scenario written to a file (after checking the browser and
    axe-core are there); ADOPTED is Riverside's officers' proposal adopted in a meeting, with
    a group opted out and views answered and not (tests/export/test_record_cycle.py)."""
    require_chromium()
    require_axe()
    if name == ADOPTED:
        _, _, decision = adopted_with_everything(f"sqlite:///{tmp_path / 'm.sqlite'}")
    else:
        decision = decision_from_file(SCENARIOS / f"{name}.yaml", with_analysis=True)
    path = tmp_path / "record.html"
    path.write_text(record_html(decision), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["riverside", "teaching", ADOPTED])
def test_record_passes_axe_and_makes_no_external_request(tmp_path, name):
    path = _record_file(tmp_path, name)
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


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("name", ["riverside", ADOPTED])
def test_record_fits_a_phone_without_sideways_scroll(tmp_path, name):
    """At 390x844 the page does not scroll sideways: wide tables scroll in their own box
    (from the keyboard too), the pictures scale; axe-core finds nothing serious."""
    path = _record_file(tmp_path, name)
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE, has_touch=True,
                                   device_scale_factor=1).new_page()
        page.goto(path.as_uri(), wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the record is {width} px wide on a phone"
        assert page.evaluate("document.body.scrollWidth") <= PHONE["width"]
        wider = page.evaluate("""[...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.scroll') || e.classList.contains('scroll'))
            .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
            .map(e => e.tagName + '.' + e.className)""")
        assert wider == []
        images = page.evaluate("[...document.images].map(i => i.getBoundingClientRect()"
                               ".width)")
        assert len(images) == 2 and all(0 < w <= PHONE["width"] for w in images)
        boxes = page.locator(".scroll")
        assert boxes.count() == page.locator("table").count()
        wide = page.evaluate("[...document.querySelectorAll('.scroll')]"
                             ".findIndex(b => b.scrollWidth > b.clientWidth)")
        assert wide >= 0, "riverside's weights table is wider than a phone"
        box = boxes.nth(wide)
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("i => document.querySelectorAll('.scroll')[i].scrollLeft > 0",
                               arg=wide, timeout=10_000)
        assert page.evaluate("document.documentElement.scrollLeft") == 0
        assert serious_violations(page) == []
        screenshot(page, f"record-{name}-phone-390x844")


def test_the_after_the_decision_page_passes_axe_on_a_phone(tmp_path, cycle):  # noqa: F811
    """The accountability page (tests/export/test_accountability.py's meeting): nothing
    serious for axe-core, no sideways scroll at 390x844, no request leaving the file."""
    require_chromium()
    require_axe()
    *_, html = cycle
    path = tmp_path / "after.html"
    path.write_text(html, encoding="utf-8")
    with chromium() as browser:
        page = browser.new_context(viewport=PHONE, has_touch=True,
                                   device_scale_factor=1).new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        assert all(u.startswith(("file:", "data:")) for u in requests)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.get_by_role("heading", name="Challenges and their answers").count() == 1
        assert serious_violations(page) == []
        screenshot(page, "after-the-decision-phone-390x844")
