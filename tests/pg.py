"""The throwaway PostgreSQL cluster (deploy/postgres.py) as pytest fixtures, shared by the
store's tests and the deployment's: one cluster for the session, one fresh database per test.
Under CI=true a missing PostgreSQL fails the run; elsewhere its tests are skipped."""

from __future__ import annotations

import uuid

import pytest

from deploy.postgres import PostgresMissing, create_database, throwaway_postgres
from tests.missing import missing


def _missing(reason: str):
    missing("PostgreSQL", "postgresql", reason)


@pytest.fixture(scope="session")
def postgres_server():
    """``postgresql://workbench@127.0.0.1:PORT``: a cluster of our own, stopped at the end."""
    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresMissing as exc:
        _missing(str(exc))


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's cluster."""
    return create_database(postgres_server, f"t_{uuid.uuid4().hex[:12]}")
