"""A real Voila server and headless Chromium for browser tests (no mocks)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> str:
    """The browser, or a skip; under CI a missing browser is a failure, never a skip."""
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing under CI=true: `make test` should have installed it")
    pytest.skip("Chromium is not installed (make test installs Debian's chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served(str):
    """The server's base URL (a str, as before), with what tests need to look inside it:
    ``pid``, ``log`` (its output file) and ``finance_token`` (the finance page's token)."""

    pid: int
    log: Path
    finance_token: str

    def finance_link(self, path: str = "") -> str:
        """The finance page's first-visit address (its token is swapped for a cookie)."""
        return f"{self}{path}?token={self.finance_token}"


@contextlib.contextmanager
def voila_server(tmp_path: Path, scenario: Path, timeout: float = 90, app: str = "meeting",
                 store: str | None = None, *, args: tuple[str, ...] = (),
                 env: dict[str, str] | None = None, cwd: Path | None = None):
    """``workbench serve --app APP [--store URL] [ARGS...]`` on a free port, HOME and TMPDIR
    in ``tmp_path`` (so the default store is ``tmp_path/home/.local/share/workbench``), run
    from ``cwd`` (default the project's root). ``args`` with ``--certfile`` serves https."""
    import secrets

    port = free_port()
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    finance_token = secrets.token_urlsafe(32)
    environ = dict(os.environ, HOME=str(home), TMPDIR=str(tmp_path), PYTHONUNBUFFERED="1",
                   JUPYTER_PLATFORM_DIRS="1", WORKBENCH_FINANCE_TOKEN=finance_token)
    for name in ("MPLBACKEND", "WORKBENCH_STORE_URL", "WORKBENCH_DATA", "XDG_DATA_HOME"):
        environ.pop(name, None)
    environ.update(env or {})
    log_path = tmp_path / f"voila-{port}.log"
    log = log_path.open("w")
    proc = subprocess.Popen([sys.executable, "-m", "workbench.cli", "serve", str(scenario),
                             "--port", str(port), "--app", app,
                             *(["--store", store] if store else []), *args],
                            cwd=cwd or ROOT, env=environ, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"voila exited: {log_path.read_text()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"voila did not listen within {timeout}s")
        scheme = "https" if "--certfile" in args else "http"
        served = Served(f"{scheme}://127.0.0.1:{port}/")
        served.pid, served.log, served.finance_token = proc.pid, log_path, finance_token
        yield served
    finally:
        stop(proc, 10)
        log.close()


def stop(proc: subprocess.Popen, wait: float) -> None:
    """Ask a server to stop, and kill it if it has not within ``wait`` seconds."""
    proc.terminate()
    try:
        proc.wait(wait)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextlib.contextmanager
def browser_page():
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1280, "height": 900})


@contextlib.contextmanager
def chromium():
    """Headless Debian Chromium; each ``new_context()`` is a separate person's browser."""
    from playwright.sync_api import sync_playwright

    path = require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AUDIT = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')))"""


def require_axe() -> None:
    """axe-core from npm, or a skip; under CI a missing axe-core is a failure."""
    if AXE.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("axe-core is missing under CI=true: `make test` should have installed it")
    pytest.skip("axe-core is not installed (make test runs npm install)")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now (WCAG 2.2 AA
    contrast among them)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AUDIT)
