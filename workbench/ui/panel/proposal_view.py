"""The officers' proposal on a panel's own page, beside what everyone's latest weights
choose, with each group's satisfaction under both (commissioning-cycle.md, section 2): a
consensus against the officers' direction is visible to the panels, not only to the room."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.analysis.compare import beside
from workbench.errors import WorkbenchError
from workbench.ui.common.proposal import proposal_html

TITLE = "Compare with the officers' proposal"


class ProposalView:
    """Redrawn whenever everyone's choice changes; empty when the scenario has no proposal."""

    def __init__(self, state):
        self.state = state
        self.html = widgets.HTML().add_class("wb-proposal-panel")
        self.box = widgets.VBox([self.html] if state.scenario.proposal else [])
        state.observe(lambda _: self.show(), names="agreed")
        self.show()

    def show(self) -> None:
        state = self.state
        agreed = state.agreed
        if not state.scenario.proposal or agreed is None or agreed.portfolio is None:
            return
        try:
            measured = beside(agreed, state.scenario.proposal)
        except WorkbenchError:
            return
        self.html.value = proposal_html(state.scenario, agreed, measured, "everyone's choice",
                                        cards=True)
