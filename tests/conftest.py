"""Shared paths and helpers for the tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.pg import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]   # one PostgreSQL cluster for every test folder

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"
ARTIFACTS = ROOT / "test-artifacts"


def pytest_configure(config):
    os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def riverside_path() -> Path:
    return SCENARIOS / "riverside.yaml"


@pytest.fixture
def teaching_path() -> Path:
    return SCENARIOS / "teaching.yaml"


def check_golden(name: str, data: dict) -> dict:
    """Compare ``data`` with the golden file; UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    return json.loads(path.read_text())
