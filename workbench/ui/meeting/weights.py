"""Each group's weights on the meeting page: one tab per group, a slider and a typed box per
criterion, and the group's influence. The state holds the weights; these widgets mirror it
and ask it to change. A refused value (150, or the group's last weight set to 0) puts the
controls back to what the state kept, and the state says why beside them."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import ipywidgets as widgets

from workbench.scenario import Scenario

Working = Callable[[], AbstractContextManager]


def _close(a: float, b: float) -> bool:
    # the front end echoes 10.0 back as 10.000000000000002
    return abs(float(a) - float(b)) < 1e-9


class GroupWeights:
    """The weights tabs. ``tabs`` is the widget; ``controls`` the open tab's sliders and
    boxes."""

    def __init__(self, state, working: Working):
        self.state, self.working = state, working
        self.tabs = widgets.Tab().add_class("wb-weights")
        self.sliders: dict[tuple[str, str], widgets.FloatSlider] = {}
        self.boxes: dict[tuple[str, str], widgets.FloatText] = {}
        self.influence: dict[str, widgets.FloatSlider] = {}
        self._groups: list[str] = []
        state.observe(lambda _: self.show(), names=["group_weights", "influence"])

    def rebuild(self, scenario: Scenario) -> None:
        """New scenario: one tab per group, one row per criterion, then its influence."""
        self.sliders, self.boxes, self.influence = {}, {}, {}
        pages = []
        for g in scenario.stakeholders:
            rows = [self._row(g.id, c.id, c.name) for c in scenario.criteria]
            influence = widgets.FloatSlider(
                value=self.state.influence[g.id], min=0, max=5, step=0.5,
                description="Influence of this group", continuous_update=False,
                readout_format=".1f").add_class(f"wb-influence-{g.id}")
            influence.observe(lambda change, group=g.id: self._weigh(group, change["new"]),
                              names="value")
            self.influence[g.id] = influence
            rows.append(widgets.HBox([influence]).add_class("wb-weight-row"))
            pages.append(widgets.VBox(rows).add_class("wb-group-weights"))
        self.tabs.children = pages
        for k, g in enumerate(scenario.stakeholders):
            self.tabs.set_title(k, g.name)
        self._groups = [g.id for g in scenario.stakeholders]

    @property
    def controls(self) -> list[widgets.Widget]:
        """The open tab's sliders and boxes: the others cannot be touched while hidden, and
        turning each of ~80 controls off and on again cost the page a round of messages."""
        k = self.tabs.selected_index
        if k is None or k >= len(self._groups):
            return []
        group = self._groups[k]
        return [*(w for (g, _), w in self.sliders.items() if g == group),
                *(w for (g, _), w in self.boxes.items() if g == group),
                self.influence[group]]

    def _row(self, group: str, criterion: str, name: str) -> widgets.HBox:
        value = self.state.group_weights[group].get(criterion, 0)
        slider = widgets.FloatSlider(value=value, min=0, max=100, step=1, description=name,
                                     continuous_update=False, readout=False)
        slider.add_class(f"wb-slider-{group}-{criterion}")
        # typed weights arrive as typed (a slider's own readout would clamp 150 to 100
        # without a word), so the state can refuse them in words
        box = widgets.FloatText(value=value, description=f"{name}, weight 0 to 100",
                                continuous_update=False)
        box.add_class(f"wb-points-{group}-{criterion}").add_class("wb-points")
        self.sliders[(group, criterion)], self.boxes[(group, criterion)] = slider, box
        for w in (slider, box):
            w.observe(lambda change, g=group, c=criterion: self._moved(g, c, change["new"]),
                      names="value")
        return widgets.HBox([slider, box]).add_class("wb-weight-row")

    def _moved(self, group: str, criterion: str, value: float) -> None:
        if _close(value, self.state.group_weights[group].get(criterion, 0)):
            return
        with self.working():
            self.state.set_weight(group, criterion, value)
        self.show()     # refused or not, the controls show what the state holds

    def _weigh(self, group: str, value: float) -> None:
        if _close(value, self.state.influence[group]):
            return
        with self.working():
            self.state.set_influence(group, value)
        self.show()

    def show(self) -> None:
        """Every control at the state's value (weights set by swing or pairwise too)."""
        for (g, c), slider in self.sliders.items():
            value = self.state.group_weights.get(g, {}).get(c)
            if value is None:
                continue
            for w in (slider, self.boxes[(g, c)]):
                if not _close(w.value, value):
                    w.value = value
        for g, slider in self.influence.items():
            if g in self.state.influence and not _close(slider.value, self.state.influence[g]):
                slider.value = self.state.influence[g]
