"""The facilitator's review page in real Chromium against a real Voilà server and a real
SQLite meeting store: a bad results file refused with row and column, a year of results
imported, the reviews due with their reasons, a challenge lodged meanwhile answered, a
review opened and closed with the reopened scenario to download; axe clean and no sideways
scroll on a laptop and a phone."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.conftest import SCENARIOS
from tests.monitoring.results_model import monthly_results, results_csv, riverside_monitored
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000


def _import(page, path) -> None:
    """Choose ``path`` in the results upload (the file input its button opens) and press
    Import results."""
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        page.get_by_role("button", name=re.compile("Choose a results file")).click()
    chooser.value.element.set_input_files(str(path))
    page.wait_for_selector(f".wb-chosen-file >> text={path.name}", timeout=TIMEOUT)
    page.get_by_role("button", name="Import results").click()


def test_the_facilitator_imports_results_answers_a_challenge_and_closes_a_review(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(),
                                   name="Riverside review", source="riverside.yaml")
    links = new.links("")
    assert "review.ipynb" in links["review"]
    good = tmp_path / "year.csv"
    good.write_text(results_csv(monthly_results(riverside_monitored())))
    bad = tmp_path / "bad.csv"
    bad.write_text("service,measure,period,value\nhome_care,hc_on_time,2027-04,ninety\n")
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        page.goto(base.rstrip("/") + links["review"], timeout=TIMEOUT)
        page.get_by_role("heading", name="Monitoring and review: Riverside review").wait_for(
            timeout=TIMEOUT)
        assert "No results have been imported yet" in page.inner_text(".wb-note-due")
        checked(page, "review-1366-1-opened")

        _import(page, bad)
        page.wait_for_selector(".wb-import-problems [role=alert]", timeout=TIMEOUT)
        assert "bad.csv: row 2, column value: must be a number (got 'ninety')" in \
            page.inner_text(".wb-import-problems")
        assert "nothing was imported" in page.inner_text(".wb-note-import").lower()

        _import(page, good)
        page.wait_for_selector(".wb-note-import .wb-msg-success", timeout=TIMEOUT)
        assert "Imported 80 results from year.csv" in page.inner_text(".wb-note-import")
        assert page.locator(".wb-import-problems [role=alert]").count() == 0
        due = page.locator(".wb-due-list")
        due.get_by_text("“Visits started within 30 minutes of the planned time” missed 3 "
                        "times running").wait_for(timeout=TIMEOUT)
        assert "the contract for “Waste contract with Enviro Services Ltd (today, runs to March " \
            "2030)” ends on 31 March 2030" in due.inner_text()
        assert "hc_on_time" not in due.inner_text()
        assert page.get_by_role("textbox", name="As of (YYYY-MM)").input_value() == "2028-03"
        assert page.locator(".wb-trends-panel img").count() == 8
        assert "requires improvement" in page.inner_text(".wb-ratings-panel")
        checked(page, "review-1366-2-imported")

        with MeetingStore(url) as store:       # a resident challenges, from the public link
            store.lodge_challenge(new.id, service="home_care", grounds="quality",
                                  text="Carers come an hour late", challenger="Ann Reader",
                                  contact="ann@example.org",
                                  lodged=date.today() - timedelta(days=40))
        card = page.locator(".wb-challenge")
        card.wait_for(timeout=TIMEOUT)         # the poll brings it in, no reload
        assert "Ann Reader" in card.inner_text() and "ann@example.org" in card.inner_text()
        assert "OVERDUE" in card.inner_text()                   # 40 days unanswered
        form = page.locator(".wb-form", has=card)
        form.get_by_role("combobox", name="Answer").select_option(label="partly accepted")
        form.get_by_role("textbox", name=re.compile("Answer text")).fill(
            "We are changing the rotas from April")
        form.get_by_role("textbox", name="Answered by").fill("Head of Adult Care")
        form.get_by_role("button", name="Send this answer").click()
        form.locator(".wb-msg-success").wait_for(timeout=TIMEOUT)
        assert "Answered: partly accepted, by Head of Adult Care" in form.inner_text()
        assert "OVERDUE" not in page.inner_text(".wb-challenge")
        checked(page, "review-1366-3-answered")

        open_waste = page.get_by_role("button", name=re.compile("Open a review of Household waste"))
        open_waste.click()
        page.wait_for_function("() => /Say who opens the review/.test(document.querySelector("
                               "'.wb-note-due').innerText)", timeout=TIMEOUT)
        page.get_by_role("textbox", name="Opened by").fill("Head of Waste Services")
        open_waste.click()
        close = page.get_by_role("button", name="Close this review")
        close.wait_for(timeout=TIMEOUT)
        opened = page.locator(".wb-open-reviews")
        assert "“Missed bins per 100,000 collections” missed 3 times running" in opened.inner_text()
        opened.get_by_role("combobox", name="Outcome").select_option(label="revise")
        opened.get_by_role("textbox", name="Response to publish").fill(
            "We will retender the waste contract")
        opened.get_by_role("textbox", name="Closed by").fill("Director of Place")
        close.click()
        said = opened.locator("[role=alert]")
        said.wait_for(timeout=TIMEOUT)              # revise without changes: refused
        assert "needs the changes" in said.inner_text()
        assert opened.get_by_role("textbox", name="Response to publish").input_value() == \
            "We will retender the waste contract"   # nothing typed was lost
        opened.get_by_role("textbox", name="Changes (needed for revise)").fill(
            "Three KPIs and a break clause")
        close.click()
        link = page.get_by_role("link", name=re.compile("Download the new scenario"))
        link.wait_for(timeout=TIMEOUT)
        assert link.get_attribute("download") == \
            "riverside-after-review-waste_collection.yaml"
        assert "We will retender the waste contract" in page.inner_text(".wb-closed-reviews")
        assert "No review is open" in page.inner_text(".wb-open-reviews")
        checked(page, "review-1366-4-closed")

        phone = browser.new_context(viewport={"width": 390, "height": 844},
                                    has_touch=True).new_page()
        phone.goto(base.rstrip("/") + links["review"], timeout=TIMEOUT)
        phone.locator(".wb-closed-review").wait_for(timeout=TIMEOUT)
        checked(phone, "review-390-opened")

    with MeetingStore(url) as store:
        (review,) = store.reviews(new.id)
        assert review.review.outcome == "revise" and review.closed_by == "Director of Place"
        assert store.challenges(new.id)[0].state == "partly_accepted"
