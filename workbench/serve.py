"""Start Voila on the workbench notebook, with the settings measured to start fast."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.paths import EXAMPLE_SCENARIO, NOTEBOOKS_DIR
from workbench.scenario import load_scenario

NOTEBOOK = NOTEBOOKS_DIR / "workbench.ipynb"
# "meetings" serves the whole folder: the panels' and the facilitator's pages, opened from
# the links `workbench meeting create` prints (/voila/render/panel.ipynb?meeting=…&token=…).
APPS = {"meeting": NOTEBOOK, "finance": NOTEBOOKS_DIR / "finance.ipynb",
        "meetings": NOTEBOOKS_DIR}
PAGES = {"meeting": "workbench", "finance": "finance page",
         "meetings": "meeting pages (panels and facilitator)"}


def voila_command(notebook: Path, port: int) -> list[str]:
    """Preheated kernel (fast first page) and culling of idle kernels (voila issue 1458)."""
    return [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", "--preheat_kernel=True", "--pool_size=1",
            "--MappingKernelManager.cull_idle_timeout=900",
            "--MappingKernelManager.cull_interval=60",
            "--VoilaConfiguration.show_tracebacks=False"]


def serve(scenario: str | None, port: int = 8866, app: str = "meeting",
          store: str | None = None) -> int:
    """Check the scenario first (clear errors here, not in the browser), then serve it on
    the meeting page, the finance page, or (``app="meetings"``) the pages of stored
    meetings, reading the store at ``store`` (default: WORKBENCH_STORE_URL or ./data)."""
    path = Path(scenario) if scenario else EXAMPLE_SCENARIO
    load_scenario(path)
    if app not in APPS:
        raise WorkbenchError(f"unknown app {app!r} (apps are {', '.join(APPS)})")
    notebook = APPS[app]
    if not notebook.exists():
        raise WorkbenchError(f"{notebook}: the {app} notebook is missing")
    env = dict(os.environ, WORKBENCH_SCENARIO=str(path.resolve()))
    if store:
        env["WORKBENCH_STORE_URL"] = store
    print(f"Serving the {PAGES[app]} on {path} at http://127.0.0.1:{port}/ (Ctrl-C stops it)",
          flush=True)
    # Become Voila (no parent left behind): a signal that stops this process stops the server,
    # and the server's kernels follow it. Run as a child, Voila outlived a killed parent and
    # kept its kernels (seen: 227 leftover processes filling the memory).
    command = voila_command(notebook, port)
    os.execve(command[0], command, env)
    return 0  # not reached
