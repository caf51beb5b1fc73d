"""Where the workbench finds the files it ships: its notebooks and example scenarios.

One place, so that a checkout, an editable install and an installed wheel all agree."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = _ROOT / "notebooks"
SCENARIO_DIR = _ROOT / "scenarios"
EXAMPLE_SCENARIO = SCENARIO_DIR / "riverside.yaml"
