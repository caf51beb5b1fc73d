"""A stakeholder panel's page: widgets linked to a PanelState, laid out for a phone first.

Four steps a tenant can follow: what cannot change, what matters most, what that would
choose beside everyone's choice, views and submit. Each callback turns one event into one
state call, with the controls disabled while it runs and enabled again in ``finally``; each
message shows beside the control it is about.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.fields import mode_words
from workbench.ui.common import message_html
from workbench.ui.common.controls import disabled_while
from workbench.ui.common.engagement import engagement_html
from workbench.ui.common.weighting import STACK_CSS, WeightingPanel, verdict_html
from workbench.ui.panel import html
from workbench.ui.panel.codesign import TITLE as CODESIGN_TITLE
from workbench.ui.panel.codesign import codesign_section
from workbench.ui.panel.proposal_view import TITLE as PROPOSAL_TITLE
from workbench.ui.panel.proposal_view import ProposalView
from workbench.ui.panel.proposals import ProposalsSection
from workbench.ui.panel.sections import (
    AnswersSection,
    OptOutSection,
    TargetsSection,
    folded,
)
from workbench.ui.panel.state import COMMENT_LIMIT, PanelState
from workbench.ui.panel.words import given_sentence

FULL = {"width": "auto", "max_width": "40em"}


class _Place:
    """Where ``disabled_while`` reports an unexpected error: beside one control."""

    def __init__(self, state: PanelState, place: str):
        self.state, self.place = state, place

    @property
    def status(self) -> str:
        return self.state.message(self.place)[1]

    @status.setter
    def status(self, text: str) -> None:
        self.state.say(self.place, "error", f"{text}. Nothing you typed was lost.")


class PanelPage:
    """One panel's page. ``widget`` is what the notebook shows; ``sections`` names the places
    where another page may add its own section (``add_section``)."""

    PLACES = ("before_submit", "foot")

    def __init__(self, state: PanelState):
        self.state = state
        self.sections = {place: widgets.VBox().add_class(f"wb-section-{place}")
                         for place in self.PLACES}
        if not state.open():
            self.widget = widgets.VBox([widgets.HTML(html.STYLE),
                                        widgets.HTML(html.refused_html(state.refused))]
                                       ).add_class("wb-panel")
            return
        scenario = state.scenario
        self.sliders = {c.id: self._slider(c.id, c.name) for c in scenario.criteria}
        self.weights_said = widgets.HTML().add_class("wb-weights-message")
        self.methods = WeightingPanel(
            lambda: self._working("method"),
            swing=lambda _g, points: state.use_swing(points),
            pairwise=lambda _g, m, anyway: state.use_pairwise(m, accept_inconsistent=anyway),
            verdict=lambda _g: self._verdict(), with_groups=False,
            explain=lambda _g: state.message("method")[1])
        self.methods.rebuild(scenario)
        self.other_ways = widgets.ToggleButton(
            value=False, description="Other ways to set them: swing or pairwise",
            layout=widgets.Layout(width="auto")).add_class("wb-other-ways")
        self.methods.box.layout.display = "none"
        self.choice = widgets.HTML().add_class("wb-choice")
        self.choice_said = widgets.HTML().add_class("wb-preview-message")
        self.comment = self._text("wb-comment", f"Your views (up to {COMMENT_LIMIT:,} "
                                  "characters)", "What your group thinks, in its own words",
                                  5)
        self.dissent = self._text("wb-dissent", "Anything you disagree with, for the record "
                                  f"(up to {COMMENT_LIMIT:,} characters)",
                                  "Optional: what your group does not accept", 3)
        # the state's (stored) value first: linking the other way round blanked a stored
        # comment and dissent on reopening the page
        widgets.link((state, "comment"), (self.comment, "value"))
        widgets.link((state, "dissent"), (self.dissent, "value"))
        self.submit = widgets.Button(description="Submit our priorities and views",
                                     button_style="primary",
                                     layout=widgets.Layout(width="auto")).add_class("wb-submit")
        self.submit_said = widgets.HTML().add_class("wb-confirmation")
        self.newer = widgets.HTML().add_class("wb-newer-panel")
        self.load_newer = widgets.Button(description="Load the newer one",
                                         layout=widgets.Layout(width="auto"))
        self.load_newer.add_class("wb-load-newer")
        self.submit_anyway = widgets.Button(description="Submit mine anyway",
                                            layout=widgets.Layout(width="auto"))
        self.submit_anyway.add_class("wb-submit-anyway")
        self.stale_box = widgets.VBox([self.newer, widgets.HBox(
            [self.load_newer, self.submit_anyway]).add_class("wb-buttons")],
            layout=widgets.Layout(display="none")).add_class("wb-stale")
        self.controls = [*self.sliders.values(), self.other_ways, self.comment, self.dissent,
                         self.submit, self.load_newer, self.submit_anyway]
        self.answers = AnswersSection(state)
        self.targets = TargetsSection(state)
        self.optout = OptOutSection(state)
        self.challenge = self._challenge_section(state)
        self.engagement = widgets.HTML().add_class("wb-engagement-panel")
        state.observe(lambda _: self._show_engagement(), names="opted_out")
        self._show_engagement()
        self._wire()
        self._show_weights()
        self._show_choice()
        self._show_messages()
        self.widget = widgets.VBox([
            widgets.HTML(html.STYLE + STACK_CSS),
            widgets.HTML(html.intro_html(scenario.name, state.group_name,
                                         len(scenario.services), scenario.years)),
            widgets.HTML(html.open_to_change_html([
                (s.name, [f"{o.name} ({mode_words(o.mode)})" for o in s.options],
                 s.option(s.current).name if s.current else "not set")
                for s in scenario.services])),
            self.engagement,
            widgets.HTML(html.givens_html([(given_sentence(g, scenario), g.reason,
                                            g.owner or "") for g in scenario.givens])),
            widgets.HTML(html.PRIORITIES_HTML), *self.sliders.values(), self.weights_said,
            self.other_ways, self.methods.box,
            self.choice, self.choice_said,
            *folded(PROPOSAL_TITLE, ProposalView(state).box),
            widgets.HTML(html.VIEWS_HTML), self.comment, self.dissent,
            self.sections["before_submit"],
            self.submit, self.submit_said, self.stale_box,
            self.answers.box,
            *folded("6. Targets for the services", self.targets.box),
            *folded("7. Taking part, or not: opting out", self.optout.box),
            *folded("8. Challenge a service", self.challenge),
            *folded(CODESIGN_TITLE, codesign_section(state)),
            *folded("10. Propose a need or an option", ProposalsSection(state).box),
            self.sections["foot"],
        ]).add_class("wb-panel")

    @staticmethod
    def _challenge_section(state: PanelState) -> widgets.Widget:
        """A challenge of a service, lodged for the panel's group (the public link's form)."""
        from workbench.ui.challenge.form import ChallengeForm
        from workbench.ui.challenge.state import ChallengeState

        challenge = ChallengeState(state.store, state.meeting_id, state.token)
        if not challenge.open():
            return widgets.VBox([])
        return widgets.VBox([widgets.HTML(
            "<h2>8. Challenge a service</h2><p>If a service is failing the people who use "
            "it, challenge it here for your group. Every challenge gets an answer; enough "
            "of them open a review of the service.</p>"), ChallengeForm(challenge).widget])

    def _show_engagement(self) -> None:
        self.engagement.value = engagement_html(self.state.scenario, self.state.opted_out,
                                                folded=True)

    def add_section(self, place: str, section: widgets.Widget) -> None:
        """Add a section at one of ``PLACES``."""
        box = self.sections[place]
        box.children = (*box.children, section)

    # -- building --------------------------------------------------------------------------
    def _slider(self, criterion: str, name: str) -> widgets.FloatSlider:
        slider = widgets.FloatSlider(value=self.state.weights.get(criterion, 0), min=0,
                                     max=100, step=1, description=name,
                                     continuous_update=False, readout_format=".0f",
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(**FULL))
        return slider.add_class(f"wb-panel-slider-{criterion}").add_class("wb-stack")

    @staticmethod
    def _text(css: str, label: str, placeholder: str, rows: int) -> widgets.Textarea:
        # Sent when the box loses focus (before a button's click), never throttled mid-word:
        # typing then pressing Submit at once lost the last keystroke.
        box = widgets.Textarea(description=label, placeholder=placeholder,
                               continuous_update=False,
                               style={"description_width": "initial"},
                               layout=widgets.Layout(**FULL))
        box.rows = rows
        return box.add_class(css).add_class("wb-stack")

    def _working(self, place: str):
        return disabled_while(self.controls + self.methods.controls,
                              _Place(self.state, place))

    def _verdict(self) -> str:
        found = self.state.pairwise
        if found is None:
            return ""
        return verdict_html([c.name for c in self.state.scenario.criteria], found.weights,
                            found.consistency_ratio, found.consistent)

    # -- wiring ----------------------------------------------------------------------------
    def _wire(self) -> None:
        state = self.state
        for criterion, slider in self.sliders.items():
            slider.observe(lambda change, c=criterion: self._moved(c, change["new"]),
                           names="value")
        self.other_ways.observe(self._toggle_methods, names="value")
        self.submit.on_click(lambda _: self._press(state.submit))
        self.submit_anyway.on_click(lambda _: self._press(state.submit_anyway))
        self.load_newer.on_click(lambda _: self._press(state.load_newer))
        state.observe(lambda _: self._show_weights(), names="weights")
        state.observe(lambda _: self._show_choice(), names=["preview", "agreed"])
        state.observe(lambda _: self.methods.show_verdict(), names="pairwise")
        state.observe(lambda _: self._show_messages(), names=["messages", "submitted", "stale"])

    def _moved(self, criterion: str, value: float) -> None:
        if abs(value - self.state.weights.get(criterion, 0)) < 1e-9:
            return
        with self._working("weights"):
            if not self.state.set_weight(criterion, value):
                self._show_weights()            # the slider goes back to the kept weight

    def _toggle_methods(self, change) -> None:
        self.methods.box.layout.display = None if change["new"] else "none"

    def _press(self, call) -> None:
        with self._working("submit"):
            call()

    # -- showing ---------------------------------------------------------------------------
    def _show_weights(self) -> None:
        for criterion, slider in self.sliders.items():
            kept = self.state.weights.get(criterion, 0)
            if abs(slider.value - kept) > 1e-9:
                slider.value = kept

    def _show_choice(self) -> None:
        state, scenario = self.state, self.state.scenario
        preview, agreed = state.preview, state.agreed
        if preview is None or agreed is None:
            return
        if preview.portfolio is None or agreed.portfolio is None:
            self.choice.value = html.choice_html(
                state.group_name, [], len(scenario.services), None,
                agreed.explanation or preview.explanation or "No portfolio keeps every given.")
            return
        mine, ours = preview.portfolio.choices, agreed.portfolio.choices
        differ = [(s.name, s.option(mine[s.id]).name, s.option(ours[s.id]).name)
                  for s in scenario.services if mine[s.id] != ours[s.id]]
        self.choice.value = html.choice_html(state.group_name, differ, len(scenario.services),
                                             agreed.satisfaction.get(state.group))

    def _show_messages(self) -> None:
        state = self.state
        self.weights_said.value = message_html(*state.message("weights"))
        self.choice_said.value = message_html(*state.message("preview"))
        self.submit_said.value = html.submit_html(*state.message("submit"),
                                                  state.submitted or None)
        if state.stale:
            names = {c.id: c.name for c in state.scenario.criteria}
            self.newer.value = html.newer_html(state.stale, names)
            self.stale_box.layout.display = None
        else:
            self.newer.value = ""
            self.stale_box.layout.display = "none"
