"""The meeting page on narrow screens, by touch and by keyboard, in real Chromium: nothing
scrolls sideways at 360, 390 and 430 px, every control is at least 24x24 px, a tab and a
weight work with a tap, a slider with the arrow keys and Tab moves on to its typed box; and
axe-core finds nothing serious or critical."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked, no_sideways_scroll

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
STAFF = "Staff and trade unions"

TARGETS = ".wb-app button, .wb-app input, .wb-app select, .wb-app .noUi-handle, " \
    ".wb-app .lm-TabBar-tab"
SMALL_TARGETS = """() => [...document.querySelectorAll('""" + TARGETS + """')]
  .filter(e => e.offsetParent !== null && !e.closest('.wb-points .widget-label'))
  .map(e => [e.getBoundingClientRect(), e.textContent.trim().slice(0, 30) || e.tagName])
  .filter(([r]) => r.width > 0 && (r.width < 24 || r.height < 24))
  .map(([r, name]) => name + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))"""


@pytest.mark.parametrize("width", [360, 390, 430])
def test_narrow_screens_by_touch_and_keyboard(tmp_path, width):
    require_chromium()
    require_axe()
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": 844},
                                      has_touch=True)
        page = context.new_page()
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
        no_sideways_scroll(page)
        assert page.evaluate(SMALL_TARGETS) == []

        # Touch: a group's tab, then its typed weight.
        page.get_by_role("tab", name=STAFF).tap()
        weights = page.locator(".wb-group-weights:visible")
        box = weights.get_by_role("spinbutton", name="Low carbon, weight 0 to 100")
        agreed = page.inner_text(".wb-agreed-panel")
        box.tap()
        box.fill("40")
        box.press("Enter")
        page.wait_for_timeout(300)
        page.wait_for_function("a => document.querySelector('.wb-agreed-panel').innerText "
                               "!== a", arg=agreed, timeout=TIMEOUT)
        page.wait_for_selector("button.wb-pin:not([disabled])", timeout=TIMEOUT)

        # Keyboard: the slider's handle takes the arrow keys; Tab goes on to its typed box.
        handle = weights.locator(".wb-slider-staff-carbon .noUi-handle")
        page.wait_for_selector(".wb-slider-staff-carbon .noUi-handle[aria-label]",
                               timeout=TIMEOUT)
        assert handle.get_attribute("aria-label") == "Low carbon"
        for attempt in range(3):     # a key pressed while the slider is off is not taken
            page.wait_for_selector(".wb-group-weights:visible .wb-slider-staff-carbon "
                                   ".noUi-target:not([disabled])", timeout=TIMEOUT)
            handle.focus()
            page.keyboard.press("ArrowRight")
            try:
                page.wait_for_function("el => parseFloat(el.value) > 40",
                                       arg=box.element_handle(), timeout=30_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        page.wait_for_timeout(300)      # controls are off while the kernel solves again
        page.wait_for_selector("button.wb-pin:not([disabled])", timeout=TIMEOUT)
        handle.focus()
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement === document.querySelector("
                             "'.wb-group-weights:not([style*=none]) .wb-points-staff-carbon "
                             "input') || document.activeElement.closest('.wb-points') "
                             "!== null")
        checked(page, f"meeting-{width}-touch-and-keyboard")
