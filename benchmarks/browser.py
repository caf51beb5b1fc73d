"""Browser figures for the meeting page (not a test): first render after the server is up,
and slider release to updated recommendation table and spend chart, in headless Chromium
against a real Voila server started by `workbench serve`. Medians of RUNS runs.

    .venv/bin/python benchmarks/browser.py [--runs 7]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
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
