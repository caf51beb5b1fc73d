"""Entry point of the notebooks: one call builds the whole page."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from workbench.ui.finance import decision_from_meeting
from workbench.ui.finance_views import build_finance_page, export_panel
from workbench.ui.views import SCENARIO_DIR, build_meeting_app

EXAMPLE = SCENARIO_DIR / "riverside.yaml"


def default_scenario() -> Path:
    return Path(os.environ.get("WORKBENCH_SCENARIO") or EXAMPLE)


# ipywidgets gives a slider's handle (role=slider) no accessible name; name each one after
# its widget's description, now and whenever widgets are drawn (tabs, new scenarios).
NAME_SLIDERS = """
(function () {
  function name() {
    document.querySelectorAll('.widget-slider').forEach(function (w) {
      var label = w.querySelector('.widget-label');
      var handle = w.querySelector('.noUi-handle');
      if (label && handle && !handle.getAttribute('aria-label')) {
        handle.setAttribute('aria-label', label.textContent.trim());
      }
    });
  }
  name();
  new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
})();
"""


def build_app(scenario: str | Path | None = None) -> widgets.VBox:
    """The meeting workbench on ``scenario`` (default: WORKBENCH_SCENARIO or the example),
    with the finance export of its current recommendation at the foot of the page."""
    from IPython.display import Javascript, display

    page = build_meeting_app(scenario or default_scenario())
    page.children = (*page.children,
                     export_panel(lambda: decision_from_meeting(page.state)))
    display(Javascript(NAME_SLIDERS))
    return page


def build_finance_app(scenario: str | Path | None = None) -> widgets.VBox:
    """The finance page on ``scenario`` (default: WORKBENCH_SCENARIO or the example)."""
    return build_finance_page(scenario or default_scenario())
