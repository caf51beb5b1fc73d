"""Real stores for the tests: a SQLite file per test, and a throwaway PostgreSQL cluster
(Debian's postgresql package) started on a loopback port for the session, one fresh database
per test. Under CI=true a missing PostgreSQL fails the run; elsewhere its tests are skipped."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from tests.conftest import SCENARIOS


def _pg_bin() -> Path | None:
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if found:
        return Path(max(found, key=lambda p: int(Path(p).parts[-3]))).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is needed under CI: {reason} "
                    "(make test installs Debian's postgresql as root)", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason} (run 'make test' as root, or "
                "'sudo apt-get install postgresql')")


@pytest.fixture(scope="session")
def postgres_server():
    """``postgresql://workbench@127.0.0.1:PORT``: a cluster of our own, stopped at the end."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        _missing("initdb was not found (no /usr/lib/postgresql/*/bin)")
    folder = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:      # PostgreSQL refuses to run as root
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()

    def run(*args: str, timeout: float = 120) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            _missing(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()}")

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "workbench", "--auth=trust",
            "-E", "UTF8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories="
                   f"{folder} -c max_connections=200")
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
            "-t", "60", "-o", options, "start")
        yield f"postgresql://workbench@127.0.0.1:{port}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast",
                            "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's cluster."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{postgres_server}/{name}"


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'workbench.sqlite'}"


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request) -> str:
    """Each test that takes this runs on both stores."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def store(store_url):
    from workbench.store import open_store

    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def teaching_text() -> str:
    return (SCENARIOS / "teaching.yaml").read_bytes().decode("utf-8")


@pytest.fixture
def meeting(store, teaching_text):
    return store.create_meeting(teaching_text, source="teaching.yaml")
