"""The public needs page as a traitlets model: no widgets, so tests drive it.

A resident reads the register, proposes a need (text, who is affected, evidence; a name and
contact are optional, kept apart and never published) and supports needs. Their supporter
id is made when the page opens and lives only in this state: the store counts one support
per supporter a need, up to the meeting's limit, so a reload or another browser is a new
supporter (the register counts supports; it does not identify people). Nothing typed is
lost: a refusal keeps every box and says why beside it; only a need the store has taken
clears the form.
"""

from __future__ import annotations

import secrets
import threading
from typing import Any, ClassVar

import traitlets

from workbench.errors import WorkbenchError
from workbench.scenario import Scenario
from workbench.store.checks import MAX_TEXT
from workbench.store.cycle import MAX_NAME
from workbench.store.needs import MAX_AFFECTED, supports_per_person
from workbench.ui.common.messages import Messages
from workbench.ui.common.polling import FollowsStore

POLL_SECONDS = 5.0       # the council's answers and merges show without a reload
FIELDS = ("text", "affected", "evidence", "name", "contact")
LIMITS = {"text": MAX_TEXT, "affected": MAX_AFFECTED, "evidence": MAX_TEXT,
          "name": MAX_NAME, "contact": MAX_NAME}
WHAT = {"text": "The need", "affected": "Who is affected", "evidence": "The evidence",
        "name": "The name", "contact": "The contact"}
BLANK = {"text": "Say what the need is", "affected": "Say who is affected"}


class NeedsState(FollowsStore, Messages):
    """One visitor's view of a meeting's needs register. Messages sit at a box's name,
    ``submit`` (beside Send), ``support:KEY`` (beside that need's button) or ``poll``."""

    READING: ClassVar[str] = "the register"
    POLL_SECONDS: ClassVar[float] = POLL_SECONDS

    scenario = traitlets.Instance(Scenario, allow_none=True)
    needs: traitlets.List = traitlets.List()     # store.needs(meeting): the public reading
    text = traitlets.Unicode("")
    affected = traitlets.Unicode("")
    evidence = traitlets.Unicode("")
    name = traitlets.Unicode("")
    contact = traitlets.Unicode("")
    supported: traitlets.List = traitlets.List()     # the needs this visitor supported
    sent = traitlets.Unicode("")            # the key of the last need taken
    refused = traitlets.Unicode("")         # why this link cannot be used
    busy = traitlets.Bool(False)

    def __init__(self, store, meeting_id: str, supporter: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id = store, meeting_id
        self.supporter = supporter or secrets.token_urlsafe(16)
        self.version = 0
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None

    @property
    def limit(self) -> int:
        """How many needs one person may support in this meeting."""
        return supports_per_person(self.scenario) if self.scenario else 0

    # -- opening and reading ---------------------------------------------------------------
    def open(self) -> bool:
        """Check the link (a meeting whose links have not expired: a closed meeting's
        register goes on) and read the register; a refusal is kept in words."""
        try:
            self.store.public_access(self.meeting_id)
            self.scenario = self.store.scenario(self.meeting_id)
            self.refresh()
        except WorkbenchError as exc:
            self.refused = f"This link cannot be used: {exc}."
            return False
        return True

    def refresh(self) -> None:
        with self._lock:
            version = self.store.meeting(self.meeting_id).version   # first: never skip one
            self.needs = self.store.needs(self.meeting_id)
            self.version = version

    def moved_on(self) -> bool:
        """A public visitor has no token to ask for changes with: the meeting's version."""
        return self.store.meeting(self.meeting_id).version != self.version

    def group_names(self) -> dict[str, str]:
        return {g.id: g.name for g in self.scenario.stakeholders} if self.scenario else {}

    # -- proposing -------------------------------------------------------------------------
    def problems(self) -> dict[str, str]:
        """Box -> what is wrong with the form as it is (empty: it can be sent)."""
        out = {place: words for place, words in BLANK.items()
               if not getattr(self, place).strip()}
        for place in FIELDS:
            length = len(getattr(self, place))
            if length > LIMITS[place]:
                out[place] = (f"{WHAT[place]} runs to {length:,} characters, and the most is "
                              f"{LIMITS[place]:,}: shorten it")
        return out

    def submit(self) -> bool:
        """Send the need to the store; on a refusal every box stays as typed."""
        for place in (*FIELDS, "submit"):
            self.clear(place)
        if self.refused_form(self.problems()):
            return False
        self.busy = True
        try:
            done = self.store.propose_need(
                self.meeting_id, None, self.text, self.affected, self.evidence,
                name=self.name.strip() or None, contact=self.contact.strip() or None)
            self.refresh()
        except WorkbenchError as exc:
            said = str(exc).rstrip(".")
            kept = "" if "lost" in said else " Nothing you typed was lost."
            self.say("submit", "error", f"Not sent: {said}.{kept}")
            return False
        finally:
            self.busy = False
        with self.hold_trait_notifications():
            self.sent = f"need:{done.version}"
            for place in FIELDS:
                setattr(self, place, "")
        self.say("submit", "success", f"Thank you: your need is in the register as need "
                 f"{done.version}. The council answers every need in writing, here.")
        return True

    # -- supporting ------------------------------------------------------------------------
    def support(self, key: str) -> bool:
        """Support the need ``key``; a second support, or one past the limit, is refused in
        words beside its button."""
        place = f"support:{key}"
        self.clear(place)
        try:
            self.store.support_need(self.meeting_id, None, key, self.supporter)
            self.refresh()
        except WorkbenchError as exc:
            self.say(place, "error", f"Not supported: {str(exc).rstrip('.')}.")
            return False
        self.supported = [*self.supported, key]
        left = self.limit - len(self.supported)
        more = (f"You can support {left} more need{'s' if left != 1 else ''}." if left > 0
                else "That was your last support in this meeting.")
        self.say(place, "success", f"Thank you for your support. {more}")
        return True
