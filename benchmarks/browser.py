"""Browser figures for the meeting pages (not a test), in headless Chromium against real
Voila servers started by `workbench serve`. Medians of RUNS runs:

- first render: request to the recommendation table, with a preheated kernel;
- slider release to updated recommendation: a slider's handle moved one step with the
  arrow key (the slider sends its value on release) until the recommendation's summary
  beside the sliders shows the new value;
- submission to the facilitator's page: a panel's submission committed to the meeting
  store until the facilitator's page shows its revision (the page polls every 0.5 s);
- a panel's page (``--part panel``): first render of its link (the token checked and swapped
  for a cookie, then a kernel started for the verified visitor: no preheated kernel), and the
  memory (RSS) of each open panel page's kernel.

    .venv/bin/python benchmarks/browser.py [--runs 7] [--part first,slider,facilitator,panel]
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
from workbench.store import MeetingStore

TABLE = "table.wb-portfolio"
SUMMARY = ".wb-summary-panel .wb-headline"
HANDLE = ".wb-group-weights:visible .wb-slider-service_users-carbon .noUi-handle"


def first_render(runs: int) -> list[float]:
    firsts = []
    with tempfile.TemporaryDirectory() as tmp, \
            voila_server(Path(tmp), SCENARIOS / "riverside.yaml") as url, \
            browser_page() as page:
        time.sleep(8)  # let the preheated kernel finish, as in a meeting room
        for _ in range(runs):
            started = time.perf_counter()
            page.goto(url, timeout=120_000)
            page.wait_for_selector(TABLE, timeout=120_000)
            firsts.append(time.perf_counter() - started)
            time.sleep(8)   # the pool refills its preheated kernel
    return firsts


def slider_release(runs: int) -> list[float]:
    moves = []
    with tempfile.TemporaryDirectory() as tmp, \
            voila_server(Path(tmp), SCENARIOS / "riverside.yaml") as url, \
            browser_page() as page:
        page.goto(url, timeout=120_000)
        page.wait_for_selector(TABLE, timeout=120_000)
        page.wait_for_selector(".wb-analysis img", timeout=120_000)   # analyses settled
        for k in range(runs):
            page.wait_for_selector("button.wb-pin:not([disabled])", timeout=60_000)
            before = page.inner_text(SUMMARY)
            page.locator(HANDLE).focus()
            started = time.perf_counter()
            page.keyboard.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
            page.wait_for_function(f"b => document.querySelector('{SUMMARY}').innerText "
                                   "!== b", arg=before, timeout=10_000)
            moves.append(time.perf_counter() - started)
            time.sleep(1.5)   # the trade-offs start 0.3 s after a move; let them pass
    return moves


def submission_to_facilitator(runs: int) -> list[float]:
    seen = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'meetings.sqlite'}"
        with MeetingStore(url) as store:
            new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text())
        with voila_server(Path(tmp), SCENARIOS / "riverside.yaml", app="meetings",
                          store=url) as base, browser_page() as page:
            page.goto(base.rstrip("/") + new.links("")["facilitator"], timeout=120_000)
            page.wait_for_selector("table.wb-panels", timeout=120_000)
            time.sleep(3)
            # a benchmark submits faster than a panel may (the store's rate limit)
            with MeetingStore(url, submissions_per_minute=10_000) as store:
                for k in range(runs):
                    weights = {c: 10 for c in ("outcomes", "access", "social_value",
                                               "staff_terms", "resilience")}
                    store.submit_weights(new.id, new.panel_tokens["staff"],
                                         {**weights, "carbon": 20 + k})
                    started = time.perf_counter()
                    page.wait_for_function(
                        f"() => document.querySelector('table.wb-panels').innerText"
                        f".includes('revision {k + 1} at')", timeout=10_000)
                    seen.append(time.perf_counter() - started)
                    time.sleep(2)
    return seen


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
        groups = list(made.panel_tokens)      # the panels only, not the facilitator's pages
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


def _median(name: str, values: list[float], unit: str = "ms") -> None:
    scale = 1000 if unit == "ms" else 1
    print(f"{name}: median {scale * statistics.median(values):.{0 if unit == 'ms' else 2}f} "
          f"{unit} over {len(values)} (min {scale * min(values):.0f}, max "
          f"{scale * max(values):.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--part", default="first,slider,facilitator")
    args = parser.parse_args()
    parts = args.part.split(",")
    if "first" in parts:
        _median("first render (request to table), preheated kernel",
                first_render(args.runs), "s")
    if "slider" in parts:
        _median("slider release to updated recommendation", slider_release(args.runs))
    if "facilitator" in parts:
        _median("submission committed to the facilitator's page",
                submission_to_facilitator(args.runs))
    if "panel" in parts:
        panel_page(args.runs)


if __name__ == "__main__":
    main()
