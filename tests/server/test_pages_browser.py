"""A panel's link in real Chromium, from a meeting created in another folder: the token
leaves the address at once, nothing is requested from anywhere but the server, no Referer
is sent, and closing the tabs ends their kernels (issue 11 item 2, issue 10 items 3 and 5)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ARTIFACTS, SCENARIOS
from tests.server.http import kernels
from tests.ui.browser import chromium, require_chromium, screenshot, voila_server

pytestmark = pytest.mark.browser
TIMEOUT = 180_000


def _create_meeting_in(folder, home) -> dict[str, str]:
    """``workbench meeting create`` run in ``folder`` with no --store: its links, by who."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(HOME=str(home))
    env.pop("XDG_DATA_HOME", None)
    done = subprocess.run([sys.executable, "-m", "workbench.cli", "meeting", "create",
                           str(SCENARIOS / "riverside.yaml"), "--base-url", ""], cwd=folder,
                          env=env, capture_output=True, text=True, timeout=120, check=True)
    links = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].startswith("/voila/render/"):
            links[parts[0]] = parts[1]
    return links


def test_links_from_another_folder_open_tokenless_and_closed_tabs_end_their_kernels(tmp_path):
    require_chromium()
    home, made_in, served_from = tmp_path / "home", tmp_path / "here", tmp_path / "there"
    for folder in (home, made_in, served_from):
        folder.mkdir()
    links = _create_meeting_in(made_in, home)
    assert not (made_in / "data").exists()       # one absolute store, not ./data
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml", app="meetings",
                      cwd=served_from) as base, chromium() as browser:
        assert str(home / ".local" / "share" / "workbench") in base.log.read_text()
        context = browser.new_context(viewport={"width": 390, "height": 844})
        requests = []
        context.on("request", lambda r: requests.append((r.url, r.headers.get("referer"))))
        pages = []
        for who in ("tenants", "staff", "facilitator"):
            page = context.new_page()
            page.goto(base.rstrip("/") + links[who], timeout=TIMEOUT)
            page.wait_for_selector(".wb-panel, table.wb-panels", timeout=TIMEOUT)
            token = links[who].split("token=")[1]
            assert "token" not in page.url and token not in page.url
            pages.append(page)
        assert "Council tenants" in pages[0].inner_text("body")
        assert "Traceback" not in pages[0].inner_text("body")
        screenshot(pages[0], "server-panel-tokenless")
        cookies = [c for c in context.cookies() if c["name"].startswith("wb_")]
        assert len(cookies) == 2                  # one per page path: panel, facilitator
        assert all(c["httpOnly"] and c["sameSite"] == "Strict" for c in cookies)
        assert pages[0].evaluate("document.cookie").find("wb_") == -1
        outside = [u for u, _ in requests if not u.startswith(base) and
                   not u.startswith(("data:", "blob:"))]
        assert outside == [], f"requests left the server: {outside[:5]}"
        sent = [(u, r) for u, r in requests if r]      # Playwright shows none as ""
        assert sent == [], f"a Referer was sent: {sent[:3]} of {len(sent)}/{len(requests)}"
        assert len(kernels(base.pid)) == 3
        for page in pages:
            page.close(run_before_unload=True)
        closed = time.monotonic()
        while kernels(base.pid) and time.monotonic() - closed < 60:
            time.sleep(0.5)
        left = len(kernels(base.pid))
        gone_after = time.monotonic() - closed
        log = base.log.read_text()
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "server-kernels-gone.txt").open("a") as out:
        out.write(f"{gone_after:.1f}\n")
    assert left == 0, f"{left} kernels of closed tabs still run after 60 s"
    assert not any(link.split("token=")[1] in log for link in links.values())
