"""Swing and pairwise (AHP) entry of one group's weights, for the meeting page and a panel's.

A group that finds sliders hard can rank swings instead, or compare criteria two at a time;
either way the result replaces that group's slider weights, and pairwise comparisons that
contradict each other are shown with their consistency ratio before anything is used. Every
control puts its label above itself, so the whole panel fits a 360 px phone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from itertools import combinations

import ipywidgets as widgets

from workbench.scenario import Scenario
from workbench.ui.common import esc, message_html

# Saaty's scale, odd steps: how much more important the first criterion is than the second.
SCALE = [(9, "extremely"), (7, "very strongly"), (5, "strongly"), (3, "moderately")]
PICK_GROUP = "Pick a group in the Group box first: these weights are for one group."

# A control with the class ``wb-stack`` shows its label on a line of its own above it (never
# cut), takes the width it is given, and has a slider handle of at least 24 x 24 px.
STACK_CSS = """<style>
.wb-stack.widget-inline-hbox { flex-wrap: wrap; height: auto; max-width: 100%;
  align-self: stretch; box-sizing: border-box;
  --jp-widgets-slider-handle-size: 24px; }
.wb-stack.widget-inline-hbox > .widget-label { flex: 0 0 100%; width: auto !important;
  max-width: 100%; text-align: left; white-space: normal; overflow: visible;
  text-overflow: clip; line-height: 1.35; height: auto; margin: 0 0 0.2em 0;
  box-sizing: border-box; }
.wb-stack.widget-hslider .slider-container { flex: 1 1 0; min-width: 0;
  margin-left: 14px; margin-right: 14px; }
.wb-stack.widget-hslider { padding-bottom: 0.6em; }
.wb-stack.widget-hslider .widget-readout { min-height: 28px; }
.wb-stack.widget-textarea textarea { flex: 1 1 100%; max-width: 100%; min-width: 0;
  box-sizing: border-box; }
.wb-stack.widget-dropdown select { flex: 1 1 100%; max-width: 100%; min-height: 32px; }
.wb-method-panel .lm-TabBar-tab { min-width: 0; }
.wb-method-panel .widget-button { min-height: 32px; max-width: 100%; height: auto;
  white-space: normal; }
.wb-method-panel .wb-buttons { flex-wrap: wrap; gap: 0.4em; }
</style>"""
FILL = {"width": "auto", "max_width": "38em"}


def _judgements(first: str, second: str) -> list[tuple[str, float]]:
    """The choices of one comparison, from 'first extremely more important' to the reverse."""
    more = [(f"{first}: {word} more important ({k})", float(k)) for k, word in SCALE]
    less = [(f"{second}: {word} more important (1/{k})", 1 / k) for k, word in reversed(SCALE)]
    return [*more, ("Equally important (1)", 1.0), *less]


def verdict_html(names: Sequence[str], weights: Sequence[float] | None, ratio: float,
                 consistent: bool) -> str:
    """Pairwise comparisons in words: the weights they give and, when they contradict each
    other (consistency ratio above 0.10), a warning."""
    if weights is None:
        return ""
    given = ", ".join(f"{esc(n)} {w:.2f}" for n, w in zip(names, weights))
    if consistent:
        return (f"<p class='wb-pairwise-ok'>Consistency ratio {ratio:.2f} (0.10 or less is "
                f"consistent). Weights: {given}.</p>")
    return (f"<p class='wb-pairwise-warning' role='alert'><strong>Warning: these comparisons "
            f"are inconsistent</strong> (consistency ratio {ratio:.2f}, above 0.10): some "
            f"judgements contradict others. Weights they give: {given}. Revise them, or use "
            "them anyway knowing this.</p>")


class WeightingPanel:
    """Swing points and pairwise comparisons, with their buttons, for the group picked
    (``with_groups``) or for the one group a panel speaks for.

    ``swing(group, points)``, ``pairwise(group, matrix, accept_inconsistent)`` and
    ``verdict(group)`` (HTML) are the state's own calls; the panel only gathers their input.
    ``explain(group)``, when given, is the state's message after a call, shown beside the
    button pressed (as a success when the call returned True). The Group box starts blank:
    pressing a button before a group is picked says so beside the button and calls nothing.
    """

    def __init__(self, working: Callable[[], AbstractContextManager],
                 swing: Callable[[str | None, dict[str, float]], bool],
                 pairwise: Callable[[str | None, list[list[float]], bool], bool],
                 verdict: Callable[[str | None], str], with_groups: bool = True,
                 explain: Callable[[str | None], str] | None = None):
        self.working, self.on_swing, self.on_pairwise = working, swing, pairwise
        self.verdict_of, self.explain, self.with_groups = verdict, explain, with_groups
        self.scenario: Scenario | None = None
        self.group = widgets.Dropdown(description="Group", layout=widgets.Layout(
            **FILL, display=None if with_groups else "none"))
        self.group.add_class("wb-method-group").add_class("wb-stack")
        self.swing_box = widgets.VBox().add_class("wb-swing")
        self.pair_box = widgets.VBox().add_class("wb-pairwise")
        auto = widgets.Layout(width="auto")
        self.use_swing = widgets.Button(description="Use these swing weights", layout=auto)
        self.use_swing.add_class("wb-use-swing")
        self.use_pairs = widgets.Button(description="Use pairwise weights", layout=auto)
        self.use_pairs.add_class("wb-use-pairwise")
        self.use_anyway = widgets.Button(description="Use them anyway", layout=auto)
        self.use_anyway.add_class("wb-use-pairwise-anyway")
        self.swing_said = widgets.HTML().add_class("wb-swing-message")
        self.pairs_said = widgets.HTML().add_class("wb-pairwise-message")
        self.verdict = widgets.HTML().add_class("wb-pairwise-verdict")
        self.swings: dict[str, widgets.IntSlider] = {}
        self.pairs: dict[tuple[int, int], widgets.Dropdown] = {}
        methods = widgets.Tab(children=[
            widgets.VBox([widgets.HTML(
                "<p>Swing weighting: imagine each criterion moving from its worst to its best. "
                "Give the swing that matters most 100, and each other swing 0 to 100 against "
                "it.</p>"), self.swing_box, self.use_swing, self.swing_said]),
            widgets.VBox([widgets.HTML(
                "<p>Pairwise comparison: for each pair of criteria, say which matters more "
                "and by how much.</p>"), self.pair_box,
                widgets.HBox([self.use_pairs, self.use_anyway]).add_class("wb-buttons"),
                self.pairs_said, self.verdict]),
        ]).add_class("wb-methods")
        methods.set_title(0, "Swing weighting")
        methods.set_title(1, "Pairwise comparison")
        self.box = widgets.VBox([widgets.HTML(STACK_CSS), self.group, methods]
                                ).add_class("wb-method-panel")
        self.controls: list[widgets.Widget] = [self.use_swing, self.use_pairs, self.use_anyway]
        self.use_swing.on_click(lambda _: self._swing())
        self.use_pairs.on_click(lambda _: self._pairwise(False))
        self.use_anyway.on_click(lambda _: self._pairwise(True))
        self.group.observe(lambda _: self._group_picked(), names="value")

    def rebuild(self, scenario: Scenario) -> None:
        """New scenario: one swing slider per criterion, one choice per pair of criteria."""
        self.scenario = scenario
        groups = [(g.name, g.id) for g in scenario.stakeholders]
        self.group.options = [("(pick a group)", ""), *groups] if self.with_groups else groups
        self.group.value = "" if self.with_groups else groups[0][1]
        self.swings = {}
        for c in scenario.criteria:
            slider = widgets.IntSlider(value=100, min=0, max=100, description=c.name,
                                       continuous_update=False, style={"description_width":
                                                                       "initial"},
                                       layout=widgets.Layout(**FILL))
            slider.add_class(f"wb-swing-{c.id}").add_class("wb-stack")
            self.swings[c.id] = slider
        self.swing_box.children = list(self.swings.values())
        self.pairs = {}
        for i, j in combinations(range(len(scenario.criteria)), 2):
            a, b = scenario.criteria[i], scenario.criteria[j]
            pick = widgets.Dropdown(options=_judgements(a.name, b.name), value=1.0,
                                    description=f"{a.name} or {b.name}?",
                                    style={"description_width": "initial"},
                                    layout=widgets.Layout(**FILL))
            pick.add_class(f"wb-pair-{a.id}-{b.id}").add_class("wb-stack")
            self.pairs[(i, j)] = pick
        self.pair_box.children = list(self.pairs.values())
        self.controls[3:] = [*self.swings.values(), *self.pairs.values(), self.group]
        self.swing_said.value = self.pairs_said.value = ""
        self.show_verdict()

    def matrix(self) -> list[list[float]]:
        """The reciprocal matrix (row over column) of the comparisons as they stand."""
        n = len(self.scenario.criteria)
        m = [[1.0] * n for _ in range(n)]
        for (i, j), pick in self.pairs.items():
            m[i][j], m[j][i] = pick.value, 1 / pick.value
        return m

    def _group_picked(self) -> None:
        self.swing_said.value = self.pairs_said.value = ""
        self.show_verdict()

    def _swing(self) -> None:
        self._call(self.swing_said, lambda g: self.on_swing(
            g, {c: s.value for c, s in self.swings.items()}))

    def _pairwise(self, anyway: bool) -> None:
        self._call(self.pairs_said, lambda g: self.on_pairwise(g, self.matrix(), anyway))

    def _call(self, said: widgets.HTML, call: Callable[[str], bool]) -> None:
        """One button's state call, its outcome beside the button; never without a group."""
        group = self.group.value
        if not group:
            said.value = message_html("error", PICK_GROUP)
            return
        said.value = ""
        with self.working():
            done = call(group)
            if self.explain is not None:
                said.value = message_html("success" if done else "error",
                                          self.explain(group))

    def show_verdict(self) -> None:
        """The consistency of the last comparisons (call when the state's change)."""
        self.verdict.value = self.verdict_of(self.group.value) \
            if self.scenario and self.group.value else ""
