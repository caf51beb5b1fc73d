"""The challenge form as a traitlets model: no widgets, so tests drive it.

Anyone may challenge a service from the meeting's public link (a name and a contact are
needed, kept apart and never published); a panel may challenge from its own page, on behalf
of its group (its contact is optional). Nothing typed is ever lost: a refusal keeps every
field and says why beside the box it is about and beside Send; only a challenge the store
has taken clears the form, with its reference and what happens next.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import traitlets

from workbench.errors import WorkbenchError
from workbench.monitoring.answers import OVERDUE_DAYS
from workbench.monitoring.challenges import GROUNDS
from workbench.scenario import Scenario
from workbench.store.checks import MAX_TEXT
from workbench.store.cycle import MAX_NAME
from workbench.ui.common.messages import Messages

TEXT_LIMIT = MAX_TEXT       # characters in the challenge; the store refuses more
NAME_LIMIT = MAX_NAME       # characters in a name or a contact
# The grounds in words, in the spec's order (commissioning-cycle.md, section 4).
GROUND_WORDS: dict[str, str] = {
    "quality": "Quality: how good the service is",
    "access": "Access: who can use it, and how easily",
    "conduct": "Conduct: how staff or the provider behave",
    "value_for_money": "Value for money",
    "safety": "Safety",
    "other": "Other",
}
# A message beside each box, and beside Send.
PLACES = ("service", "grounds", "text", "name", "contact", "submit")
BLANK = {
    "service": "Choose the service you are challenging",
    "grounds": "Choose what the challenge is about: quality, access, conduct, value for "
               "money, safety or other",
    "text": "Say what the challenge is about",
    "name": "Give your name",
    "contact": "Give an email or phone number so the council can reply",
}


class ChallengeState(Messages):
    """One challenge being written: its service, grounds, text, and who sends it."""

    MESSAGE_PLACES = PLACES

    scenario = traitlets.Instance(Scenario, allow_none=True)
    service = traitlets.Unicode("")         # a service id ("" until chosen)
    grounds = traitlets.Unicode("")         # one of GROUNDS ("" until chosen)
    text = traitlets.Unicode("")
    name = traitlets.Unicode("")
    contact = traitlets.Unicode("")
    group = traitlets.Unicode("")           # with a panel's token: the group it speaks for
    group_name = traitlets.Unicode("")
    sent = traitlets.Dict()                 # the last challenge taken (see ``sent_facts``)
    refused = traitlets.Unicode("")         # why this form cannot be used (bad link)
    busy = traitlets.Bool(False)

    def __init__(self, store, meeting_id: str, token: str | None = None,
                 service: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id, self.token = store, meeting_id, token or None
        self.chosen = service or ""          # the service the link named, if any

    @property
    def on_behalf(self) -> bool:
        """A panel's challenge, lodged for its group (the contact is optional then)."""
        return self.token is not None

    # -- opening ---------------------------------------------------------------------------
    def open(self) -> bool:
        """Check the link (the meeting exists and its links have not expired: challenges go
        on after a meeting closes; a panel's token is a panel's); on a refusal say why (the
        store logs the attempt)."""
        try:
            if self.token is None:
                self.store.public_access(self.meeting_id)
                group = None
            else:
                access = self.store.access(self.meeting_id, self.token, after_close=True)
                if access.role != "panel":
                    raise WorkbenchError("this is the facilitator's link: challenges are "
                                         "sent from a panel's page or the public link")
                group = access.group
            scenario = self.store.scenario(self.meeting_id)
        except WorkbenchError as exc:
            self.refused = f"This link cannot be used: {exc}."
            return False
        if self.chosen not in {s.id for s in scenario.services}:
            self.chosen = ""                 # a link naming no service of this meeting
        with self.hold_trait_notifications():
            self.scenario, self.service = scenario, self.chosen
            if group is not None:
                self.group = group
                self.group_name = next(g.name for g in scenario.stakeholders
                                       if g.id == group)
        return True

    def services(self) -> list[tuple[str, str]]:
        """(name, id) of every service, in the scenario's order."""
        return [(s.name, s.id) for s in self.scenario.services] if self.scenario else []

    # -- sending ---------------------------------------------------------------------------
    def problems(self) -> dict[str, str]:
        """Place -> what is wrong with the form as it is (empty: it can be sent)."""
        out: dict[str, str] = {}
        services = {s.id for s in self.scenario.services} if self.scenario else set()
        if self.service not in services:
            out["service"] = BLANK["service"]
        if self.grounds not in GROUNDS:
            out["grounds"] = BLANK["grounds"]
        required = ["text", "name"] + ([] if self.on_behalf else ["contact"])
        for place in required:
            if not getattr(self, place).strip():
                out[place] = BLANK[place]
        for place, limit, what in (("text", TEXT_LIMIT, "The challenge"),
                                   ("name", NAME_LIMIT, "The name"),
                                   ("contact", NAME_LIMIT, "The contact")):
            length = len(getattr(self, place))
            if length > limit:
                out[place] = (f"{what} runs to {length:,} characters, and the most is "
                              f"{limit:,}: shorten it")
        return out

    def submit(self) -> bool:
        """Send the challenge to the store. On any refusal every field stays as typed and
        the reason is said beside the form; once stored, the form is cleared for another
        and the confirmation gives its reference."""
        for place in PLACES:
            self.clear(place)
        if self.refused_form(self.problems()):
            return False
        self.busy = True
        try:
            done = self.store.lodge_challenge(
                self.meeting_id, service=self.service, grounds=self.grounds, text=self.text,
                challenger=self.name.strip(), contact=self.contact.strip(), token=self.token)
        except WorkbenchError as exc:
            said = str(exc).rstrip(".")
            kept = "" if "lost" in said else " Nothing you typed was lost."
            self.say("submit", "error", f"Not sent: {said}.{kept}")
            return False
        finally:
            self.busy = False
        facts = sent_facts(self.scenario, done.version, self.service,
                           date.fromisoformat(done.detail["lodged"]), self.group_name)
        with self.hold_trait_notifications():
            self.sent = facts
            self.service, self.grounds = self.chosen, ""
            self.text = self.name = self.contact = ""
        self.say("submit", "success", f"Challenge sent: reference {facts['key']}.")
        return True


def sent_facts(scenario: Scenario, version: int, service: str, lodged: date,
               group_name: str = "") -> dict[str, Any]:
    """What the confirmation says, as plain data: the reference, the service, when it was
    lodged, the day its answer is due, and the review rule for challenges."""
    rules = scenario.rules
    return {"key": f"challenge:{version}",
            "service": next(s.name for s in scenario.services if s.id == service),
            "lodged": lodged, "answer_by": lodged + timedelta(days=OVERDUE_DAYS),
            "answer_days": OVERDUE_DAYS, "challengers": rules.challenges,
            "window_days": rules.challenge_window_days, "group_name": group_name}
