"""Swing and pairwise (AHP) entry of one group's weights: widgets linked to a MeetingState.

A panel that finds sliders hard can rank swings instead, or compare criteria two at a time;
either way the result replaces that group's slider weights, and pairwise comparisons that
contradict each other are shown with their consistency ratio before anything is used.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from itertools import combinations

import ipywidgets as widgets

from workbench.scenario import Scenario

# Saaty's scale, odd steps: how much more important the first criterion is than the second.
SCALE = [(9, "extremely"), (7, "very strongly"), (5, "strongly"), (3, "moderately")]
WIDE = {"description_width": "16em"}


def _judgements(first: str, second: str) -> list[tuple[str, float]]:
    """The choices of one comparison, from 'first extremely more important' to the reverse."""
    more = [(f"{first} {word} more important ({k})", float(k)) for k, word in SCALE]
    less = [(f"{second} {word} more important (1/{k})", 1 / k) for k, word in reversed(SCALE)]
    return [*more, ("Equally important (1)", 1.0), *less]


class WeightingPanel:
    """Swing points and pairwise comparisons, with their buttons, for the group picked
    (``with_groups``) or for the one group a panel speaks for.

    ``swing(group, points)``, ``pairwise(group, matrix, accept_inconsistent)`` and
    ``verdict(group)`` (HTML) are the state's own calls; the panel only gathers their input.
    """

    def __init__(self, working: Callable[[], AbstractContextManager],
                 swing: Callable[[str | None, dict[str, float]], bool],
                 pairwise: Callable[[str | None, list[list[float]], bool], bool],
                 verdict: Callable[[str | None], str], with_groups: bool = True):
        self.working, self.on_swing, self.on_pairwise = working, swing, pairwise
        self.verdict_of = verdict
        self.scenario: Scenario | None = None
        self.group = widgets.Dropdown(description="Group", style=WIDE,
                                      layout=widgets.Layout(
                                          display=None if with_groups else "none"))
        self.group.add_class("wb-method-group")
        self.swing_box = widgets.VBox().add_class("wb-swing")
        self.pair_box = widgets.VBox().add_class("wb-pairwise")
        self.use_swing = widgets.Button(description="Use these swing weights")
        self.use_swing.add_class("wb-use-swing")
        self.use_pairs = widgets.Button(description="Use pairwise weights")
        self.use_pairs.add_class("wb-use-pairwise")
        self.use_anyway = widgets.Button(description="Use them anyway")
        self.use_anyway.add_class("wb-use-pairwise-anyway")
        self.verdict = widgets.HTML().add_class("wb-pairwise-verdict")
        self.swings: dict[str, widgets.IntSlider] = {}
        self.pairs: dict[tuple[int, int], widgets.Dropdown] = {}
        methods = widgets.Tab(children=[
            widgets.VBox([widgets.HTML(
                "<p>Swing weighting: imagine each criterion moving from its worst to its best. "
                "Give the swing that matters most 100, and each other swing 0 to 100 against "
                "it.</p>"), self.swing_box, self.use_swing]),
            widgets.VBox([widgets.HTML(
                "<p>Pairwise comparison: for each pair of criteria, say which matters more "
                "and by how much.</p>"), self.pair_box,
                widgets.HBox([self.use_pairs, self.use_anyway]), self.verdict]),
        ]).add_class("wb-methods")
        methods.set_title(0, "Swing weighting")
        methods.set_title(1, "Pairwise comparison")
        self.box = widgets.VBox([self.group, methods]).add_class("wb-method-panel")
        self.controls: list[widgets.Widget] = [self.use_swing, self.use_pairs, self.use_anyway]
        self.use_swing.on_click(lambda _: self._swing())
        self.use_pairs.on_click(lambda _: self._pairwise(False))
        self.use_anyway.on_click(lambda _: self._pairwise(True))
        self.group.observe(lambda _: self.show_verdict(), names="value")

    def rebuild(self, scenario: Scenario) -> None:
        """New scenario: one swing slider per criterion, one choice per pair of criteria."""
        self.scenario = scenario
        self.group.options = [(g.name, g.id) for g in scenario.stakeholders]
        self.swings = {}
        for c in scenario.criteria:
            slider = widgets.IntSlider(value=100, min=0, max=100, description=c.name,
                                       continuous_update=False, style=WIDE,
                                       layout=widgets.Layout(width="38em"))
            slider.add_class(f"wb-swing-{c.id}")
            self.swings[c.id] = slider
        self.swing_box.children = list(self.swings.values())
        self.pairs = {}
        for i, j in combinations(range(len(scenario.criteria)), 2):
            a, b = scenario.criteria[i], scenario.criteria[j]
            pick = widgets.Dropdown(options=_judgements(a.name, b.name), value=1.0,
                                    description=f"{a.name} or {b.name}",
                                    style={"description_width": "28em"},
                                    layout=widgets.Layout(width="58em"))
            pick.add_class(f"wb-pair-{a.id}-{b.id}")
            self.pairs[(i, j)] = pick
        self.pair_box.children = list(self.pairs.values())
        self.controls[3:] = [*self.swings.values(), *self.pairs.values(), self.group]
        self.show_verdict()

    def matrix(self) -> list[list[float]]:
        """The reciprocal matrix (row over column) of the comparisons as they stand."""
        n = len(self.scenario.criteria)
        m = [[1.0] * n for _ in range(n)]
        for (i, j), pick in self.pairs.items():
            m[i][j], m[j][i] = pick.value, 1 / pick.value
        return m

    def _swing(self) -> None:
        with self.working():
            self.on_swing(self.group.value, {c: s.value for c, s in self.swings.items()})

    def _pairwise(self, anyway: bool) -> None:
        with self.working():
            self.on_pairwise(self.group.value, self.matrix(), anyway)

    def show_verdict(self) -> None:
        """The consistency of the last comparisons (call when the state's change)."""
        self.verdict.value = self.verdict_of(self.group.value) if self.scenario else ""
