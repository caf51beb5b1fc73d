"""Plain HTTP against a real server for the serving tests: one request, no redirects
followed, and the kernels a server process runs (from the process table)."""

from __future__ import annotations

import http.client
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

import psutil


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


def get(base: str, path: str, cookie: str | None = None, timeout: float = 180) -> Reply:
    """GET ``path`` on the server at ``base``, reading the whole (streamed) page."""
    where = urlsplit(base)
    if where.scheme == "https":
        conn = http.client.HTTPSConnection(where.hostname, where.port, timeout=timeout,
                                           context=ssl._create_unverified_context())
    else:
        conn = http.client.HTTPConnection(where.hostname, where.port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        reply = conn.getresponse()
        return Reply(reply.status, reply.headers, reply.read().decode("utf-8", "replace"))
    finally:
        conn.close()


def kernels(server_pid: int) -> list[psutil.Process]:
    """The kernel processes the server started (its children running ipykernel). A kernel's
    own child between fork and exec (the solver being started) carries the kernel's command
    line for a moment: it is not another kernel, so only the outermost ones count."""
    out = []
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            parent = child.parent()
            if _is_kernel(child) and not (parent and _is_kernel(parent)):
                out.append(child)
        except psutil.NoSuchProcess:
            pass
    return out


def _is_kernel(process: psutil.Process) -> bool:
    return any("ipykernel" in part for part in process.cmdline())


def new_meeting(tmp_path, name: str, scenario: str = "teaching.yaml"):
    """A meeting in a fresh SQLite store under ``tmp_path``: (store URL, NewMeeting)."""
    from tests.conftest import SCENARIOS
    from workbench.store import MeetingStore

    url = f"sqlite:///{tmp_path / f'{name}.sqlite'}"
    with MeetingStore(url) as store:
        return url, store.create_meeting((SCENARIOS / scenario).read_text())
