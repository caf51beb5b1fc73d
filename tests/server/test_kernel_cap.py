"""The kernel cap: a total and a share per visitor, counted from admission (issue 11 item 4)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import SCENARIOS
from tests.server.http import get, kernels, new_meeting
from tests.ui.browser import voila_server
from workbench.server.kernel_cap import KernelCap, default_max_kernels


def test_pending_page_loads_count_before_their_kernels_exist():
    cap = KernelCap(total=3, per_visitor=2)
    assert cap.admit("a", []) is None and cap.admit("a", []) is None
    assert cap.admit("a", []) == "yours"             # a's share is taken while pending
    assert cap.admit("b", []) is None
    assert cap.admit("c", []) == "full"
    cap.started("a", "k1")
    cap.release("a")                                 # a page that failed before its kernel
    assert cap.pending == {"b": 1}
    assert cap.admit("c", ["k1"]) is None            # k1 + b pending + c = 3
    assert cap.admit("d", ["k1"]) == "full"
    assert cap.admit("d", []) is None                # k1 ended: its place is free again
    assert 4 <= default_max_kernels() <= 48


@pytest.mark.browser
def test_a_kernel_started_but_not_yet_claimed_is_not_counted_twice():
    cap = KernelCap(total=3, per_visitor=3)
    assert cap.admit("a", []) is None and cap.admit("a", []) is None
    # both kernels exist, neither page has said so yet: 2 places taken, not 4
    assert cap.admit("b", ["k1", "k2"]) is None
    assert cap.admit("c", ["k1", "k2"]) == "full"        # 2 kernels + b pending = 3
    cap.started("a", "k1")
    cap.started("a", "k2")
    assert cap.admit("c", ["k1", "k2"]) == "full"        # k1, k2 and b's pending load
    cap.release("b")                                     # b's page failed
    assert cap.admit("c", ["k1", "k2"]) is None


def test_the_cap_holds_under_30_concurrent_page_loads(tmp_path):
    url, made = new_meeting(tmp_path, "cap")
    page = f"/voila/render/panel.ipynb?meeting={made.id}"
    cookie = f"wb_{made.id}={made.panel_tokens['users']}"
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings", store=url,
                      args=("--max-kernels", "3", "--max-per-visitor", "30")) as base:
        most, done = 0, threading.Event()

        def watch() -> None:
            nonlocal most
            while not done.is_set():
                most = max(most, len(kernels(base.pid)))
                time.sleep(0.1)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            with ThreadPoolExecutor(30) as pool:
                replies = list(pool.map(lambda _: get(base, page, cookie), range(30)))
        finally:
            done.set()
            watcher.join()
        most = max(most, len(kernels(base.pid)))
    statuses = sorted(r.status for r in replies)
    assert most <= 3, f"{most} kernels ran under a cap of 3"
    assert 1 <= statuses.count(200) <= 3 and statuses.count(503) >= 27, statuses
    full = [r for r in replies if r.status == 503]
    assert all("The meeting is full: try again in a minute." in r.body for r in full)
    assert all(r.headers["Retry-After"] == "60" for r in full)
