"""The README's meeting, word for word, from the project's root: `workbench meeting create`,
`workbench serve --app meetings`, a panel link on a 390x844 phone, submit, the facilitator's
page sees it and adopts it, and the finance page (`workbench serve --app finance`) finds the
adopted decision. Nothing but the README's commands and what a person sees on the pages.

Issue 10: run from the project's root as the README says, `meeting create` and
`serve --app meetings` used two different stores, so every panel link said the meeting did
not exist and the finance page never listed the adopted decision.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.ui.browser import (
    chromium,
    free_port,
    require_axe,
    require_chromium,
    serious_violations,
    stop,
)
from tests.ui.panel.phone import DESKTOP, PHONE, screenshots, widest

pytestmark = pytest.mark.browser
TIMEOUT = 120_000
WORKBENCH = str(Path(sys.executable).with_name("workbench"))

# What the test looks for on the pages, by role and visible text, in one place: the pages
# are being redesigned, the words people read are not.
PANEL_SUBMIT = "Submit our priorities and views"
PANEL_VIEWS = re.compile(r"^Your views")
ADOPT_BUTTON = "Adopt this decision"
ADOPTED_BY = re.compile(r"adopt", re.IGNORECASE)      # the box that says who adopts
FINANCE_DECISION = "Adopted decision"
WHO = "Chief Executive"
VIEWS = "Keep the libraries open, please"


def _env(tmp_path: Path) -> dict[str, str]:
    """A person's shell: their own HOME and temporary folder, no store set up."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), TMPDIR=str(tmp_path), PYTHONUNBUFFERED="1",
               JUPYTER_PLATFORM_DIRS="1")
    for name in ("WORKBENCH_STORE_URL", "WORKBENCH_DATA", "MPLBACKEND", "WORKBENCH_MEETING",
                 "WORKBENCH_TOKEN"):
        env.pop(name, None)
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([WORKBENCH, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, f"workbench {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


@contextlib.contextmanager
def _serve(env: dict[str, str], log: Path, *args: str):
    """`workbench serve ...` from the project's root, until it listens on its port."""
    port = int(args[args.index("--port") + 1])
    with log.open("w") as out:
        proc = subprocess.Popen([WORKBENCH, "serve", *args], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                assert proc.poll() is None, f"workbench serve exited: {log.read_text()}"
                with contextlib.suppress(OSError), socket.create_connection(
                        ("127.0.0.1", port), 1):
                    break
                time.sleep(0.2)
            else:
                raise AssertionError(f"workbench serve did not listen: {log.read_text()}")
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(proc, 15)


def test_the_readme_meeting_from_the_projects_root(tmp_path):
    require_chromium()
    require_axe()
    env = _env(tmp_path)
    port, finance_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    printed = _run(env, "meeting", "create", "scenarios/riverside.yaml", "--base-url", base)
    links = dict(re.findall(r"^\s+(\S+)\s+(http\S+)$", printed, re.MULTILINE))
    meeting = re.search(r"^Meeting (\S+):", printed, re.MULTILINE).group(1)
    assert {"facilitator", "tenants"} <= set(links), printed
    with _serve(env, tmp_path / "meetings.log", "--app", "meetings", "--port", str(port)), \
            chromium() as browser:
        phone = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        phone.goto(links["tenants"], timeout=TIMEOUT)
        submit = phone.get_by_role("button", name=PANEL_SUBMIT)
        submit.or_(phone.get_by_role("alert")).first.wait_for(timeout=TIMEOUT)
        assert submit.count() == 1, ("the panel link did not open its page: "
                                     + phone.locator(".wb-panel").inner_text()[:300])
        assert widest(phone) <= PHONE["width"]
        phone.get_by_role("textbox", name=PANEL_VIEWS).fill(VIEWS)
        submit.tap()
        phone.wait_for_selector(".wb-submitted", timeout=TIMEOUT)
        assert "revision 1" in phone.inner_text(".wb-submitted")
        screenshots(phone, "readme-1-panel-phone")

        desk = browser.new_context(viewport=DESKTOP).new_page()
        desk.goto(links["facilitator"], timeout=TIMEOUT)
        desk.get_by_role("button", name=ADOPT_BUTTON).wait_for(timeout=TIMEOUT)
        desk.wait_for_function("v => document.body.innerText.includes(v)", arg=VIEWS,
                               timeout=TIMEOUT)
        desk.get_by_role("textbox", name=ADOPTED_BY).fill(WHO)
        desk.get_by_role("button", name=ADOPT_BUTTON).click()
        desk.wait_for_function(
            "who => document.body.innerText.includes('adopted by ' + who)"
            " || document.body.innerText.includes('Adopted by ' + who)", arg=WHO,
            timeout=TIMEOUT)
        assert serious_violations(desk) == []
        screenshots(desk, "readme-2-facilitator")
    history = _run(env, "audit", meeting)
    assert f"comment: “{VIEWS}”" in history and f"decision adopted by {WHO}" in history, \
        history

    with _serve(env, tmp_path / "finance.log", "--app", "finance", "--port",
                str(finance_port)) as finance_url, chromium() as browser:
        # as the README says: the finance link is in the data folder's finance-link.txt
        printed = (tmp_path / "finance.log").read_text()
        where = re.search(r"Finance link .*: in (\S+), readable only by you", printed)
        assert where, printed
        link = Path(where.group(1)).read_text().strip()
        assert link.startswith(finance_url + "/?token=") and "token=" not in printed, printed
        page = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        page.goto(link, timeout=TIMEOUT)
        picker = page.get_by_role("combobox", name=FINANCE_DECISION)
        picker.wait_for(timeout=TIMEOUT)
        labels = picker.locator("option").evaluate_all(
            "os => os.map(o => o.textContent.replace(/\\u00a0/g, ' '))")
        index = next((i for i, o in enumerate(labels) if f"by {WHO}" in o), None)
        assert index is not None, f"no decision adopted by {WHO} among {labels}"
        picker.select_option(index=index)
        page.wait_for_function(
            "who => document.querySelector('.wb-review')?.innerText.includes("
            "'adopted by ' + who)", arg=WHO, timeout=TIMEOUT)
        assert page.locator("table.wb-allocation tbody tr").count() == 17 + 1
        page.wait_for_function(                # said beside the picker it is about
            "() => document.querySelector('.wb-adopted-message').innerText.includes("
            "'Opened') && !document.querySelector('.wb-status').innerText.includes('Opened')",
            timeout=10_000)
        assert widest(page) <= PHONE["width"]
        assert serious_violations(page) == []
        screenshots(page, "readme-3-finance-phone")
