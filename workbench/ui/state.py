"""UI state as a traitlets model: no widgets here, so tests drive it without a browser."""

from __future__ import annotations

from pathlib import Path

import traitlets

from workbench.errors import WorkbenchError
from workbench.optimiser.recommend import Recommendation, recommend
from workbench.scenario import Scenario, load_scenario


class AppState(traitlets.HasTraits):
    """What the page shows: the loaded scenario, its recommendation, and a status line."""

    scenario_path = traitlets.Unicode("")
    scenario = traitlets.Instance(Scenario, allow_none=True)
    result = traitlets.Instance(Recommendation, allow_none=True)
    status = traitlets.Unicode("")
    busy = traitlets.Bool(False)

    def open(self, path: str | Path) -> None:
        """Load and solve a scenario; on any problem keep what was loaded and say why."""
        self.busy = True
        try:
            scenario = load_scenario(path)
            result = recommend(scenario)
        except WorkbenchError as exc:
            self.status = f"Could not open {path}:\n{exc}"
            return
        finally:
            self.busy = False
        self.scenario, self.result, self.scenario_path = scenario, result, str(path)
        self.status = f"Opened {Path(path).name}: {result.status.replace('_', ' ')}."
