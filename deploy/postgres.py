"""A throwaway PostgreSQL cluster of our own (Debian's postgresql package) on a loopback
port: for the tests, and for the demonstration cluster. Never a server a council keeps."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


class PostgresMissing(Exception):
    """PostgreSQL is not installed or would not start: the reason, in plain words."""


def postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin, or the folder of an ``initdb`` on the PATH."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if found:
        return Path(max(found, key=lambda p: int(Path(p).parts[-3]))).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the kernel's pick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def throwaway_postgres(max_connections: int = 200) -> Iterator[str]:
    """``postgresql://workbench@127.0.0.1:PORT``: a new cluster in a temporary folder, trust
    authentication on loopback only, stopped and removed at the end. As root it runs as the
    ``postgres`` user (PostgreSQL refuses root). Raises PostgresMissing with the reason."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise PostgresMissing("initdb was not found (no /usr/lib/postgresql/*/bin)")
    folder = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:      # PostgreSQL refuses to run as root
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", free_port()

    def run(*args: str, timeout: float = 120) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise PostgresMissing(
                f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()}")

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "workbench", "--auth=trust",
            "-E", "UTF8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories="
                   f"{folder} -c max_connections={max_connections}")
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
            "-t", "60", "-o", options, "start")
        yield f"postgresql://workbench@127.0.0.1:{port}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast",
                            "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def create_database(server: str, name: str) -> str:
    """A new empty database ``name`` on ``server``; its URL."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"
