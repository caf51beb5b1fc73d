"""A participatory-budgeting election as immutable data: its budget, its projects and the
voters' ballots, with every column of the file kept so that it can be written back.

Amounts (costs, the budget, points) are exact fractions: a greedy pass or a budget check on
whole zloty never depends on floating-point rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

VOTE_TYPES = ("approval", "ordinal", "cumulative", "scoring")
WITH_POINTS = ("cumulative", "scoring")


@dataclass(frozen=True)
class Project:
    """One project: its id (text, as in the file), its cost, and the file's other columns
    (name, category, the published votes...) in order, as text."""

    id: str
    cost: Fraction
    columns: tuple[tuple[str, str], ...] = ()

    def column(self, name: str, default: str = "") -> str:
        return next((value for key, value in self.columns if key == name), default)


@dataclass(frozen=True)
class Ballot:
    """One voter's ballot: the projects named (ranked best first for ordinal ballots) and,
    for cumulative and scoring ballots, the points given to each."""

    voter: str
    projects: tuple[str, ...]
    points: tuple[Fraction, ...] | None = None
    columns: tuple[tuple[str, str], ...] = ()

    def approves(self) -> tuple[str, ...]:
        """The projects this voter supports: every one named (with points above 0)."""
        if self.points is None:
            return self.projects
        return tuple(p for p, n in zip(self.projects, self.points) if n > 0)


@dataclass(frozen=True)
class Election:
    """An election: META (ordered key/value text), projects and ballots. ``budget`` and
    ``vote_type`` are META's, checked when the file was read."""

    meta: tuple[tuple[str, str], ...]
    projects: tuple[Project, ...]
    ballots: tuple[Ballot, ...]
    budget: Fraction
    vote_type: str = "approval"
    project_header: tuple[str, ...] = ("project_id", "cost")
    vote_header: tuple[str, ...] = ("voter_id", "vote")

    def meta_value(self, key: str, default: str = "") -> str:
        return next((value for k, value in self.meta if k == key), default)

    @property
    def voters(self) -> int:
        return len(self.ballots)

    @cached_property
    def by_id(self) -> dict[str, Project]:
        return {p.id: p for p in self.projects}

    @cached_property
    def scores(self) -> dict[str, Fraction]:
        """Each project's score: its approvals, or its points for cumulative and scoring
        ballots (ordinal ballots count as approvals of every project ranked)."""
        total = {p.id: Fraction(0) for p in self.projects}
        for ballot in self.ballots:
            if self.vote_type in WITH_POINTS and ballot.points is not None:
                for project, points in zip(ballot.projects, ballot.points):
                    total[project] += points
            else:
                for project in ballot.projects:
                    total[project] += 1
        return total

    @cached_property
    def approvals(self) -> tuple[frozenset[str], ...]:
        """Each ballot's supported projects, as the MES rule and the measures read them."""
        return tuple(frozenset(b.approves()) for b in self.ballots)


def number_text(value: Fraction) -> str:
    """An exact amount as a file writes it: ``225862``, or ``0.5`` (a finite decimal), or
    the nearest float for fractions a decimal cannot write."""
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.15g}"
    return text


def plain_number(value: Fraction) -> int | float:
    """An amount for JSON: an int when whole, else a float."""
    return value.numerator if value.denominator == 1 else float(value)
