"""The challenge form: widgets linked to a ChallengeState, one column for a phone. A block
of its own, so the public challenge page and a panel's page show the same form.

Pressing Send is one state call with the form's controls disabled while it runs and enabled
again in ``finally``; each message shows beside the box it is about, and beside Send.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.ui.challenge import html
from workbench.ui.challenge.state import GROUND_WORDS, TEXT_LIMIT, ChallengeState
from workbench.ui.common import message_html
from workbench.ui.common.controls import disabled_while

FULL = {"width": "100%", "max_width": "40em"}
SEND = "Send the challenge"


class _Place:
    """Where ``disabled_while`` reports an unexpected error: beside Send."""

    def __init__(self, state: ChallengeState):
        self.state = state

    @property
    def status(self) -> str:
        return self.state.message("submit")[1]

    @status.setter
    def status(self, text: str) -> None:
        self.state.say("submit", "error", f"{text}. Nothing you typed was lost.")


class ChallengeForm:
    """The form of an opened ChallengeState; ``widget`` is the block to show."""

    def __init__(self, state: ChallengeState):
        self.state = state
        panel = state.on_behalf
        self.service = self._field(widgets.Dropdown(
            options=[("Choose a service", ""), *state.services()],
            description="The service you are challenging"), "wb-challenge-service")
        self.grounds = self._field(widgets.Dropdown(
            options=[("Choose one", ""), *((w, g) for g, w in GROUND_WORDS.items())],
            description="What the challenge is about"), "wb-challenge-grounds")
        self.text = self._field(widgets.Textarea(
            description=f"What is wrong, in your own words (up to {TEXT_LIMIT:,} characters)",
            placeholder="What happened, when, and what should change", rows=6,
            continuous_update=False), "wb-challenge-text")
        self.name = self._field(widgets.Text(
            description="Your name", placeholder="First name and surname",
            continuous_update=False), "wb-challenge-name")
        contact = "An email or phone number" + (" (optional)" if panel else
                                                 ", so the council can reply")
        self.contact = self._field(widgets.Text(
            description=contact, placeholder="name@example.org or 07700 900123",
            continuous_update=False), "wb-challenge-contact")
        self.said = {place: widgets.HTML().add_class(f"wb-said-{place}")
                     for place in ("service", "grounds", "text", "name", "contact", "submit")}
        self.send = widgets.Button(description=SEND, button_style="primary",
                                   layout=widgets.Layout(width="auto"))
        self.send.add_class("wb-challenge-send")
        for box, trait in ((self.service, "service"), (self.grounds, "grounds"),
                           (self.text, "text"), (self.name, "name"),
                           (self.contact, "contact")):
            widgets.link((state, trait), (box, "value"))   # the state's value first
        self.controls = [self.service, self.grounds, self.text, self.name, self.contact,
                         self.send]
        self.send.on_click(lambda _: self.sending())
        state.observe(lambda _: self.show_messages(), names=["messages", "sent"])
        self.show_messages()
        said = self.said
        self.widget = widgets.VBox([
            widgets.HTML(html.FORM_STYLE),
            *([widgets.HTML(html.behalf_html(state.group_name))] if panel else []),
            self.service, said["service"], self.grounds, said["grounds"],
            self.text, said["text"], self.name, said["name"], self.contact, said["contact"],
            self.send, said["submit"],
        ]).add_class("wb-challenge-form")

    @staticmethod
    def _field(box: widgets.Widget, css: str) -> widgets.Widget:
        """A box with its label above it, as wide as the screen allows."""
        box.style = {"description_width": "initial"}
        box.layout = widgets.Layout(**FULL)
        return box.add_class(css).add_class("wb-field")

    def sending(self) -> None:
        with disabled_while(self.controls, _Place(self.state)):
            self.state.submit()

    def show_messages(self) -> None:
        state = self.state
        for place, box in self.said.items():
            kind, text = state.message(place)
            if place == "submit" and kind == "success" and state.sent:
                box.value = html.sent_html(state.sent)
            else:
                box.value = message_html(kind, text)
