"""Opting out of one stage and back in, in real Chromium against a real Voilà server and a
real SQLite store: a tenants' panel on a phone opts out of the stage running today with its
reason, the facilitator's page lists it as opted out of that stage, and the panel opts back
in; axe clean at 390x844 and 1366x768."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_axe, require_chromium, voila_server
from tests.ui.meeting.pages import checked
from tests.ui.panel.phone import DESKTOP, PHONE
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
STAGE = "Make-or-buy and allocation"
REASON = "Our members vote on it first <b>next month</b>"


def _riverside_with_a_stage_running_today() -> str:
    data = yaml.safe_load((SCENARIOS / "riverside.yaml").read_text())
    today = date.today()
    for stage in data["engagement"]["stages"]:
        if stage["stage"] == STAGE:
            stage["from"] = str(today - timedelta(days=10))
            stage["to"] = str(today + timedelta(days=10))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_a_panel_opts_out_of_a_stage_and_back_in(tmp_path):
    require_chromium()
    require_axe()
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting(_riverside_with_a_stage_running_today(), name="Stages")
    links = new.links("")
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      store=url) as base, chromium() as browser:
        phone = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        phone.goto(base.rstrip("/") + links["tenants"], timeout=TIMEOUT)
        phone.wait_for_selector(".wb-submit", timeout=TIMEOUT)
        phone.get_by_role("button", name=re.compile("Show: 7. Taking part")).click()
        phone.get_by_role("combobox", name="Opt out of").select_option(
            label=f"the {STAGE} stage")
        out = phone.get_by_role("button", name=f"Opt our group out of the {STAGE} stage")
        out.wait_for(timeout=TIMEOUT)
        phone.get_by_role("textbox", name=re.compile("Why your group opts out")).fill(REASON)
        out.click()
        status = phone.locator(".wb-optout-status")
        phone.wait_for_function(
            "() => /opted out of the Make-or-buy/.test(document.querySelector("
            "'.wb-optout-status').innerText)", timeout=TIMEOUT)
        said = status.inner_text()
        assert f"the {STAGE} stage ({REASON})" in said and "counts as 0 now" in said
        expect(phone.get_by_role("textbox", name=re.compile("Why your group opts out"))) \
            .to_have_value("", timeout=TIMEOUT)                    # the form starts afresh
        back = phone.get_by_role("button", name=f"Opt back in to the {STAGE} stage")
        back.wait_for(timeout=TIMEOUT)
        checked(phone, "optout-390-stage")

        desk = browser.new_context(viewport=DESKTOP).new_page()
        desk.goto(base.rstrip("/") + links["facilitator"], timeout=TIMEOUT)
        desk.get_by_role("button", name="Adopt this decision").wait_for(timeout=TIMEOUT)
        desk.wait_for_function(
            "() => document.body.innerText.includes('opted out of the Make-or-buy')",
            timeout=TIMEOUT)
        assert f"opted out of the {STAGE} stage ({REASON})" in desk.inner_text("body")
        assert "0 of 6 panels have submitted (1 opted out)" in desk.inner_text(".wb-waiting")
        assert desk.locator("b", has_text="next month").count() == 0      # shown as text
        checked(desk, "optout-1366-facilitator")

        back.click()
        phone.wait_for_function(
            "() => /taking part in this meeting/.test(document.querySelector("
            "'.wb-optout-status').innerText)", timeout=TIMEOUT)
        expect(phone.get_by_role("button", name=f"Opt back in to the {STAGE} stage")) \
            .to_have_count(0, timeout=TIMEOUT)
        checked(phone, "optout-390-back-in")
    with MeetingStore(url) as store:
        kinds = [(e.kind, e.detail.get("stage")) for e in store.audit(new.id)
                 if e.kind in ("opted_out", "opted_in")]
    assert kinds == [("opted_out", STAGE), ("opted_in", STAGE)]
