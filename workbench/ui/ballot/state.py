"""The ballot page's state as a traitlets model: no widgets, so tests drive it.

A voter link opens its vote: the projects and the budget, and the link's ballot in force if
it has one (its ticks start from it). Sending stores an approval ballot; sending again
replaces it until the vote closes. A refusal keeps every tick and says why beside Send.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import traitlets

from workbench.errors import WorkbenchError
from workbench.money import currency_problem, money
from workbench.pb.stored import Vote
from workbench.ui.common.messages import Messages

PLACES = ("submit",)


class BallotState(Messages):
    """One voter's ballot: ``ticked`` project ids (in the vote's order), ``sent`` the
    ballot in force in the store (empty: none yet), ``closed`` once the vote is closed."""

    MESSAGE_PLACES = PLACES

    vote = traitlets.Instance(Vote, allow_none=True)
    ticked = traitlets.List(traitlets.Unicode())
    sent = traitlets.List(traitlets.Unicode())
    closed = traitlets.Bool(False)
    refused = traitlets.Unicode("")          # why this link cannot be used, in words
    busy = traitlets.Bool(False)

    def __init__(self, store, meeting_id: str, token: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id, self.token = store, meeting_id, token

    def open(self) -> bool:
        """Check the link (a voter's, of a vote) and read the vote and this link's ballot."""
        try:
            vote, mine = self.store.my_ballot(self.meeting_id, self.token)
        except WorkbenchError as exc:
            self.refused = f"This link cannot be used: {str(exc).rstrip('.')}."
            return False
        with self.hold_trait_notifications():
            self.vote, self.closed = vote, vote.closed
            self.sent = list(mine or ())
            self.ticked = list(mine or ())
        return True

    # -- ticking ---------------------------------------------------------------------------
    def tick(self, project: str, on: bool = True) -> None:
        """Approve (or no longer approve) ``project``; the vote's order is kept."""
        if self.vote is None or self.vote.project(project) is None:
            return
        chosen = set(self.ticked) | {project} if on else set(self.ticked) - {project}
        self.ticked = [p.id for p in self.vote.projects if p.id in chosen]

    @property
    def ticked_cost(self) -> Fraction:
        if self.vote is None:
            return Fraction(0)
        return sum((p.cost for p in self.vote.projects if p.id in self.ticked), Fraction(0))

    def cash(self, amount: Fraction) -> str:
        currency = self.vote.currency if self.vote is not None else ""
        if currency and currency_problem(currency) is None:
            return money(float(amount), currency)
        return f"{float(amount):,.0f}"

    def standing(self) -> str:
        """Where this voter's ballot stands, in words (shown above Send)."""
        if self.vote is None:
            return ""
        if self.closed:
            if self.sent:
                return (f"The vote is closed. Your ballot, approving {len(self.sent)} "
                        f"project(s), is final.")
            return "The vote is closed: no ballot was sent from this link."
        if self.sent:
            return (f"Your ballot is in: it approves {len(self.sent)} project(s). You can "
                    "change your ticks and send again until the vote closes; the new ballot "
                    "replaces the old one (there is only ever one ballot per link).")
        return ("You have not voted yet. Tick the projects you approve, then send your "
                "ballot. You can change it until the vote closes.")

    def over_budget(self) -> str:
        """A note when the ticked projects cost more than the budget (allowed)."""
        if self.vote is None or self.ticked_cost <= self.vote.budget:
            return ""
        return (f"The projects you ticked cost {self.cash(self.ticked_cost)} together, more "
                f"than the budget of {self.cash(self.vote.budget)}. That is fine: the "
                "counting rules choose which projects fit the budget, not your total.")

    # -- sending ---------------------------------------------------------------------------
    def submit(self) -> bool:
        """Send the ballot; on a refusal every tick stays and the reason is said."""
        self.clear("submit")
        if not self.ticked:
            self.say("submit", "error", "Not sent: tick at least one project you approve.")
            return False
        self.busy = True
        try:
            event = self.store.cast_ballot(self.meeting_id, self.token, list(self.ticked))
        except WorkbenchError as exc:
            said = str(exc).rstrip(".")
            if "closed" in said:
                self.closed = True
            self.say("submit", "error", f"Not sent: {said}. Your ticks are kept.")
            return False
        finally:
            self.busy = False
        replaced = event.detail.get("replaces")
        self.sent = list(event.detail["projects"])
        self.say("submit", "success",
                 ("Your new ballot replaced the old one: " if replaced else
                  "Your ballot is in: ") + f"it approves {len(self.sent)} project(s).")
        return True
