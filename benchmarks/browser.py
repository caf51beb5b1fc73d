"""Browser figures (not a test), in headless Chromium against a real Voila server started by
`workbench serve`, medians of RUNS runs:

- the meeting page: first render after the server is up (preheated kernel), and slider
  release to updated recommendation table and spend chart;
- a panel's page (``--page panel``): first render of its link (the token checked and swapped
  for a cookie, then a kernel started for the verified visitor: no preheated kernel), and the
  memory (RSS) of each open panel page's kernel.

    .venv/bin/python benchmarks/browser.py [--runs 7] [--page meeting|panel]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import SCENARIOS
from tests.ui.browser import browser_page, voila_server

TABLE = "table.wb-portfolio"
CHART = ".wb-spend-chart"


def kernel_rss_mb(server_pid: int) -> list[float]:
    """Resident memory of each kernel the server runs (its children running ipykernel)."""
    import psutil

    out = []
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            if any("ipykernel" in part for part in child.cmdline()):
                out.append(child.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            pass
    return out


def panel_page(runs: int) -> None:
    from tests.ui.browser import chromium
    from workbench.store import MeetingStore

    firsts = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        with MeetingStore(url) as store:
            made = store.create_meeting((SCENARIOS / "riverside.yaml").read_text())
        links = made.links("")
        groups = [g for g in links if g != "facilitator"]
        with voila_server(Path(tmp), SCENARIOS / "riverside.yaml", app="meetings",
                          store=url) as base:
            pages = []
            for k in range(runs):
                page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
                started = time.perf_counter()
                page.goto(base.rstrip("/") + links[groups[k % len(groups)]], timeout=180_000)
                page.wait_for_selector(".wb-panel", timeout=180_000)
                firsts.append(time.perf_counter() - started)
                pages.append(page)
            time.sleep(3)
            rss = kernel_rss_mb(base.pid)
    print(f"panel page first render (link to panel shown, no preheated kernel): median "
          f"{statistics.median(firsts):.2f} s over {len(firsts)}")
    if rss:
        print(f"memory per open panel page's kernel (RSS): median "
              f"{statistics.median(rss):.0f} MB, max {max(rss):.0f} MB over {len(rss)} pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--page", choices=("meeting", "panel"), default="meeting")
    args = parser.parse_args()
    if args.page == "panel":
        panel_page(args.runs)
        return
    firsts, moves = [], []
    with tempfile.TemporaryDirectory() as tmp, \
            voila_server(Path(tmp), SCENARIOS / "riverside.yaml") as url, \
            browser_page() as page:
        time.sleep(8)  # let the preheated kernel finish, as in a meeting room
        for _ in range(args.runs):
            started = time.perf_counter()
            page.goto(url, timeout=120_000)
            page.wait_for_selector(TABLE, timeout=120_000)
            firsts.append(time.perf_counter() - started)
            time.sleep(8)   # the pool refills its preheated kernel
        page.goto(url)
        page.wait_for_selector(TABLE)
        for k in range(args.runs):
            selector = ".wb-slider-service_users-carbon .widget-readout"
            page.wait_for_selector(f"{selector}[contenteditable=true]")
            before = [page.inner_html(TABLE), page.inner_html(CHART)]
            readout = page.locator(selector)
            readout.click()
            readout.fill(str(60 + 5 * k if k % 2 else 5 + k))
            started = time.perf_counter()
            readout.press("Enter")
            try:
                page.wait_for_function(
                    "b => document.querySelector('table.wb-portfolio').innerHTML !== b[0] && "
                    "document.querySelector('.wb-spend-chart').innerHTML !== b[1]",
                    arg=before, timeout=5_000)
                moves.append(time.perf_counter() - started)
            except Exception:
                pass  # the recommendation did not change for this move; not counted
    print(f"first render (request to table), preheated kernel: median "
          f"{statistics.median(firsts):.2f} s over {len(firsts)}")
    if moves:
        print(f"slider release to changed table and chart: median "
              f"{1000 * statistics.median(moves):.0f} ms over {len(moves)} moves that changed it")


if __name__ == "__main__":
    main()
