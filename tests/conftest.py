"""Shared paths and helpers for the tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.pg import postgres_server, postgres_url
from workbench.paths import SCENARIO_DIR

__all__ = ["postgres_server", "postgres_url"]   # one PostgreSQL cluster for every test folder

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = SCENARIO_DIR
DATASETS = Path(__file__).resolve().parent / "datasets"   # data the tests use, with provenance
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
    """The golden file ``name``, which ``data`` must equal. A missing golden file fails the
    test (a comparison with itself would prove nothing); UPDATE_GOLDEN=1 writes it."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    if not path.exists():
        pytest.fail(f"golden file {path} is missing: run with UPDATE_GOLDEN=1 to write it, "
                    "then review and commit it")
    return json.loads(path.read_text())
