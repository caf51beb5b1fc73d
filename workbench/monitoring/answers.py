"""Every view gets an answer (commissioning-cycle.md, section 2): a state and a text,
recorded with who answered and when. Answers are appended, never edited; the latest one is
in force and every earlier one stays in the history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from workbench.errors import InputError

AnswerState = Literal["not_answered", "evaluating", "accepted", "partly_accepted", "rejected",
                      "withdrawn"]
STATES: tuple[AnswerState, ...] = ("not_answered", "evaluating", "accepted", "partly_accepted",
                                   "rejected", "withdrawn")
NEEDS_REASON: frozenset[AnswerState] = frozenset({"rejected", "partly_accepted"})
STATE_WORDS = {"not_answered": "not answered", "evaluating": "being evaluated",
               "accepted": "accepted", "partly_accepted": "partly accepted",
               "rejected": "rejected", "withdrawn": "withdrawn by its author"}
OVERDUE_DAYS = 28      # a challenge still unanswered this long after it was lodged is overdue


@dataclass(frozen=True)
class Answer:
    """One answer to a view: its state, the text, who gave it and when."""

    state: AnswerState
    text: str
    by: str
    at: datetime

    def __post_init__(self) -> None:
        if self.state not in STATES:
            raise InputError(f"answer state must be one of {', '.join(STATES)} "
                             f"(got {self.state!r})")
        if self.state in NEEDS_REASON and not self.text.strip():
            raise InputError(f"a {STATE_WORDS[self.state]} answer needs a text that says why")
        if not self.by.strip():
            raise InputError("an answer needs the name of who gave it")


def answered(history: Sequence[Answer], answer: Answer) -> tuple[Answer, ...]:
    """The history with ``answer`` appended (the history itself is never changed); an answer
    older than the latest one is refused, so that the latest is always the one in force."""
    if history and answer.at < history[-1].at:
        raise InputError(f"an answer given at {answer.at:%Y-%m-%d %H:%M} is older than the "
                         f"latest one ({history[-1].at:%Y-%m-%d %H:%M})")
    return (*history, answer)


def state_of(history: Sequence[Answer]) -> AnswerState:
    """The state in force: the latest answer's, or ``not_answered`` when there is none."""
    return history[-1].state if history else "not_answered"


def is_overdue(lodged: date, history: Sequence[Answer], today: date) -> bool:
    """A challenge still ``not_answered`` on or after the 28th day after it was lodged."""
    return state_of(history) == "not_answered" and today >= lodged + timedelta(days=OVERDUE_DAYS)
