"""What a solve proved, as one enum: its values are the words JSON and the pages show."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    """``optimal``: proven best. ``time_limit``: a portfolio in hand, not proven best.
    ``infeasible``: the givens clash. ``no_solution``: time ran out with nothing found."""

    OPTIMAL = "optimal"
    TIME_LIMIT = "time_limit"
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def has_solution(self) -> bool:
        return self in (Status.OPTIMAL, Status.TIME_LIMIT)


OPTIMAL, TIME_LIMIT, INFEASIBLE, NO_SOLUTION = (
    Status.OPTIMAL, Status.TIME_LIMIT, Status.INFEASIBLE, Status.NO_SOLUTION)


def status_sentence(status: str, gap: float) -> str:
    """How sure the answer is, for people: ``optimal (proven)`` or the proven gap."""
    if status == Status.OPTIMAL:
        return "optimal (proven)"
    return f"best found before the time limit (proven gap {gap:.4%})"
