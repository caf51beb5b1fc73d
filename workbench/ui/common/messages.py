"""One message per place: what a page says sits beside the control it is about, and a new
message at a place replaces the last one there, so a refusal never stands beside an older
success. Every page's state keeps its messages this way."""

from __future__ import annotations

from typing import ClassVar

import traitlets

KINDS = ("info", "success", "warning", "error")


class Messages(traitlets.HasTraits):
    """``messages``: place -> (kind, text). ``MESSAGE_PLACES`` lists the places a state
    has (empty: any place, for states that pages extend with places of their own); a place
    may name one form of its kind after a colon (``answer:KEY``, ``mark:BID:CRITERION``)."""

    messages = traitlets.Dict()
    MESSAGE_PLACES: ClassVar[tuple[str, ...]] = ()

    def say(self, place: str, kind: str, text: str) -> None:
        """Put a message at ``place`` (replacing the one there)."""
        if self.MESSAGE_PLACES and place.split(":", 1)[0] not in self.MESSAGE_PLACES:
            raise ValueError(f"place must be one of {', '.join(self.MESSAGE_PLACES)} "
                             f"(got {place!r})")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)} (got {kind!r})")
        self.messages = {**self.messages, place: (kind, text)}

    def refused_form(self, problems: dict[str, str], at: str = "submit") -> bool:
        """Each problem beside its box and all of them beside the Send button at ``at``;
        True when there were any (the form is then not sent, and keeps what was typed)."""
        if not problems:
            return False
        for place, words in problems.items():
            self.say(place, "error", words + ".")
        listed = "; ".join(t[0].lower() + t[1:] for t in problems.values())
        self.say(at, "error", f"Not sent: {listed}. Nothing you typed was lost.")
        return True

    def message(self, place: str) -> tuple[str, str]:
        """The message at ``place``: (kind, text), ("info", "") when there is none."""
        return self.messages.get(place, ("info", ""))

    def clear(self, place: str) -> None:
        if place in self.messages:
            self.messages = {k: v for k, v in self.messages.items() if k != place}
