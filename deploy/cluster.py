"""A demonstration of one meeting on several servers: N meeting servers (`workbench serve
--app meetings`), Debian's nginx in front of them with sticky sessions, and one PostgreSQL
meeting store (a throwaway cluster of our own unless --store names one). Loopback only.

    python -m deploy.cluster --servers 2 [--port 8080] [--store URL] [--scenario FILE]

It prints the address and a meeting's links, and stops everything on Ctrl-C. It does not
restart a server that dies: its browsers go to the others after a reload (nginx's doing)."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from deploy.postgres import PostgresMissing, create_database, free_port, throwaway_postgres
from deploy.proxy import NginxMissing, start_nginx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "scenarios" / "riverside.yaml"
START_SECONDS = 120       # a server's first start imports the whole workbench


@dataclass
class Server:
    """One meeting server: `workbench serve --app meetings` in its own process group."""
    number: int
    port: int
    process: subprocess.Popen
    log: Path
    kernels: dict[int, object] = field(default_factory=dict)    # pid: psutil.Process

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}/"

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def kernel_pids(self) -> list[int]:
        """The server's kernels (its child processes), remembered so that they can be
        stopped even after the server itself is gone."""
        import psutil

        with contextlib.suppress(psutil.Error):
            found = psutil.Process(self.process.pid).children(recursive=True)
            self.kernels.update((p.pid, p) for p in found)
            return sorted(p.pid for p in found)
        return []

    def stop_kernels(self) -> None:
        """SIGKILL every kernel seen (psutil refuses a pid that has been reused)."""
        import psutil

        for kernel in self.kernels.values():
            with contextlib.suppress(psutil.Error):
                kernel.kill()


def serve_options() -> set[str]:
    """The options this workbench's ``workbench serve`` takes: the cluster passes an
    optional one (``--behind-proxy``, kernel caps) only where it exists."""
    done = subprocess.run([sys.executable, "-m", "workbench.cli", "serve", "--help"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    return set(re.findall(r"--[a-z][\w-]*", done.stdout))


def wait_listening(port: int, process: subprocess.Popen, what: str, log: Path,
                   timeout: float = START_SECONDS) -> None:
    """Until ``port`` on loopback accepts a connection; the log's end if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped at start:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {timeout:.0f} s")


class Cluster:
    """Start with ``with Cluster(2) as c:``; ``c.address`` is nginx's (or, with
    ``proxy=False``, the only server's) URL, ``c.store`` the store every server shares."""

    def __init__(self, servers: int = 2, *, store: str | None = None,
                 scenario: Path = EXAMPLE, proxy: bool = True, port: int | None = None,
                 folder: Path | None = None, optional: dict[str, str | None] | None = None):
        """``optional``: options for every server, each passed only if ``workbench serve``
        has it (``{"--max-per-visitor": "60"}``); behind the proxy, ``--behind-proxy`` too,
        so the servers see each visitor's address rather than nginx's."""
        if servers < 1 or (not proxy and servers != 1):
            raise ValueError("one server or more; without the proxy, exactly one")
        self.count, self.store, self.scenario = servers, store, Path(scenario)
        self.proxy, self.port = proxy, port or free_port()
        self.folder = Path(folder) if folder else None
        self.optional = {**({"--behind-proxy": None} if proxy else {}), **(optional or {})}
        self.server_args: list[str] = []
        self.servers: list[Server] = []
        self.nginx: subprocess.Popen | None = None
        self._exit = contextlib.ExitStack()

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/" if self.proxy else self.servers[0].url

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="workbench-cluster-"))
            self._exit.callback(shutil.rmtree, self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.store is None:
            server = self._exit.enter_context(throwaway_postgres())
            self.store = create_database(server, "workbench")
        from workbench.store import open_store

        open_store(self.store).close()       # the schema, once, before the servers start
        known = serve_options()
        for option, value in self.optional.items():
            if option in known:
                self.server_args += [option] if value is None else [option, value]
        for k in range(1, self.count + 1):
            self.servers.append(self._start_server(k))
        for s in self.servers:
            wait_listening(s.port, s.process, f"server {s.number}", s.log)
        if self.proxy:
            run = self.folder / "nginx"
            self.nginx = start_nginx(run, [s.address for s in self.servers],
                                     f"127.0.0.1:{self.port}")
            wait_listening(self.port, self.nginx, "nginx", run / "nginx.out", 30)

    def _start_server(self, number: int) -> Server:
        """HOME and TMPDIR of its own (Jupyter writes there), its log beside them."""
        home = self.folder / f"server-{number}"
        (home / "tmp").mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, HOME=str(home), TMPDIR=str(home / "tmp"),
                   PYTHONUNBUFFERED="1", JUPYTER_PLATFORM_DIRS="1",
                   WORKBENCH_STORE_URL=self.store)
        env.pop("MPLBACKEND", None)
        port = free_port()
        log = home / "server.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "workbench.cli", "serve", str(self.scenario),
                 "--app", "meetings", "--port", str(port), "--store", self.store,
                 *self.server_args],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        return Server(number, port, process, log)

    def kill(self, server: Server) -> None:
        """SIGKILL the server's process group, as a crash would (its kernels see their
        parent go and stop themselves)."""
        server.kernel_pids()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(10)

    def stop(self) -> None:
        """nginx, then every server and kernel, then the database; bounded in time."""
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)      # nginx's graceful stop
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.nginx.pid, signal.SIGKILL)
                self.nginx.wait(5)
        for s in self.servers:
            s.kernel_pids()
            if s.alive():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(s.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for s in self.servers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                s.process.wait(max(0.1, deadline - time.monotonic()))
            if s.alive():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(s.process.pid, signal.SIGKILL)
                s.process.wait(5)
            s.stop_kernels()
        self._exit.close()


def create_meeting(store: str, base_url: str, scenario: Path = EXAMPLE) -> tuple[str, dict]:
    """`workbench meeting create`, as a facilitator runs it: its output, and who -> link
    read from it (so whatever the links become, they are the ones people are given)."""
    done = subprocess.run([sys.executable, "-m", "workbench.cli", "meeting", "create",
                           str(scenario), "--store", store, "--base-url", base_url.rstrip("/")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"workbench meeting create failed: {done.stderr.strip()}")
    return done.stdout, dict(re.findall(r"^\s+(\w+)\s+(http\S+)$", done.stdout, re.M))


def _watch(cluster: Cluster) -> None:
    """Say when a server or nginx stops; never restart anything."""
    told: set[int] = set()
    while True:
        time.sleep(1)
        for s in cluster.servers:
            if not s.alive() and s.number not in told:
                told.add(s.number)
                print(f"server {s.number} ({s.address}) stopped; its browsers reach the "
                      "others after a reload. Its log ends:\n" + s.log_tail(10), flush=True)
        if cluster.nginx is not None and cluster.nginx.poll() is not None:
            print("nginx stopped; stopping everything", flush=True)
            return
        if len(told) == len(cluster.servers):
            print("every server has stopped; stopping everything", flush=True)
            return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=2, help="meeting servers (default 2)")
    parser.add_argument("--port", type=int, default=8866, help="nginx's port on 127.0.0.1")
    parser.add_argument("--store", default=None,
                        help="a PostgreSQL URL (default: a throwaway cluster of our own)")
    parser.add_argument("--scenario", type=Path, default=EXAMPLE,
                        help="the demonstration meeting's scenario (default riverside)")
    parser.add_argument("--no-meeting", action="store_true",
                        help="do not create a demonstration meeting")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))     # cleaned up like Ctrl-C
    try:
        with Cluster(args.servers, store=args.store, scenario=args.scenario,
                     port=args.port) as cluster:
            print(f"Meeting pages at {cluster.address} (nginx, sticky sessions) on "
                  f"{len(cluster.servers)} servers: "
                  + ", ".join(s.address for s in cluster.servers), flush=True)
            print(f"Meeting store: {cluster.store}\nLogs: {cluster.folder}", flush=True)
            if not args.no_meeting:
                print(create_meeting(cluster.store, cluster.address, args.scenario)[0],
                      end="", flush=True)
            print("Ctrl-C stops everything.", flush=True)
            _watch(cluster)
    except KeyboardInterrupt:
        print("\nstopped", flush=True)
    except (PostgresMissing, NginxMissing, RuntimeError) as exc:
        print(f"deploy.cluster: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
