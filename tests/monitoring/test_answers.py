"""Answers to views (section 2) and the 28-day overdue flag of a challenge (section 4)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from workbench.errors import InputError
from workbench.monitoring.answers import STATES, Answer, answered, is_overdue, state_of

AT = datetime(2026, 5, 1, 10, 0)


def test_the_six_states():
    assert STATES == ("not_answered", "evaluating", "accepted", "partly_accepted", "rejected",
                      "withdrawn")


@pytest.mark.parametrize("state", ["rejected", "partly_accepted"])
def test_rejected_and_partly_accepted_need_a_text(state):
    with pytest.raises(InputError, match="needs a text"):
        Answer(state, "  ", "Officer", AT)
    assert Answer(state, "Because", "Officer", AT).state == state


def test_accepted_needs_no_text_and_an_unknown_state_is_refused():
    assert Answer("accepted", "", "Officer", AT).text == ""
    with pytest.raises(InputError, match="must be one of"):
        Answer("maybe", "", "Officer", AT)  # type: ignore[arg-type]


def test_answers_are_appended_and_the_latest_is_in_force():
    first = answered((), Answer("evaluating", "Looking into it", "Officer", AT))
    both = answered(first, Answer("rejected", "Out of scope", "Head", AT.replace(day=9)))
    assert len(first) == 1 and len(both) == 2 and both[0] == first[0]
    assert state_of(()) == "not_answered" and state_of(both) == "rejected"
    with pytest.raises(InputError, match="older than the latest"):
        answered(both, Answer("accepted", "", "Officer", AT))


def test_overdue_from_the_28th_day_while_not_answered():
    lodged = date(2026, 5, 1)
    assert not is_overdue(lodged, (), date(2026, 5, 28))
    assert is_overdue(lodged, (), date(2026, 5, 29))
    assert not is_overdue(lodged, (Answer("evaluating", "", "O", AT),), date(2026, 7, 1))
