"""Entry point of the notebooks: one call builds the whole page."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from workbench.ui.views import SCENARIO_DIR, build_meeting_app

EXAMPLE = SCENARIO_DIR / "riverside.yaml"


def default_scenario() -> Path:
    return Path(os.environ.get("WORKBENCH_SCENARIO") or EXAMPLE)


def build_app(scenario: str | Path | None = None) -> widgets.VBox:
    """The meeting workbench on ``scenario`` (default: WORKBENCH_SCENARIO or the example)."""
    return build_meeting_app(scenario or default_scenario())
