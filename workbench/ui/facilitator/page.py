"""The facilitator's page: the panels at a glance first, then the meeting workbench on the
meeting's scenario (fed live by the panels' submissions), then adopting the decision and,
when the store offers it, closing the meeting."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import disabled_while
from workbench.ui.common.engagement import engagement_html
from workbench.ui.common.style import STYLE
from workbench.ui.facilitator import render
from workbench.ui.facilitator.sections import (
    AdoptChoice,
    AnswersSection,
    ProposalSection,
    TargetsSection,
)
from workbench.ui.facilitator.state import FacilitatorState
from workbench.ui.meeting.page import MeetingPage


class FacilitatorPage:
    """The meeting page with the panels at its ``top`` and adoption at its ``foot``.
    ``closing`` is the named place for "Close the meeting" (filled when the store has
    ``close_meeting``)."""

    def __init__(self, state: FacilitatorState):
        self.state = state
        self.meeting = MeetingPage(state, pick_scenario=False)
        self.panels = widgets.HTML().add_class("wb-panels-panel")
        self.panels_note = widgets.HTML().add_class("wb-note-panels")
        self.who = widgets.Text(description="Adopted by", placeholder="name and role")
        self.who.add_class("wb-adopted-by")
        self.adopt = widgets.Button(description="Adopt this decision").add_class("wb-adopt")
        self.adopt_note = widgets.HTML().add_class("wb-note-adopt")
        self.adopted = widgets.HTML().add_class("wb-adopted-panel")
        self.closing = widgets.VBox().add_class("wb-closing")
        self.close_button = widgets.Button(description="Close the meeting")
        self.close_button.add_class("wb-close-meeting")
        self.close_note = widgets.HTML().add_class("wb-note-close")
        if state.can_close:
            self.closing.children = [
                widgets.HTML("<h2>Close the meeting</h2><p>Closing stops further "
                             "submissions from the panels' links.</p>"),
                self.close_button, self.close_note]
        self.answers = AnswersSection(state)
        self.proposal = ProposalSection(state)
        self.targets = TargetsSection(state)
        self.choice = AdoptChoice(state)
        self.engagement = widgets.HTML().add_class("wb-engagement-panel")
        self.meeting.add_section("top", self.engagement, widgets.HTML("<h2>The panels</h2>"),
                                 self.panels_note, self.panels, self.answers.box,
                                 self.proposal.box)
        self.meeting.add_section(
            "foot", self.targets.box,
            widgets.HTML("<h2>Adopt the decision</h2><p>Adopting stores the chosen portfolio "
                         "beside the recommendation, every panel's weights, views and their "
                         "answers, the givens and their prices as a record that cannot be "
                         "edited; a later adoption supersedes it.</p>"),
            self.choice.box,
            widgets.HBox([self.who, self.adopt]).add_class("wb-adopt-row"), self.adopt_note,
            self.adopted, self.closing)
        self.adopt.on_click(lambda _: self.adopting())
        self.close_button.on_click(lambda _: self.closing_meeting())
        state.observe(lambda _: self.show_panels(), names=["panels", "opted_out"])
        state.observe(lambda _: self.show_adopted(), names="adopted")
        state.observe(lambda _: self.show_notes(), names="messages")
        self.meeting.show()
        self.show_panels()
        self.show_adopted()
        self.show_notes()
        self.widget = self.meeting.widget

    def working(self, place: str):
        return disabled_while([self.adopt, self.who, self.close_button, *self.choice.controls],
                              self.state, place)

    def adopting(self) -> None:
        with self.working("adopt"):
            self.state.adopt(self.who.value)

    def closing_meeting(self) -> None:
        with self.working("close"):
            self.state.close_meeting()

    def show_panels(self) -> None:
        state = self.state
        if state.scenario is not None:
            self.panels.value = render.opted_out_line(state.scenario, state.opted_out) + \
                render.panels_html(state.scenario, state.panels, state.opted_out)
            self.engagement.value = engagement_html(state.scenario) + \
                render.public_links_html(state.meeting_id, state.scenario)

    def show_adopted(self) -> None:
        self.adopted.value = render.adopted_html(self.state.adopted)

    def show_notes(self) -> None:
        for place, box in (("panels", self.panels_note), ("adopt", self.adopt_note),
                           ("close", self.close_note)):
            kind, text = self.state.message(place)
            box.value = message_html(kind, text)


def refused_page(text: str) -> widgets.VBox:
    """A link that does not work gets only the refusal, in words."""
    return widgets.VBox([widgets.HTML(STYLE), widgets.HTML(
        f"<h1>Commissioning workbench</h1><p class='wb-refused' role='alert'>{esc(text)} "
        "Use the facilitator's link printed when the meeting was created.</p>")]
    ).add_class("wb-app")


def build_facilitator_page(state: FacilitatorState) -> widgets.VBox:
    """The page for the facilitator's link; polling starts once it is drawn."""
    if not state.open_meeting():
        return refused_page(state.refused or state.status)
    page = FacilitatorPage(state)
    state.start_polling()
    return page.widget
