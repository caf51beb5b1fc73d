"""Real stores for the tests: a SQLite file per test, and a throwaway PostgreSQL cluster
(Debian's postgresql package) started on a loopback port for the session, one fresh database
per test (``postgres_url``, from tests/pg.py). Under CI=true a missing PostgreSQL fails the
run; elsewhere its tests are skipped."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS


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
