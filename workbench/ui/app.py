"""The page: built from the state model; widgets only display it (views link, never compute)."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from workbench.ui.render import givens_html, portfolio_html
from workbench.ui.state import AppState

EXAMPLE = Path(__file__).resolve().parents[2] / "scenarios" / "riverside.yaml"


def default_scenario() -> Path:
    return Path(os.environ.get("WORKBENCH_SCENARIO") or EXAMPLE)


def build_app(scenario: str | Path | None = None) -> widgets.VBox:
    """Build the workbench page for ``scenario`` (default: WORKBENCH_SCENARIO or the example)."""
    state = AppState()
    title = widgets.HTML().add_class("wb-title")
    givens = widgets.HTML().add_class("wb-givens-panel")
    results = widgets.HTML().add_class("wb-results")
    status = widgets.HTML().add_class("wb-status")

    def show(_=None) -> None:
        if state.scenario is not None:
            from html import escape

            title.value = f"<h1>{escape(state.scenario.name)}</h1>"
            givens.value = "<h2>Givens</h2>" + givens_html(state.scenario)
            results.value = "<h2>Recommendation</h2>" + portfolio_html(state.scenario,
                                                                        state.result)

    def show_status(change) -> None:
        from html import escape

        status.value = f'<pre role="status">{escape(change["new"])}</pre>'

    state.observe(show, names="result")
    state.observe(show_status, names="status")
    state.open(scenario or default_scenario())
    page = widgets.VBox([title, status, givens, results]).add_class("wb-app")
    page.state = state  # for tests and notebooks that want to drive the page
    return page
