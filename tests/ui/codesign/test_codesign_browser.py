"""The specification and contract terms set with the groups, in real Chromium against a real
Voilà server and a real SQLite meeting store: the facilitator proposes a requirement and a
term; two panels (one on a phone at 390x844, one at 1366x768) give different priorities and
positions from their own pages (the phone page still within four screens with the section
folded); the facilitator sees both beside the agreed priority, answers the one that
differs, agrees the term and answers the amendment; the panel sees the answer; the HTML
document shows it all. Axe clean at every step (``checked``)."""

from __future__ import annotations

import base64
import html

import pytest

from tests.conftest import SCENARIOS
from tests.server.http import get
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from tests.ui.panel.phone import DESKTOP, PHONE, content_height, widest
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
SUBMIT = "Submit our priorities and views"
SECTION = "Show: 9. Specification and contract terms"
REQUIREMENT = "Carers arrive within <b>15 minutes</b> of the agreed time"


def _ready(page, css: str) -> None:
    page.wait_for_selector(f"{css}:not([disabled])", timeout=TIMEOUT)


def _type(page, css: str, text: str) -> None:
    box = page.locator(css)
    box.fill(text)
    box.press("Tab")          # sent when it loses focus


def _panel(browser, root: str, link: str, viewport, touch: bool):
    page = browser.new_context(viewport=viewport, has_touch=touch).new_page()
    page.goto(root + link, timeout=TIMEOUT)
    page.get_by_role("button", name=SUBMIT).wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name=SECTION).wait_for(timeout=TIMEOUT)
    return page


def _option(page, css: str, text: str) -> str:
    """The label of the one option of a dropdown that names ``text``."""
    return page.locator(f"{css} option", has_text=text).inner_text().strip()


def _give(page, priority: str, stance: str, text: str = "") -> None:
    page.get_by_role("button", name=SECTION).click()
    page.locator(".wb-priority-value select").select_option(label=priority)
    page.get_by_role("button", name="Send our priority").click()
    page.locator(".wb-note-priority [role=status]").wait_for(timeout=TIMEOUT)
    _ready(page, ".wb-priority-send")
    page.get_by_role("radio", name=stance).check()
    if text:
        _type(page, ".wb-position-text textarea", text)
    page.get_by_role("button", name="Send our position").click()
    page.locator(".wb-note-position [role=status]").wait_for(timeout=TIMEOUT)
    _ready(page, ".wb-position-send")


def test_groups_set_the_specification_and_terms_with_the_facilitator(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Spec")
    links = new.links("")
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        root = base.rstrip("/")
        refused = get(base, f"/voila/render/specification.ipynb?meeting={new.id}&token="
                            f"{new.panel_tokens['staff']}")      # a panel's link
        assert refused.status == 403 and "the facilitator's link" in \
            html.unescape(refused.body)
        desk = browser.new_context(viewport=DESKTOP).new_page()
        desk.goto(root + links["specification"], timeout=TIMEOUT)
        desk.get_by_role("heading", name="Specification and contract terms").wait_for(
            timeout=TIMEOUT)
        assert "No requirement or term for this service yet" in desk.inner_text("body")
        _type(desk, ".wb-recorded-by input", "Jo Patel, commissioning officer")
        _type(desk, ".wb-new-requirement textarea", REQUIREMENT)
        desk.locator(".wb-new-requirement-kind select").select_option(label="Service standard")
        desk.get_by_role("button", name="Propose this requirement").click()
        desk.locator(".wb-note-requirement [role=status]").wait_for(timeout=TIMEOUT)
        desk.locator(".wb-new-term-topic select").select_option(label="Length of the contract")
        _type(desk, ".wb-new-term textarea", "Five years, with no break")
        _ready(desk, ".wb-propose-term")
        desk.get_by_role("button", name="Propose this term").click()
        desk.locator(".wb-note-term [role=status]").wait_for(timeout=TIMEOUT)
        assert REQUIREMENT in desk.locator(".wb-overview").inner_text()   # as typed
        checked(desk, "codesign-1366-1-proposed")

        # two panels, each on its own page
        phone = _panel(browser, root, links["tenants"], PHONE, True)
        height = content_height(phone)
        assert height <= 4 * PHONE["height"], f"the panel page is {height} px tall folded"
        staff = _panel(browser, root, links["staff"], DESKTOP, False)
        _give(phone, "Must have", "We ask to amend it", "Three years, then a review")
        assert "yours: Must have" in phone.locator(".wb-codesign-cards").inner_text()
        assert widest(phone) <= PHONE["width"]
        checked(phone, "codesign-panel-390-given")
        _give(staff, "Could have", "We support it")
        checked(staff, "codesign-panel-1366-given")

        # the facilitator sees both beside the agreed priority, and answers
        desk.wait_for_function("() => /Could have/.test(document.querySelector("
                               "'.wb-overview').innerText)", timeout=TIMEOUT)
        table = desk.locator(".wb-overview table").first.inner_text()
        assert "Agreed priority" in table and "Must have" in table and "Could have" in table
        assert "1 group priority differs" in desk.locator(".wb-waiting").inner_text()
        desk.locator(".wb-priority-answer-which select").select_option(
            label=_option(desk, ".wb-priority-answer-which", "Staff and trade unions"))
        desk.locator(".wb-priority-answer-state select").select_option(label="Partly accepted")
        _type(desk, ".wb-priority-answer-text textarea", "Within 30 minutes at weekends")
        desk.locator(".wb-priority-answer-send").click()
        desk.locator(".wb-note-priority_answer [role=status]").wait_for(timeout=TIMEOUT)
        _type(desk, ".wb-agree-text textarea", "Three years, with a review in year two")
        _ready(desk, ".wb-agree-send")
        desk.get_by_role("button", name="Record the agreed term").click()
        desk.locator(".wb-note-agree [role=status]").wait_for(timeout=TIMEOUT)
        desk.locator(".wb-position-answer-which select").select_option(
            label=_option(desk, ".wb-position-answer-which", "Council tenants"))
        desk.locator(".wb-position-answer-state select").select_option(label="Accepted")
        desk.locator(".wb-position-answer-send").click()
        desk.locator(".wb-note-position_answer [role=status]").wait_for(timeout=TIMEOUT)
        overview = desk.locator(".wb-overview").inner_text()
        assert "Partly accepted. Within 30 minutes at weekends" in overview
        assert "Three years, with a review in year two" in overview
        checked(desk, "codesign-1366-2-answered")

        # the panel sees the answer to its amendment without a reload
        phone.wait_for_function("() => /Answer to you: accepted/.test("
                                "document.body.innerText)", timeout=TIMEOUT)
        checked(phone, "codesign-panel-390-answered")

        # the document
        desk.get_by_role("button", name="Prepare the documents").click()
        link = desk.get_by_role("link", name="Download the web page")
        link.wait_for(timeout=TIMEOUT)
        href = link.get_attribute("href")
        page = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
        assert desk.get_by_role("link", name="Download the Word document").count() == 1
        document = browser.new_context(viewport=PHONE).new_page()
        document.set_content(page)
        text = document.inner_text("body")
        assert "Specification and contract terms: Home care for older and disabled adults" \
            in text
        assert REQUIREMENT in text and "<b>" not in document.inner_html("main") \
            .replace("&lt;b&gt;", "")
        assert "Staff and trade unions gave \u201cCould have\u201d; agreed \u201cMust " \
            "have\u201d. Partly accepted." in text
        assert "Three years, with a review in year two" in text and "Asks to amend" in text
        checked(document, "codesign-document-390")

        # the facilitator's page on a phone: nothing scrolls sideways but its tables' boxes
        small = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        small.goto(root + links["specification"], timeout=TIMEOUT)
        small.get_by_role("heading", name="Answer a position on a term").wait_for(
            timeout=TIMEOUT)
        assert widest(small) <= PHONE["width"]
        checked(small, "codesign-390-facilitator")
