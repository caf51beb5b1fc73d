"""The ballot page: widgets linked to a BallotState, and nothing else.

A tick box per project (its name and cost; its description under it), where the ballot
stands, a note when the ticks cost more than the budget (allowed), and Send. Send and the
boxes are off while the ballot is sent, back on in ``finally``; all off once the vote is
closed. A link that does not work shows only the refusal, in words."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.ui.ballot import html
from workbench.ui.ballot.state import BallotState
from workbench.ui.common import message_html
from workbench.ui.common.controls import disabled_while


class BallotPage:
    """The page of one voter link; ``widget`` is what the notebook shows."""

    def __init__(self, state: BallotState):
        self.state = state
        self.boxes: dict[str, widgets.Checkbox] = {}
        if state.vote is None and not state.open():
            self.widget = self._page(widgets.HTML(html.refused_html(state.refused)))
            return
        vote = state.vote
        rows: list[widgets.Widget] = []
        for project in vote.projects:
            box = widgets.Checkbox(value=project.id in state.ticked, indent=False,
                                   description=f"{project.name} ({state.cash(project.cost)})",
                                   layout=widgets.Layout(width="100%"))
            box.add_class("wb-tick")
            box.observe(lambda change, p=project.id: state.tick(p, change["new"]),
                        names="value")
            self.boxes[project.id] = box
            rows.append(widgets.VBox([box, widgets.HTML(html.about_html(project.description))])
                        .add_class("wb-project"))
        self.standing = widgets.HTML()
        self.note = widgets.HTML()
        self.send = widgets.Button(description="Send my ballot",
                                   layout=widgets.Layout(width="auto"))
        self.send.add_class("wb-send-ballot")
        self.said = widgets.HTML().add_class("wb-submit-message")
        self.send.on_click(lambda _: self._send())
        state.observe(lambda _: self._show(), names=["ticked", "sent", "closed", "messages"])
        self.widget = self._page(
            widgets.HTML(html.intro_html(vote.name, state.cash(vote.budget),
                                         len(vote.projects))),
            widgets.VBox(rows).add_class("wb-projects"),
            self.note, self.standing, self.send, self.said)
        self._show()

    def _send(self) -> None:
        with disabled_while([self.send, *self.boxes.values()], self.state, "submit"):
            self.state.submit()
        self._show()

    def _show(self) -> None:
        s = self.state
        self.standing.value = html.standing_html(s.standing())
        self.note.value = html.budget_note_html(s.over_budget())
        self.said.value = message_html(*s.message("submit"))
        self.send.description = "Send my new ballot" if s.sent else "Send my ballot"
        for control in (self.send, *self.boxes.values()):
            control.disabled = s.closed

    @staticmethod
    def _page(*children: widgets.Widget) -> widgets.VBox:
        return widgets.VBox([widgets.HTML(html.STYLE), *children]).add_class("wb-ballot") \
            .add_class("wb-app")


def build_ballot_page(store, meeting_id: str, token: str) -> widgets.VBox:
    """The ballot page of the voter link ``token`` of vote ``meeting_id``."""
    return BallotPage(BallotState(store, meeting_id, token)).widget
