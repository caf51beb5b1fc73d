"""The public needs page: the title and the rule for supports, the terms of engagement,
the register (a card per need with its Support button), then the form to propose a need.
A link that does not work shows only the refusal, in words.

Each need's widgets are made once and kept, so a poll that redraws the register never
loses a message; each callback is one state call with its controls off while it runs.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.errors import WorkbenchError
from workbench.ui.challenge import html as challenge_html
from workbench.ui.common import message_html
from workbench.ui.common.controls import disabled_while
from workbench.ui.common.engagement import engagement_html
from workbench.ui.needs import html
from workbench.ui.needs.state import LIMITS, NeedsState


def _opted_out(state: NeedsState) -> dict[str, str]:
    """Who counts 0 today and why, as the challenge page shows it ({} when unreadable: the
    terms are still shown, without who opted out)."""
    try:
        return state.store.opted_out(state.meeting_id)
    except WorkbenchError:
        return {}

FULL = {"width": "100%", "max_width": "40em"}
SEND = "Send the need"
LABELS = {
    "text": f"The need, in your own words (up to {LIMITS['text']:,} characters)",
    "affected": "Who is affected",
    "evidence": "Evidence: what shows the need (optional)",
    "name": "Your name (optional, never published)",
    "contact": "An email or phone number (optional, never published)",
}
ROWS = {"text": 4, "evidence": 3}


class _NeedRow:
    """One need's card, its Support button and the message beside it."""

    def __init__(self, page: NeedsPage, key: str):
        self.key = key
        self.card = widgets.HTML()
        self.button = widgets.Button(description=f"Support need {html.number(key)}",
                                     layout=widgets.Layout(width="auto"))
        self.button.add_class("wb-support")
        self.note = widgets.HTML().add_class("wb-note-support")
        self.box = widgets.VBox([self.card, self.button, self.note]).add_class("wb-need-row")
        self.button.on_click(lambda _: page.supporting(self))


class NeedsPage:
    """The page on an opened NeedsState; ``widget`` is what the notebook shows."""

    def __init__(self, state: NeedsState):
        self.state = state
        self.rows: dict[str, _NeedRow] = {}
        self.register = widgets.VBox().add_class("wb-needs-register")
        self.poll_note = widgets.HTML()
        self.boxes: dict[str, widgets.Widget] = {}
        self.said: dict[str, widgets.HTML] = {}
        fields: list[widgets.Widget] = []
        for place, label in LABELS.items():
            kind = widgets.Textarea if place in ROWS else widgets.Text
            box = kind(description=label, continuous_update=False,
                       style={"description_width": "initial"}, layout=widgets.Layout(**FULL))
            if place in ROWS:
                box.rows = ROWS[place]
            box.add_class(f"wb-need-{place}").add_class("wb-field")
            widgets.link((state, place), (box, "value"))
            self.boxes[place] = box
            self.said[place] = widgets.HTML().add_class(f"wb-said-{place}")
            fields += [box, self.said[place]]
        self.send = widgets.Button(description=SEND, button_style="primary",
                                   layout=widgets.Layout(width="auto")).add_class("wb-need-send")
        self.said["submit"] = widgets.HTML().add_class("wb-said-submit")
        self.send.on_click(lambda _: self.sending())
        self.form = widgets.VBox([
            widgets.HTML(challenge_html.FORM_STYLE), widgets.HTML("<h2>Propose a need</h2>"),
            widgets.HTML(html.privacy_html()), *fields, self.send, self.said["submit"],
        ]).add_class("wb-challenge-form").add_class("wb-needs-form")
        scenario = state.scenario
        assert scenario is not None, "an opened NeedsState has its scenario"
        self.widget = widgets.VBox([
            widgets.HTML(challenge_html.STYLE + html.STYLE),
            widgets.HTML(html.intro_html(scenario.name, state.limit)),
            widgets.HTML(engagement_html(scenario, _opted_out(state), folded=True)),
            widgets.HTML("<h2>The needs proposed so far</h2>"), self.poll_note,
            self.register, self.form,
        ]).add_class("wb-challenge").add_class("wb-needs-page")
        state.observe(lambda _: self.show(), names="needs")
        state.observe(lambda _: self.show_messages(), names="messages")
        self.show()
        self.show_messages()

    # -- callbacks: one state call each ----------------------------------------------------
    def sending(self) -> None:
        with disabled_while([*self.boxes.values(), self.send], self.state, "submit"):
            self.state.submit()

    def supporting(self, row: _NeedRow) -> None:
        with disabled_while([row.button], self.state, f"support:{row.key}"):
            self.state.support(row.key)

    # -- showing the state -----------------------------------------------------------------
    def show(self) -> None:
        names = self.state.group_names()
        children: list[widgets.Widget] = []
        for need in self.state.needs:
            row = self.rows.get(need.key)
            if row is None:
                row = self.rows[need.key] = _NeedRow(self, need.key)
            value = html.need_html(need, names)
            if row.card.value != value:
                row.card.value = value
            row.button.layout.display = "none" if need.merged_into else None
            children.append(row.box)
        self.register.children = children or [widgets.HTML(html.empty_html())]
        self.show_messages()

    def show_messages(self) -> None:
        state = self.state
        for place, box in self.said.items():
            box.value = message_html(*state.message(place))
        for key, row in self.rows.items():
            row.note.value = message_html(*state.message(f"support:{key}"))
        self.poll_note.value = message_html(*state.message("poll"))


def build_needs_page(store, meeting_id: str) -> widgets.VBox:
    """The page for a meeting's public needs link; polling starts once it is drawn."""
    state = NeedsState(store, meeting_id)
    if not state.open():
        return widgets.VBox([widgets.HTML(challenge_html.STYLE),
                             widgets.HTML(html.refused_html(state.refused))]
                            ).add_class("wb-challenge")
    page = NeedsPage(state)
    state.start_polling()
    return page.widget
