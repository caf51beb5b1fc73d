"""Serving to real devices: TLS with a throwaway self-signed certificate, and no clear-text
serving on a network address unless asked for (issue 11 item 5)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SCENARIOS
from tests.server.http import get, new_meeting
from tests.ui.browser import chromium, require_chromium, voila_server


def _self_signed(folder) -> tuple[str, str]:
    if not shutil.which("openssl"):
        pytest.fail("openssl is needed to make a throwaway certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True,
                   timeout=60)
    return str(cert), str(key)


@pytest.mark.browser
def test_a_tls_server_serves_the_panel_page_to_chromium(tmp_path):
    require_chromium()
    cert, key = _self_signed(tmp_path)
    url, made = new_meeting(tmp_path, "tls")
    link = made.links("")["users"]
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings", store=url,
                      args=("--certfile", cert, "--keyfile", key)) as base, \
            chromium() as browser:
        assert base.startswith("https://")
        first = get(base, link)
        cookie = next(c for c in first.cookies() if c.startswith("wb_"))
        assert "Secure" in cookie and "HttpOnly" in cookie      # never sent over http
        page = browser.new_context(ignore_https_errors=True).new_page()
        page.goto(base.rstrip("/") + link, timeout=180_000)
        page.wait_for_selector(".wb-panel", timeout=180_000)
        assert page.url.startswith("https://") and "token" not in page.url
        assert "Traceback" not in page.inner_text("body")


def _serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli", "serve",
                           str(SCENARIOS / "teaching.yaml"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_a_network_address_without_tls_is_refused_unless_insecure_is_given(tmp_path):
    done = _serve("--host", "0.0.0.0", "--app", "meetings")
    assert done.returncode == 1
    assert "without TLS" in done.stderr and "--certfile" in done.stderr
    assert "Traceback" not in done.stderr
    (tmp_path / "bad.pem").write_text("not a certificate")
    done = _serve("--host", "0.0.0.0", "--certfile", str(tmp_path / "bad.pem"))
    assert done.returncode == 1 and "cannot use this certificate" in done.stderr
