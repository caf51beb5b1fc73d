"""A scenario whose every text field carries markup runs no script on any page or in the
published record; the text shows as written (issue 11: one escaping path, never markup).

The payloads set ``window.__xss`` (an ``onerror`` handler, a ``<script>``, an ``<svg
onload>``); a page passes when the flag is unset, no dialog opened, and the payload's text is
on the page as text."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.conftest import SCENARIOS
from tests.ui.browser import chromium, require_chromium, voila_server
from workbench.errors import ScenarioError
from workbench.scenario import parse_scenario
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
TIMEOUT = 180_000
PAYLOADS = ('<img src=x onerror="window.__xss=1">', "<script>window.__xss=1</script>",
            '<svg onload="window.__xss=1"></svg>')


def _marked(text: str, k: int) -> str:
    return f"{text} {PAYLOADS[k % len(PAYLOADS)]}"


def payload_scenario() -> str:
    """The teaching example with markup added to every free-text field (ids stay ids)."""
    data = yaml.safe_load((SCENARIOS / "teaching.yaml").read_text())
    k = 0

    def mark(holder: dict, key: str) -> None:
        nonlocal k
        holder[key] = _marked(str(holder.get(key, key)), k)
        k += 1

    mark(data, "name")
    mark(data, "organisation")
    for criterion in data["criteria"]:
        mark(criterion, "name")
        mark(criterion, "description")
    for group in data["stakeholders"]:
        mark(group, "name")
    for service in data["services"]:
        mark(service, "name")
        for option in service["options"]:
            mark(option, "name")
            mark(option, "provider")
    for given in data["givens"]:
        for key in ("reason", "owner", "source"):
            mark(given, key)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_markup_in_the_currency_is_refused_at_its_place():
    data = yaml.safe_load(payload_scenario())
    data["currency"] = PAYLOADS[0]
    with pytest.raises(ScenarioError, match="currency"):
        parse_scenario(yaml.safe_dump(data), "payload.yaml")


def _no_script_ran(page, where: str) -> None:
    assert page.evaluate("() => window.__xss") is None, f"a script ran on {where}"
    body = page.inner_text("body")
    assert "onerror=" in body or "<script>" in body or "onload=" in body, \
        f"{where} does not show the text as written"


def test_no_page_and_no_record_runs_a_script_from_the_scenario(tmp_path):
    require_chromium()
    text = payload_scenario()
    scenario = tmp_path / "payload.yaml"
    scenario.write_text(text)
    url = f"sqlite:///{tmp_path / 'payload.sqlite'}"
    with MeetingStore(url) as store:
        made = store.create_meeting(text)
        store.submit_weights(made.id, made.panel_tokens["users"], {"quality": 1, "access": 2},
                             comment=_marked("Our view", 0), dissent=_marked("We dissent", 1))
    record = tmp_path / "record.html"
    subprocess.run([sys.executable, "-m", "workbench.cli", "export", str(scenario), "--html",
                    str(record)], check=True, capture_output=True, timeout=300)
    dialogs: list[str] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.on("page", lambda p: p.on("dialog", lambda d: (dialogs.append(d.message),
                                                               d.dismiss())))
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(record.as_uri())
        _no_script_ran(page, "the decision record")
        with voila_server(tmp_path, scenario, app="meetings", store=url) as base:
            links = made.links(base.rstrip("/"))
            for who, ready in (("users", ".wb-panel"), ("facilitator", "table.wb-panels")):
                page.goto(links[who], timeout=TIMEOUT)
                page.wait_for_selector(ready, timeout=TIMEOUT)
                page.wait_for_timeout(1500)
                _no_script_ran(page, f"the {who} page")
        with voila_server(tmp_path, scenario) as base:
            page.goto(base, timeout=TIMEOUT)
            page.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
            page.wait_for_timeout(1500)
            _no_script_ran(page, "the meeting page")
    assert dialogs == []
