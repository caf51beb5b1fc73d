"""What the meeting and facilitator pages' browser tests check on every page they reach:
the whole page in a screenshot, nothing wider than the screen, no serious axe finding."""

from __future__ import annotations

from tests.ui.browser import screenshot, serious_violations

# Voilà 0.5 scrolls the page inside a panel, not the document: measure that panel.
SCROLLER = ("() => [...document.querySelectorAll('.lm-BoxPanel-child, body, html')]"
            ".map(e => [e.scrollWidth, e.clientWidth, e.scrollHeight])")


def page_height(page) -> int:
    return max(h for _, _, h in page.evaluate(SCROLLER))


def whole_page(page, name: str) -> None:
    """A screenshot of the whole page: the viewport made as tall as the page for a moment
    (a full-page shot alone shows only what the panel shows)."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(page_height(page), 12000)})
    try:
        page.wait_for_timeout(200)
        screenshot(page, name)
    finally:
        page.set_viewport_size(size)


def no_sideways_scroll(page) -> None:
    """Nothing on the page is wider than the screen (a table may scroll in its own box)."""
    wide = [(w, c) for w, c, _ in page.evaluate(SCROLLER) if w > c + 1]
    assert wide == [], f"the page scrolls sideways at {page.viewport_size['width']} px: {wide}"


def checked(page, name: str) -> None:
    """A screenshot of this state, no sideways scroll, and no serious or critical axe-core
    violation in it."""
    whole_page(page, name)
    no_sideways_scroll(page)
    found = serious_violations(page)
    assert found == [], (name, found)
