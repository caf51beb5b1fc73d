"""What a rule chose, with the measures and the reasons that explain it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from workbench.pb.election import Election, plain_number


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
    served = sum(1 for approved in election.approvals if not funded.isdisjoint(approved))
    return Outcome(rule, chosen, cost, election.budget, election.voters, served, tuple(steps))
