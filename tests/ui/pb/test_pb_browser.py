"""The PB page served by `workbench serve` (the meeting app, at /pb) in headless Chromium:
the three rules side by side on the bundled election with coverage and budget share, a bad
upload's problem with its line in words (the election stays), a good upload's outcome, the
export; at 1366x768 and 390x844, axe-clean in each state."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCENARIOS
from tests.pb.make import pb_text
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from tests.ui.panel.phone import DESKTOP, PHONE
from workbench.paths import EXAMPLE_ELECTION
from workbench.pb import coverage, election_text, parse_election, read_election
from workbench.pb.compare import compare
from workbench.pb.generate import synthetic_election

pytestmark = pytest.mark.browser
TIMEOUT = 120_000
SMALL = pb_text(100, {"A": 60, "B": 30, "C": 50}, ["A", "A,B", "C", "B", "C"])


def upload(page, path) -> None:
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        page.get_by_role("button", name=re.compile("Upload a .pb file")).click()
    chooser.value.set_files(str(path))


def summary_rows(page) -> dict[str, list[str]]:
    """The rules side by side (one table each): row title -> the three rules' figures."""
    tables = page.evaluate("""() => [...document.querySelectorAll('table.wb-pb-summary')]
        .map(t => [t.querySelector('caption').innerText.trim(), Object.fromEntries(
          [...t.querySelectorAll('tbody tr')].map(r => [r.querySelector('th').innerText
            .trim(), r.querySelector('td').innerText.trim()]))])""")
    assert [title for title, _ in tables] == ["Utilitarian", "Greedy",
                                              "Method of Equal Shares"]
    return {name: [rows[name] for _, rows in tables] for name in tables[0][1]}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366x768", "390x844"])
def test_pb_page(tmp_path, viewport):
    require_chromium()
    require_axe()
    size = f"{viewport['width']}x{viewport['height']}"
    example = read_election(EXAMPLE_ELECTION)
    expected = compare(example)
    bad = tmp_path / "broken.pb"
    bad.write_text(SMALL.replace("2;A,B", "2;A,Z"))
    good = tmp_path / "small.pb"
    good.write_text(SMALL)
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, chromium() as browser:
        page = browser.new_context(viewport=viewport,
                                   has_touch=viewport is PHONE).new_page()
        page.goto(f"{url}pb", timeout=TIMEOUT)
        page.wait_for_selector("table.wb-pb-summary", timeout=TIMEOUT)
        body = page.inner_text("body")
        assert "Traceback" not in body
        assert "Local PB in Warszawa, Mokotów | Służewiec" in body
        heads = page.locator("table.wb-pb-projects thead th").all_inner_texts()
        assert heads == ["Project", "Cost", "Votes", "Utilitarian", "Greedy", "Equal shares"]
        rows = summary_rows(page)
        for k, rule in enumerate(expected):
            got = coverage(example, expected[rule])
            assert rows["Share of the budget spent"][k] == f"{got.share_spent:.1%}"
            assert rows["Voters with at least one project they voted for funded"][k] == \
                f"{got.voters_served:,} of 1,006"
            assert rows["Share of voters with one of their projects funded"][k] == \
                f"{got.share_served:.1%}"
            assert rows["Projects funded"][k] == str(len(expected[rule].selected))
        # Project 710 (the dog run) is funded by equal shares only.
        dogs = page.locator("table.wb-pb-projects tbody tr", has_text="Wybieg dla psów")
        assert dogs.locator("td").all_inner_texts()[-3:] == ["Not funded", "Not funded",
                                                             "Funded"]
        assert page.get_by_role("button", name="Cancel").is_hidden()
        assert page.get_by_role("button", name=re.compile("Open the example")).is_enabled()
        checked(page, f"pb-example-{size}")

        with page.expect_download(timeout=TIMEOUT) as caught:
            page.get_by_role("link", name="Download this election (.pb file)").click()
        assert caught.value.suggested_filename == "Poland_Warszawa_2019_Sluzewiec.pb"
        assert parse_election(caught.value.path().read_text(), "x.pb") == example

        upload(page, bad)
        page.wait_for_selector(".wb-problem-list", timeout=TIMEOUT)
        said = page.inner_text(".wb-source-message")
        assert "broken.pb was not opened: 1 problem(s)" in said
        assert "Służewiec is still shown" in said
        assert page.inner_text(".wb-problem-list") == (
            "broken.pb: VOTES, voter '2': vote: names project 'Z', which is not in PROJECTS "
            "(line 14)")
        assert "Local PB in Warszawa" in page.inner_text(".wb-pb-about")
        checked(page, f"pb-bad-upload-{size}")

        upload(page, good)
        page.wait_for_function("() => document.querySelector('.wb-pb-about')"
                               "?.innerText.includes('small.pb')", timeout=TIMEOUT)
        assert page.locator(".wb-problem-list").count() == 0
        rows = summary_rows(page)
        small = compare(parse_election(SMALL, "small.pb"))
        assert rows["Projects funded"] == [str(len(small[r].selected)) for r in small]
        for k, rule in enumerate(small):
            got = coverage(parse_election(SMALL, "small.pb"), small[rule])
            assert rows["Voters with at least one project they voted for funded"][k] == \
                f"{got.voters_served} of 5"
            assert rows["Share of the budget spent"][k] == f"{got.share_spent:.1%}"
        assert "Opened" in page.inner_text(".wb-source-message")
        checked(page, f"pb-small-{size}")


def test_a_large_election_runs_in_the_background_and_can_be_cancelled(tmp_path):
    """40,000 voters and 300 projects (4.8 MB, under the 5 MB upload limit): the page says
    it is working, with a progress bar and Cancel, the upload and the example off; Cancel
    stops it and the example stays on screen."""
    require_chromium()
    require_axe()
    big = tmp_path / "big.pb"
    big.write_text(election_text(synthetic_election(voters=40_000, projects=300, seed=4,
                                                    neighbourhoods=8)))
    assert big.stat().st_size < 5_000_000
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, chromium() as browser:
        page = browser.new_context(viewport=DESKTOP).new_page()
        page.goto(f"{url}pb", timeout=TIMEOUT)
        page.wait_for_selector("table.wb-pb-summary", timeout=TIMEOUT)
        upload(page, big)
        cancel = page.get_by_role("button", name="Cancel")
        cancel.wait_for(state="visible", timeout=TIMEOUT)
        assert page.locator(".wb-progress").is_visible()
        assert "Working out the outcomes of Synthetic approval election" in \
            page.inner_text(".wb-progress-text")
        assert page.get_by_role("button", name=re.compile("Open the example")).is_disabled()
        assert page.get_by_role("button", name=re.compile("Upload a .pb file")).is_disabled()
        checked(page, "pb-working-1366x768")
        cancel.click()
        page.wait_for_selector(".wb-run-message .wb-msg-warning", timeout=TIMEOUT)
        said = page.inner_text(".wb-run-message")
        assert said.startswith("Cancelled: Synthetic approval election (seed 4) was not "
                               "opened.") and "Służewiec is still shown" in said
        assert "Służewiec" in page.inner_text(".wb-pb-about")
        cancel.wait_for(state="hidden", timeout=TIMEOUT)
        assert page.get_by_role("button", name=re.compile("Open the example")).is_enabled()
        checked(page, "pb-cancelled-1366x768")


def test_the_meeting_page_links_to_the_pb_page(tmp_path):
    require_chromium()
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as url, chromium() as browser:
        page = browser.new_context(viewport=DESKTOP).new_page()
        page.goto(url, timeout=TIMEOUT)
        link = page.get_by_role("link", name="Open the participatory budgeting page")
        link.wait_for(timeout=TIMEOUT)
        link.click()
        page.wait_for_selector("table.wb-pb-summary", timeout=TIMEOUT)
        assert page.url == f"{url}pb"
        assert "Local PB in Warszawa" in page.inner_text(".wb-pb-about")
