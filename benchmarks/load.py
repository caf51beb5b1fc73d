"""Capacity of the meeting pages (not a test): K panel pages opened at once in one headless
Chromium (one context per person), against one meeting server and against two behind nginx,
all on one PostgreSQL store. Each page moves a slider MOVES times (keyboard on the handle,
a short random pause between moves) and then submits; one facilitator's page watches.

Reported per setup and K: the kernel memory per page (RSS of the servers' kernel
processes), slider-to-result latency (key press on the handle until the page has the new
preview and its controls back), submit-to-facilitator latency (Submit pressed until the
facilitator's page shows that submission), and how long pages took to open. Submissions go
in waves of one per group, K in all, from the first page of each group: the facilitator
shows each group's latest (a second submission of a group in the same poll would hide the
first), and a page whose group submitted since it opened is refused as stale, by design.

    .venv/bin/python benchmarks/load.py [--sizes 10 30 60] [--setups one two] [--moves 3]

A fresh cluster per setup and K (kernels of closed pages live until culled). Every wait is
bounded; a K whose pages would not fit in the free memory is skipped and said so."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.widget_client import WidgetPage
from deploy.cluster import Cluster, create_meeting
from deploy.postgres import create_database, throwaway_postgres
from deploy.proxy import ROUTE_HEADER
from tests.ui.browser import ARGS, require_chromium
from workbench.store.links import PANEL_PAGE

OPEN_SECONDS = 900        # every page of one K open within this, or the K is cut short
PAGE_SECONDS = 300        # one page open within this, or it counts as not opened (a page
                          # whose widgets Voila lost under load never shows them)
BROWSER_PAGE_MB = 150     # a Chromium renderer for one page (for the memory check only)
MOVE_SECONDS = 60         # one slider move's result
WAVE_SECONDS = 30         # one wave of submissions seen by the facilitator
MB = 1024 * 1024

# How the benchmark finds the pages' parts, in one place (the pages are being redesigned).
PANEL_SLIDER = ".wb-panel .widget-slider"
HANDLE = ".noUi-handle"
READOUT = ".widget-readout"
VIEWS = ".wb-comment textarea"
SUBMIT = ".wb-submit"
CONFIRMATION = ".wb-confirmation"
FACILITATOR_TABLE = "table.wb-panels"

# In the panel's page: time a key press on the first slider's handle until its readout is
# editable again after the kernel disabled it (the preview is sent before the controls come
# back), and time Submit until the confirmation names a revision.
PANEL_PROBE = """([slider, handle, readout, submit, confirmation]) => {
  const w = document.querySelector(slider);
  const h = w.querySelector(handle), r = w.querySelector(readout);
  window.__wb = {moves: [], pressed: null, submitAt: null, ackAt: null};
  h.addEventListener('keydown', () => { window.__wb.pressed = performance.now(); }, true);
  new MutationObserver(records => {
    for (const m of records) {
      if (m.oldValue === 'false' && window.__wb.pressed !== null) {
        window.__wb.moves.push(performance.now() - window.__wb.pressed);
        window.__wb.pressed = null;
      }
    }
  }).observe(r, {attributes: true, attributeFilter: ['contenteditable'],
                 attributeOldValue: true});
  document.querySelector(submit).addEventListener(
    'click', () => { window.__wb.submitAt = Date.now(); }, true);
  new MutationObserver(() => {
    if (window.__wb.submitAt !== null && window.__wb.ackAt === null &&
        document.querySelector(confirmation).textContent.includes('revision'))
      window.__wb.ackAt = Date.now();
  }).observe(document.querySelector(confirmation),
             {childList: true, subtree: true, characterData: true});
}"""

# In the facilitator's page: when each marker first shows in the panels' table.
FACILITATOR_PROBE = """(table) => {
  window.__seen = {};
  const look = () => {
    const t = document.querySelector(table);
    if (!t) return;
    for (const m of t.textContent.matchAll(/load-\\d+-\\d+/g))
      if (!(m[0] in window.__seen)) window.__seen[m[0]] = Date.now();
  };
  new MutationObserver(look).observe(document.body,
    {childList: true, subtree: true, characterData: true});
  look();
}"""


def say(text: str) -> None:
    """Progress, on stderr with the time, so a long run shows where it is."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float], unit: str = "ms") -> str:
    if not values:
        return "none measured"
    return (f"median {statistics.median(values):.0f} {unit}, 95th percentile "
            f"{percentile(values, 0.95):.0f} {unit} (n={len(values)})")


async def open_panel(browser, link: str, deadline: float) -> dict:
    """A new person's browser on ``link``, ready to move (the first solve done)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    started = time.monotonic()
    left = max(1.0, min(PAGE_SECONDS, deadline - time.monotonic())) * 1000
    answer = await page.goto(link, timeout=left)
    await page.wait_for_selector(f"{PANEL_SLIDER} {READOUT}[contenteditable=true]",
                                 timeout=left)
    await page.wait_for_selector(f"{SUBMIT}:not([disabled])", timeout=left)
    opened = time.monotonic() - started
    await page.evaluate(PANEL_PROBE, [PANEL_SLIDER, HANDLE, READOUT, SUBMIT, CONFIRMATION])
    server = (answer.headers.get(ROUTE_HEADER.lower()) or "direct").split(", ")[-1]
    return {"context": context, "page": page, "opened": opened, "server": server}


async def move_sliders(panel: dict, moves: int, rng: random.Random) -> list[float]:
    """MOVES key presses on the first slider's handle, each waited for (bounded)."""
    page = panel["page"]
    handle = page.locator(f"{PANEL_SLIDER} {HANDLE}").first
    done = []
    for _ in range(moves):
        await asyncio.sleep(rng.uniform(0.2, 1.0))
        value = float(await handle.get_attribute("aria-valuenow") or 50)
        before = len(await page.evaluate("window.__wb.moves"))
        await handle.press("ArrowLeft" if value > 50 else "ArrowRight")
        with contextlib.suppress(Exception):    # no result in time: not counted, said below
            await page.wait_for_function(f"window.__wb.moves.length > {before}",
                                         timeout=MOVE_SECONDS * 1000)
            done.append((await page.evaluate("window.__wb.moves"))[-1])
    return done


async def submit(panel: dict, marker: str) -> None:
    page = panel["page"]
    await page.wait_for_selector(f"{VIEWS}:not([disabled])", timeout=MOVE_SECONDS * 1000)
    await page.fill(VIEWS, marker)
    await page.wait_for_selector(f"{SUBMIT}:not([disabled])", timeout=MOVE_SECONDS * 1000)
    await page.evaluate("window.__wb.ackAt = null; window.__wb.submitAt = null")
    await page.click(SUBMIT)
    await page.wait_for_function("window.__wb.ackAt !== null", timeout=MOVE_SECONDS * 1000)


async def open_panel_widgets(link: str, deadline: float) -> dict:
    """A new person's page on ``link`` driven through the widget protocol (no browser),
    ready to move: its first slider and Submit enabled."""
    page = WidgetPage()
    started = time.monotonic()
    left = max(1.0, min(PAGE_SECONDS, deadline - time.monotonic()))
    await page.open(link, left)
    sliders = page.find_all("FloatSliderModel", "wb-panel-slider-")
    if not sliders:
        said = " ".join(re.sub(r"<[^>]+>", " ", str(st.get("value", "")))[:120]
                        for st in page.states.values() if st.get("_model_name") == "HTMLModel")
        raise LookupError(f"no panel slider among the page's {len(page.states)} widgets: "
                          f"{said[:300]}")
    slider = sliders[0]
    submit_button = page.find("ButtonModel", "wb-submit")
    await page.wait_for(lambda s: not s[slider].get("disabled")
                        and not s[submit_button].get("disabled"), left)
    headers = {k.lower(): v for k, v in page.response_headers.items()}
    server = (headers.get(ROUTE_HEADER.lower()) or "direct").split(", ")[-1]
    return {"widgets": page, "opened": time.monotonic() - started, "server": server,
            "slider": slider, "submit": submit_button}


async def move_sliders_widgets(panel: dict, moves: int, rng: random.Random) -> list[float]:
    """MOVES changes of the first slider by 1 (as the arrow key does), each timed from the
    message sent until the kernel has sent the new preview and the controls back."""
    page, slider = panel["widgets"], panel["slider"]
    done = []
    for _ in range(moves):
        await asyncio.sleep(rng.uniform(0.2, 1.0))
        value = float(page.states[slider].get("value", 50))
        mark, started = len(page.updates), time.monotonic()
        await page.set(slider, value=value - 1 if value > 50 else value + 1)

        def back(_states, mark=mark) -> bool:
            seen = [u for u in page.updates[mark:] if u[1] == slider and "disabled" in u[2]]
            return any(u[2]["disabled"] for u in seen) and not seen[-1][2]["disabled"]
        with contextlib.suppress(TimeoutError):     # no result in time: not counted, said below
            await page.wait_for(back, MOVE_SECONDS)
            done.append(1000 * (time.monotonic() - started))
    return done


async def submit_widgets(panel: dict, marker: str) -> None:
    page = panel["widgets"]
    views = page.find("TextareaModel", "wb-comment")
    confirmation = page.find("HTMLModel", "wb-confirmation")
    await page.wait_for(lambda s: not s[views].get("disabled")
                        and not s[panel["submit"]].get("disabled"), MOVE_SECONDS)
    await page.set(views, value=marker)
    panel["submitAt"], panel["ackAt"] = time.time() * 1000, None
    before = page.states[confirmation].get("value", "")
    await page.click(panel["submit"])
    await page.wait_for(lambda s: s[confirmation].get("value", "") != before
                        and "revision" in s[confirmation].get("value", ""), MOVE_SECONDS)
    panel["ackAt"] = time.time() * 1000


def kernel_memory(cluster: Cluster) -> tuple[list[float], float]:
    """RSS (MB) of every kernel process of every server, and of the servers themselves."""
    import psutil

    kernels, servers = [], 0.0
    for s in cluster.servers:
        with contextlib.suppress(psutil.Error):
            servers += psutil.Process(s.process.pid).memory_info().rss / MB
        for pid in s.kernel_pids():
            with contextlib.suppress(psutil.Error):
                kernels.append(psutil.Process(pid).memory_info().rss / MB)
    return kernels, servers


def cpu_seconds(cluster: Cluster) -> float:
    """CPU time (user and system) so far of every server and kernel: what a move costs,
    whatever else the machine is doing."""
    import psutil

    total = 0.0
    for s in cluster.servers:
        for pid in [s.process.pid, *s.kernel_pids()]:
            with contextlib.suppress(psutil.Error):
                t = psutil.Process(pid).cpu_times()
                total += t.user + t.system
    return total


async def run_one(cluster: Cluster, k: int, moves: int, seed: int,
                  client: str = "browser") -> dict:
    """K panels and one facilitator on a started cluster; the figures of this run. With
    ``client="widgets"`` the panels' pages are driven through the widget protocol (no
    browser page each); the facilitator's page is a browser page either way."""
    widgets = client == "widgets"
    from playwright.async_api import async_playwright

    rng = random.Random(seed)
    links = create_meeting(cluster.store, cluster.address)[1]
    groups = [g for g, link in links.items() if PANEL_PAGE in link]   # not the review page
    out: dict = {"k": k}
    panels: list[dict] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=require_chromium(), headless=True,
                                          args=ARGS)
        try:
            facilitator = await (await browser.new_context()).new_page()
            await facilitator.goto(links["facilitator"], timeout=OPEN_SECONDS * 1000)
            await facilitator.wait_for_selector(FACILITATOR_TABLE, timeout=OPEN_SECONDS * 1000)
            await facilitator.evaluate(FACILITATOR_PROBE, FACILITATOR_TABLE)
            import psutil

            free_before = psutil.virtual_memory().available
            deadline = time.monotonic() + OPEN_SECONDS
            started = time.monotonic()
            opened = await asyncio.gather(
                *(open_panel_widgets(links[groups[n % len(groups)]], deadline) if widgets
                  else open_panel(browser, links[groups[n % len(groups)]], deadline)
                  for n in range(k)), return_exceptions=True)
            panels = [o for o in opened if isinstance(o, dict)]
            failed = [o for o in opened if not isinstance(o, dict)]
            out["failed"] = sorted({f"{type(e).__name__}: {str(e).splitlines()[0][:160]}"
                                    for e in failed})
            say(f"K={k}: {len(panels)} pages open, {len(failed)} not, in "
                f"{time.monotonic() - started:.0f} s")
            out["opened"] = len(panels)
            out["open_all"] = time.monotonic() - started
            out["open_each"] = [x["opened"] for x in panels]
            out["servers"] = sorted({x["server"] for x in panels})
            out["per_server"] = {s: sum(x["server"] == s for x in panels)
                                 for s in out["servers"]}
            await asyncio.sleep(3)      # settle: first renders echo their sliders' values
            out["kernels"], out["server_rss"] = kernel_memory(cluster)
            out["page_mb"] = (free_before - psutil.virtual_memory().available) / MB / max(
                1, len(panels))         # kernel and browser page together, on this machine
            cpu = cpu_seconds(cluster)
            say(f"K={k}: moving sliders")
            mover = move_sliders_widgets if widgets else move_sliders
            moved = await asyncio.gather(*(mover(x, moves, random.Random(rng.random()))
                                           for x in panels), return_exceptions=True)
            out["moves"] = [m for got in moved if isinstance(got, list) for m in got]
            out["moves_asked"] = moves * len(panels)
            out["cpu_per_move"] = (cpu_seconds(cluster) - cpu) / max(1, len(out["moves"]))
            out["kernels_after"], _ = kernel_memory(cluster)
            out["submits"], out["acks"], out["unseen"] = [], [], 0
            say(f"K={k}: {len(out['moves'])} moves timed; submitting")
            firsts = panels[:len(groups)]       # page n has group n mod len(groups)
            for wave in range(0, len(panels), len(groups)):
                batch = [(f"load-{k}-{n}", firsts[n - wave]) for n in
                         range(wave, min(wave + len(firsts), len(panels)))]
                await asyncio.gather(*((submit_widgets if widgets else submit)(x, m)
                                       for m, x in batch), return_exceptions=True)
                markers = [m for m, _ in batch]
                with contextlib.suppress(Exception):
                    await facilitator.wait_for_function(
                        "ms => ms.every(m => m in window.__seen)", arg=markers,
                        timeout=WAVE_SECONDS * 1000)
                seen = await facilitator.evaluate("window.__seen")
                for m, x in batch:
                    probe = x if widgets else await x["page"].evaluate("window.__wb")
                    if probe.get("ackAt") is not None:
                        out["acks"].append(probe["ackAt"] - probe["submitAt"])
                    if m in seen and probe.get("submitAt") is not None:
                        out["submits"].append(seen[m] - probe["submitAt"])
                    else:
                        out["unseen"] += 1
        finally:
            if widgets:
                for x in panels:
                    await x["widgets"].close()
            await browser.close()
    return out


def report(setup: str, r: dict) -> None:
    kernels = r["kernels"]
    per_page = statistics.median(kernels) if kernels else 0
    print(f"\n{setup}, K={r['k']}: {r['opened']} of {r['k']} pages opened in "
          f"{r['open_all']:.0f} s (each: {summary(r['open_each'], 's')})")
    print(f"  pages per server: {r['per_server']}")
    for failure in r["failed"]:
        print(f"  not opened: {failure}")
    print(f"  kernels: {len(kernels)} processes, median RSS {per_page:.0f} MB each, "
          f"{sum(kernels) / 1024:.2f} GB in all (after the moves: median "
          f"{statistics.median(r['kernels_after'] or [0]):.0f} MB); servers themselves "
          f"{r['server_rss']:.0f} MB")
    print(f"  memory taken per page (kernel and browser page, from the free memory): "
          f"{r['page_mb']:.0f} MB")
    print(f"  slider to result: {summary(r['moves'])}; {r['moves_asked'] - len(r['moves'])} "
          f"of {r['moves_asked']} moves without a result in {MOVE_SECONDS} s; server and "
          f"kernel CPU per move {1000 * r['cpu_per_move']:.0f} ms")
    print(f"  submit to own confirmation: {summary(r['acks'])}")
    print(f"  submit to facilitator: {summary(r['submits'])}; {r['unseen']} not seen within "
          f"{WAVE_SECONDS} s")


def fits(k: int, per_page_mb: float) -> bool:
    """Room for K more kernels and browser pages, with a margin (the machine is shared)."""
    import psutil

    need = (k * per_page_mb * 1.3 + 2048) * MB
    free = psutil.virtual_memory().available
    if free < need:
        print(f"\nK={k} skipped: needs about {need / 1024**3:.1f} GB, "
              f"{free / 1024**3:.1f} GB free")
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 30, 60])
    parser.add_argument("--setups", nargs="+", choices=("one", "two"), default=["one", "two"])
    parser.add_argument("--moves", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--client", choices=("browser", "widgets"), default="browser",
                        help="drive each panel's page in a Chromium page of its own, or "
                             "through the widget protocol (benchmarks/widget_client.py), "
                             "which leaves the machine's CPU to the servers")
    args = parser.parse_args()
    require_chromium()
    import psutil

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))     # servers stopped on the way out

    print(f"machine: {psutil.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 1024**3:.1f} GB; scenario riverside; "
          f"{args.moves} moves per page; panels' pages driven by {args.client}")
    browser_mb = BROWSER_PAGE_MB if args.client == "browser" else 0
    per_page = 200.0 + browser_mb   # MB, kernel and browser page: a first guess, then measured
    results: list[tuple[str, dict]] = []
    with throwaway_postgres(max_connections=400) as pg, tempfile.TemporaryDirectory() as tmp:
        for k in args.sizes:            # both setups at each K before the next K
            for setup in args.setups:
                if not fits(k, per_page):
                    continue
                store = create_database(pg, f"load_{setup}_{k}")
                # K pages share the groups' links: let every one of them open
                caps = {"--max-per-visitor": str(k), "--max-kernels": str(k + 8)}
                say(f"{setup}, K={k}: starting the servers")
                with Cluster(1 if setup == "one" else 2, store=store, proxy=setup == "two",
                             folder=Path(tmp) / f"{setup}-{k}", optional=caps) as cluster:
                    time.sleep(10)      # the servers' preheated kernels start
                    try:
                        r = asyncio.run(run_one(cluster, k, args.moves, args.seed,
                                               args.client))
                    except Exception as exc:    # said, and the next run goes ahead
                        print(f"\n{setup}, K={k}: not measured: {type(exc).__name__}: "
                              f"{str(exc).splitlines()[0][:200]}", flush=True)
                        continue
                name = "one server" if setup == "one" else "two servers behind nginx"
                report(name, r)
                sys.stdout.flush()
                results.append((name, r))
                if r["kernels"]:
                    per_page = statistics.median(r["kernels"]) + browser_mb
    print("\nsummary (slider latency median / 95th percentile; kernel RSS per page; CPU per "
          "move):")
    for name, r in results:
        moves = r["moves"] or [float("nan")]
        print(f"  {name:<26} K={r['k']:<3} slider {statistics.median(moves):6.0f} / "
              f"{percentile(moves, 0.95):6.0f}   submit-to-facilitator "
              f"{statistics.median(r['submits'] or [float('nan')]):6.0f} ms   kernel "
              f"{statistics.median(r['kernels'] or [float('nan')]):4.0f} MB   CPU "
              f"{1000 * r['cpu_per_move']:4.0f} ms/move")


if __name__ == "__main__":
    main()
