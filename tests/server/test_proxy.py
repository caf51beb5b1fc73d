"""The README's nginx configuration, run as written (paths and ports replaced) in front of a
meetings server started with --behind-proxy: Chromium reaches the panel's page over https."""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import pytest

from tests.conftest import ROOT, SCENARIOS
from tests.server.http import get, new_meeting
from tests.server.test_tls import _self_signed
from tests.ui.browser import chromium, free_port, require_chromium, voila_server

pytestmark = pytest.mark.browser


def _readme_nginx() -> str:
    text = (ROOT / "README.md").read_text()
    return re.search(r"```nginx\n(.*?)```", text, re.S).group(1)


def test_the_readmes_nginx_config_serves_the_panel_page_over_https(tmp_path):
    require_chromium()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(nginx):
        pytest.skip("nginx is not installed (apt-get install nginx); the README's config "
                    "is then untested")
    cert, key = _self_signed(tmp_path)
    url, made = new_meeting(tmp_path, "proxy")
    link = made.links("")["users"]
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings", store=url,
                      args=("--behind-proxy",)) as base:
        port, upstream = free_port(), base.rstrip("/").rsplit(":", 1)[1]
        site = (_readme_nginx().replace("listen 443 ssl", f"listen 127.0.0.1:{port} ssl")
                .replace("/etc/ssl/workbench/fullchain.pem", cert)
                .replace("/etc/ssl/workbench/privkey.pem", key)
                .replace("/var/log/nginx/workbench.log", str(tmp_path / "nginx-access.log"))
                .replace("127.0.0.1:8866", f"127.0.0.1:{upstream}"))
        temp = tmp_path / "nginx"
        temp.mkdir()
        (tmp_path / "nginx.conf").write_text(
            f"daemon off; pid {temp}/nginx.pid; error_log {temp}/error.log;\n"
            "events {}\n"
            f"http {{ client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;\n"
            f"fastcgi_temp_path {temp}/f; uwsgi_temp_path {temp}/u; scgi_temp_path {temp}/s;"
            f"\n{site}\n}}\n")
        proxy = subprocess.Popen([nginx, "-c", str(tmp_path / "nginx.conf"), "-p", str(temp)],
                                 stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1)
            assert proxy.poll() is None, proxy.stderr.read()
            front = f"https://127.0.0.1:{port}"
            first = get(front + "/", link)
            assert first.status == 303
            cookie = next(c for c in first.cookies() if c.startswith("wb_"))
            assert "Secure" in cookie                # the proxy said https
            with chromium() as browser:
                page = browser.new_context(ignore_https_errors=True).new_page()
                page.goto(front + link, timeout=180_000)
                page.wait_for_selector(".wb-panel", timeout=180_000)   # websockets passed
                assert "token" not in page.url
        finally:
            proxy.terminate()
            proxy.wait(10)
    access = (tmp_path / "nginx-access.log").read_text()
    assert "/voila/render/panel.ipynb" in access
    assert made.panel_tokens["users"] not in access
