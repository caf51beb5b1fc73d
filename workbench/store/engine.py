"""Where the meeting store lives, and opening it ready to use.

SQLite by default (a file in one absolute data folder, created on first use readable only by
its owner, no setup), PostgreSQL
when a ``postgresql://`` URL is given (``--store`` or WORKBENCH_STORE_URL). Opening brings
the schema up to date with Alembic, under a lock so that many processes may open at once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url

from workbench.errors import StoreError

URL_VARIABLE = "WORKBENCH_STORE_URL"
DATA_VARIABLE = "WORKBENCH_DATA"
DEFAULT_FILE = "workbench.sqlite"
BUSY_TIMEOUT_MS = 30_000
MIGRATION_LOCK = 5_150_001   # PostgreSQL advisory lock key held while migrating


def data_folder() -> Path:
    """Where the default store lives: $WORKBENCH_DATA, else the user's data folder
    ($XDG_DATA_HOME/workbench or ~/.local/share/workbench). Absolute, so that every command
    and page finds the same store whatever folder it runs from."""
    named = os.environ.get(DATA_VARIABLE)
    if named:
        return Path(named).expanduser().resolve()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser().resolve() / "workbench"


def store_url(url: str | None = None) -> URL:
    """The store's URL: ``url``, else $WORKBENCH_STORE_URL, else the SQLite file in
    ``data_folder()``. A plain path means a SQLite file (made absolute)."""
    text = url or os.environ.get(URL_VARIABLE) or ""
    if not text:
        text = str(data_folder() / DEFAULT_FILE)
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    try:
        parsed = make_url(text)
    except (sa.exc.ArgumentError, ValueError):
        raise StoreError(f"store URL {text!r} is not a URL (sqlite:///PATH or "
                         "postgresql://USER@HOST:PORT/DATABASE)") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and parsed.get_driver_name() in ("pysqlite", ""):
        return parsed
    raise StoreError(f"store URL {parsed.render_as_string(hide_password=True)!r}: only "
                     "sqlite:///PATH and postgresql:// stores are supported")


def describe(url: URL) -> str:
    """The URL to show people: never the password."""
    return url.render_as_string(hide_password=True)


def create_engine(url: URL) -> Engine:
    """An engine with the settings the store relies on (see the module docstring)."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return sa.create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4,
                            connect_args={"connect_timeout": 10})


def _sqlite_engine(url: URL) -> Engine:
    if url.database in (None, "", ":memory:"):
        raise StoreError("the SQLite store needs a file (an in-memory store would lose "
                         "everything at exit)")
    path = Path(url.database)
    try:
        _private_file(path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the meeting store ({exc.strerror})") \
            from None
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi, _record) -> None:
        dbapi.isolation_level = None      # the store says BEGIN itself (below)
        cursor = dbapi.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")      # a committed submission survives a crash
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A write takes the write lock at BEGIN, so it waits its turn (busy_timeout) instead
        # of failing when it upgrades a read lock that another writer got first.
        mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _private_file(path: Path) -> None:
    """Create the SQLite file 0600 in a folder made 0700, before SQLite opens it: its -wal
    and -shm files take the database file's mode, so none of them is world-readable."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction: committed when the block ends, rolled back on any error."""
    with engine.connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            yield conn


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction (one consistent snapshot on SQLite)."""
    with engine.connect() as conn, conn.begin():
        yield conn


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration (a no-op when it is there already)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                         {"key": MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


__all__ = ["create_engine", "data_folder", "describe", "migrate", "reading", "store_url",
           "writing"]
