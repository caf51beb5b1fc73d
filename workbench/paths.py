"""Where the workbench finds the files it ships: its notebooks and example scenarios.

They are package data (inside ``workbench/``), so a checkout, an editable install and an
installed wheel all find them here, wherever the command is run from. This is the one place
that says where they are; the root-level ``scenarios`` of a checkout is a link to the same
folder, kept so that the README's commands work word for word from the project's root."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"
SCENARIO_DIR = PACKAGE_DIR / "scenarios"
EXAMPLE_SCENARIO = SCENARIO_DIR / "riverside.yaml"
EXAMPLE_ELECTION = SCENARIO_DIR / "pb" / "Poland_Warszawa_2019_Sluzewiec.pb"   # see its README
