"""``workbench serve``: check everything that can be checked before the server starts (the
scenario, the store, the address and its certificate), say where it serves and from which
store, then serve the pages (workbench.server.app) in this process.

Serving in this process (not a child) means a signal that stops it stops the server and its
kernels (a child Voilà once outlived a killed parent with 227 leftover processes)."""

from __future__ import annotations

import ipaddress
import os
import secrets
import ssl
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.paths import EXAMPLE_SCENARIO, NOTEBOOKS_DIR
from workbench.scenario import load_scenario

NOTEBOOK = NOTEBOOKS_DIR / "workbench.ipynb"
# "meetings" serves the panels' and the facilitator's pages only, opened from the links
# `workbench meeting create` prints (/voila/render/panel.ipynb?meeting=…&token=…).
APPS = {"meeting": NOTEBOOK, "finance": NOTEBOOKS_DIR / "finance.ipynb",
        "meetings": NOTEBOOKS_DIR}
PAGES = {"meeting": "workbench", "finance": "finance page",
         "meetings": "meeting pages (panels and facilitator)"}
MEETING_PAGES = {"panel.ipynb": "panel", "facilitator.ipynb": "facilitator",
                 "review.ipynb": "facilitator", "challenge.ipynb": "public",
                 "pb.ipynb": "facilitator", "needs.ipynb": "public",
                 "evaluator.ipynb": "evaluator", "moderation.ipynb": "moderator",
                 "ballot.ipynb": "voter", "specification.ipynb": "facilitator"}
# The single-meeting server's other pages, beside the meeting page at /: address -> notebook
# (the participatory-budgeting page at /pb, with no meeting, token or store behind it).
MEETING_APP_PAGES = {"pb": "pb.ipynb"}
FINANCE_TOKEN_VARIABLE = "WORKBENCH_FINANCE_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(host: str, certfile: str | None, keyfile: str | None,
                  insecure: bool) -> None:
    """Refuse to send tokens in clear over a network; check the certificate loads."""
    if keyfile and not certfile:
        raise WorkbenchError("--keyfile needs --certfile")
    if certfile:
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(
                certfile, keyfile)
        except (OSError, ssl.SSLError) as exc:
            raise WorkbenchError(f"{certfile}: cannot use this certificate and key "
                                 f"({getattr(exc, 'strerror', None) or exc})") from None
    elif not is_loopback(host) and not insecure:
        raise WorkbenchError(
            f"serving on {host} without TLS would send every link's token in clear over the "
            "network: give --certfile and --keyfile, or serve on 127.0.0.1 behind a proxy "
            "that terminates TLS (see the README), or add --insecure on a network you trust")


def _store_for_pages(app: str, store: str | None) -> tuple[object, object, str | None]:
    """(store_readable, open_store, where) for the server, with the environment set so that
    the pages' kernels find the very same store."""
    from workbench.store.engine import (
        DATA_VARIABLE,
        URL_VARIABLE,
        data_folder,
        describe,
        store_url,
    )

    if app == "meeting":
        return (lambda: False), None, None
    url = store_url(store)
    if store or os.environ.get(URL_VARIABLE):
        os.environ[URL_VARIABLE] = url.render_as_string(hide_password=False)
        configured = True
    else:
        os.environ[DATA_VARIABLE] = str(data_folder())
        configured = False
    opened = []

    def readable() -> bool:
        return configured or Path(url.database or "").exists()

    def open_once():
        if not opened:
            from workbench.store import MeetingStore

            opened.append(MeetingStore(os.environ.get(URL_VARIABLE) or None))
        return opened[0]

    if app == "meetings":
        open_once()     # created and migrated now: a store that cannot open fails here
    return readable, open_once, describe(url)


def _write_private(text: str) -> Path:
    """The finance link goes in a file only its owner can read, never in the server's
    output (which may be logged): the data folder's finance-link.txt, created 0600."""
    from workbench.store.engine import data_folder

    folder = data_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "finance-link.txt"
    path.unlink(missing_ok=True)
    with os.fdopen(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600), "w") as out:
        out.write(text)
    return path


def serve(scenario: str | None, port: int = 8866, app: str = "meeting",
          store: str | None = None, *, host: str = "127.0.0.1", certfile: str | None = None,
          keyfile: str | None = None, insecure: bool = False, behind_proxy: bool = False,
          max_kernels: int | None = None, per_visitor: int = 3,
          idle_minutes: float = 30) -> int:
    """Check the scenario and the address first (clear errors here, not in the browser),
    then serve the meeting page, the finance page, or (``app="meetings"``) the panels' and
    facilitator's pages of the meetings in the store (``store``, default: WORKBENCH_STORE_URL
    or the one data folder, see workbench.store.engine)."""
    path = Path(scenario) if scenario else EXAMPLE_SCENARIO
    load_scenario(path)
    if app not in APPS:
        raise WorkbenchError(f"unknown app {app!r} (apps are {', '.join(APPS)})")
    target = APPS[app]
    if not target.exists():
        raise WorkbenchError(f"{target}: the {app} notebook is missing")
    check_address(host, certfile, keyfile, insecure)
    from workbench.server.kernel_cap import default_max_kernels

    os.environ["WORKBENCH_SCENARIO"] = str(path.resolve())
    readable, opener, where = _store_for_pages(app, store)
    finance_token = None
    if app == "finance":
        finance_token = os.environ.pop(FINANCE_TOKEN_VARIABLE, None) or secrets.token_urlsafe(32)
    scheme = "https" if certfile else "http"
    shown = f"[{host}]" if ":" in host else host
    print(f"Serving the {PAGES[app]} on {path} at {scheme}://{shown}:{port}/ (Ctrl-C stops it)",
          flush=True)
    if app == "meeting":
        print(f"The participatory budgeting page: {scheme}://{shown}:{port}/pb", flush=True)
    if where:
        print(f"Meeting store: {where}", flush=True)
    if finance_token:
        where_link = _write_private(f"{scheme}://{shown}:{port}/?token={finance_token}\n")
        print(f"Finance link (needed once a meeting store exists; hand it only to finance "
              f"officers): in {where_link}, readable only by you", flush=True)
    from workbench.server.app import ServerOptions, run

    return run(ServerOptions(
        app=app, target=target, host=host, port=port, certfile=certfile, keyfile=keyfile,
        behind_proxy=behind_proxy, max_kernels=max_kernels or default_max_kernels(),
        per_visitor=per_visitor, idle_minutes=idle_minutes,
        pages=MEETING_PAGES if app == "meetings" else {}, finance_token=finance_token,
        more_pages=MEETING_APP_PAGES if app == "meeting" else {},
        store_readable=readable, store=opener))
