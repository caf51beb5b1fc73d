"""What a rule chose, with the measures and the reasons that explain it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from workbench.errors import CancelledError
from workbench.pb.election import Election, plain_number

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Outcome:
    """The projects a rule funds (in the order it chose them), their cost, and why.

    ``voters_served`` counts the voters with at least one project they voted for funded;
    ``steps`` are sentences a person can check the choice against."""

    rule: str
    selected: tuple[str, ...]
    cost: Fraction
    budget: Fraction
    voters: int
    voters_served: int
    steps: tuple[str, ...] = ()

    @property
    def share_spent(self) -> float:
        """The share of the budget the funded projects cost (0 to 1)."""
        return float(self.cost / self.budget) if self.budget else 0.0

    @property
    def share_served(self) -> float:
        return self.voters_served / self.voters if self.voters else 0.0

    def to_json(self) -> dict:
        """The object the spec prints: ``{"selected": [project ids], "cost": n}``."""
        return {"selected": list(self.selected), "cost": plain_number(self.cost)}


def outcome(rule: str, election: Election, selected: Iterable[str],
            steps: Iterable[str] = ()) -> Outcome:
    """The outcome of ``rule`` choosing ``selected``, with its cost and voters served."""
    chosen = tuple(selected)
    funded = set(chosen)
    cost = sum((election.by_id[p].cost for p in chosen), Fraction(0))
    served = _served(election, funded)
    return Outcome(rule, chosen, cost, election.budget, election.voters, served, tuple(steps))


def _served(election: Election, funded: set[str]) -> int:
    return sum(1 for approved in election.approvals if not funded.isdisjoint(approved))


@dataclass(frozen=True)
class Coverage:
    """Who an outcome serves and what it spends, as the PB page shows it beside each rule.

    ``voters_served``: voters with at least one project they supported funded (a project
    named on their ballot; with points, given more than 0). ``share_served``: that count
    over every voter (0 with no ballots). ``share_spent``: the funded projects' cost over
    the budget (0 to 1)."""

    voters: int
    voters_served: int
    share_served: float
    cost: Fraction
    budget: Fraction
    share_spent: float


def coverage(election: Election, outcome: Outcome) -> Coverage:
    """The two figures issue 16 asks for beside each rule (spec section 6 does not name
    them): voters with at least one supported project funded (and their share of the
    voters), and the share of the budget spent; worked out from the election itself."""
    funded = set(outcome.selected)
    cost = sum((election.by_id[p].cost for p in funded), Fraction(0))
    served = _served(election, funded)
    voters = election.voters
    return Coverage(voters, served, served / voters if voters else 0.0, cost,
                    election.budget, float(cost / election.budget) if election.budget else 0.0)


def check_cancelled(cancelled: Cancelled | None) -> None:
    """Stop a rule between its steps when the person who started it cancelled."""
    if cancelled is not None and cancelled():
        raise CancelledError("cancelled")
