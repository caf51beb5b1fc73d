"""A participatory-budgeting vote in real Chromium against a real Voilà server and a real
SQLite store: a small approval vote made from a meeting's needs register (only the accepted
needs with a cost), three voters vote through their own voter links (separate browsers,
one on a phone; one changes their ballot), and the facilitator's PB page shows the ballots
under the three rules side by side, how many links voted, and closes the vote."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from tests.ui.panel.phone import DESKTOP, PHONE, widest
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
SEND = "Send my ballot"


def _vote(url: str):
    with MeetingStore(url) as store:
        meeting = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(),
                                       name="Riverside")
        staff, f = meeting.panel_tokens["staff"], meeting.facilitator_token
        numbers = []
        for text in ("A bus to the clinic", "Benches by the river", "Longer library hours",
                     "A <b>skate</b> park"):
            numbers.append(str(store.propose_need(meeting.id, staff, text, "Residents",
                                                  None).version))
        for number in numbers[:3]:
            store.answer(meeting.id, f, f"need:{number}", "accepted", "Yes", "The council")
        store.answer(meeting.id, f, f"need:{numbers[3]}", "rejected", "No room", "Council")
        costs = {numbers[0]: Fraction(600), numbers[1]: Fraction(300),
                 numbers[2]: Fraction(500), numbers[3]: Fraction(100)}
        return store.create_vote_from_needs(meeting.id, 1000, 3, costs)


def _ballot(browser, root: str, link: str, ticks: list[str], viewport, shot: str):
    page = browser.new_context(viewport=viewport, has_touch=viewport is PHONE).new_page()
    page.goto(root + link, timeout=TIMEOUT)
    page.get_by_role("button", name=SEND).wait_for(timeout=TIMEOUT)
    for name in ticks:
        page.get_by_role("checkbox", name=name).check()
    page.get_by_role("button", name=SEND).click()
    page.locator(".wb-submit-message [role=status]").wait_for(timeout=TIMEOUT)
    checked(page, shot)
    return page


def test_three_voters_vote_and_the_facilitator_sees_the_outcome(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    made = _vote(url)
    links = made.links("")
    voters = list(made.voter_tokens)
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        root = base.rstrip("/")
        phone = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        phone.goto(root + links[voters[0]], timeout=TIMEOUT)
        phone.get_by_role("button", name=SEND).wait_for(timeout=TIMEOUT)
        text = phone.inner_text("body")
        assert "budget of £1,000" in text and "cost more than the budget" in text
        assert "replaces the old one until the vote closes" in text
        assert "skate" not in text                           # rejected: not on the ballot
        assert phone.get_by_role("checkbox").count() == 3
        checked(phone, "ballot-390-1-opened")
        phone.get_by_role("checkbox", name="A bus to the clinic (£600)").tap()
        phone.get_by_role("checkbox", name="Longer library hours (£500)").tap()
        assert "cost £1,100 together" in phone.locator(".wb-budget-note").inner_text()
        phone.get_by_role("button", name=SEND).tap()
        phone.locator(".wb-submit-message [role=status]").wait_for(timeout=TIMEOUT)
        assert "Your ballot is in: it approves 2 project(s)" in phone.inner_text("body")
        assert widest(phone) <= PHONE["width"]
        checked(phone, "ballot-390-2-sent")
        # the phone's voter changes their mind: the new ballot replaces the old one
        phone.get_by_role("checkbox", name="Longer library hours (£500)").tap()
        phone.get_by_role("checkbox", name="Benches by the river (£300)").tap()
        phone.get_by_role("button", name="Send my new ballot").tap()
        phone.wait_for_function(
            "() => /Your new ballot replaced the old one/.test(document.body.innerText)",
            timeout=TIMEOUT)

        _ballot(browser, root, links[voters[1]], ["Benches by the river (£300)",
                                                  "Longer library hours (£500)"],
                DESKTOP, "ballot-1366-sent")
        _ballot(browser, root, links[voters[2]], ["Longer library hours (£500)"], PHONE,
                "ballot-390-3-third")

        result = browser.new_context(viewport=DESKTOP).new_page()
        result.goto(root + links["facilitator"], timeout=TIMEOUT)
        result.get_by_role("heading", name="The outcome under each rule").wait_for(
            timeout=TIMEOUT)
        status = result.locator(".wb-vote-status").inner_text()
        assert "3 of 3 voter links have voted (4 ballots sent" in status
        summary = result.locator(".wb-pb-summary-box").inner_text()
        for title in ("Utilitarian", "Greedy", "Method of Equal Shares"):
            assert title in summary
        assert "Share of the budget spent" in summary
        projects = result.locator(".wb-pb-projects-box").inner_text()
        assert "A bus to the clinic" in projects and "skate" not in projects
        checked(result, "ballot-result-1366-open")
        result.get_by_role("button", name="Close the vote").click()
        result.wait_for_function("() => /The vote is closed: no ballot/.test("
                                 "document.body.innerText)", timeout=TIMEOUT)
        assert result.get_by_role("link", name="Download this election (.pb file)") \
            .count() == 1
        checked(result, "ballot-result-1366-closed")

        phone.reload(timeout=TIMEOUT)
        phone.get_by_role("button", name="Send my new ballot").wait_for(timeout=TIMEOUT)
        assert phone.get_by_role("button", name="Send my new ballot").is_disabled()
        assert "The vote is closed. Your ballot, approving 2 project(s), is final." in \
            phone.inner_text("body")
        checked(phone, "ballot-390-4-closed")
