"""What the panel's browser tests measure on a phone: sideways scrolling, the height of the
content, and screenshots of the whole page. Voilà scrolls the page inside #rendered_cells,
so the document alone would say nothing."""

from __future__ import annotations

from tests.conftest import ARTIFACTS
from tests.ui.browser import serious_violations

PHONES = (360, 390, 430)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
SCROLLER = "#rendered_cells"
WIDEST = f"""() => Math.max(document.documentElement.scrollWidth,
  (document.querySelector('{SCROLLER}') || document.body).scrollWidth)"""
HEIGHT = f"() => (document.querySelector('{SCROLLER}') || document.body).scrollHeight"


def widest(page) -> int:
    """The widest the page's content is (more than the viewport: it scrolls sideways)."""
    return page.evaluate(WIDEST)


def content_height(page) -> int:
    return page.evaluate(HEIGHT)


def screenshots(page, name: str) -> None:
    """The screen as it is (``NAME.png``) and the whole page (``NAME-full.png``)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate(f"document.querySelector('{SCROLLER}')?.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": content_height(page) + 20})
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}-full.png"))
    page.set_viewport_size(size)
    page.wait_for_timeout(300)


def note(name: str, line: str) -> None:
    """A measured figure, appended to test-artifacts/NAME.txt for the report."""
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / f"{name}.txt").open("a") as out:
        out.write(line + "\n")


def fits_phones(page, state: str) -> None:
    """At 360, 390 and 430 px the page does not scroll sideways, and axe-core finds no
    serious or critical violation (left at 390 x 844)."""
    for width in PHONES:
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        page.wait_for_timeout(300)
        assert widest(page) <= width, f"{state}: scrolls sideways at {width} px"
    page.set_viewport_size(PHONE)
    assert serious_violations(page) == [], state
