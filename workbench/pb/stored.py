"""A participatory-budgeting vote held in the meeting store, read back as plain data
(commissioning-cycle.md, section 6). Pure functions: no database here.

The stored text of a vote is JSON beginning with :data:`STORED_PREFIX` (how the store tells
a vote from a scenario's meeting or a tender): its name, budget and projects (id, cost,
name, description). Each voter's ballots are ``ballot_cast`` events (the latest one of a
voter is the one that counts: never two), and ``vote_closed`` ends the vote.

``stored_election`` builds the :class:`Election` the rules read: approval ballots, voters
numbered 1..n in an order that says nothing about who they are (never a token or a link).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from workbench.errors import InputError
from workbench.pb.election import Ballot, Election, Project, number_text

FORMAT = "workbench-pb-vote/1"
STORED_PREFIX = json.dumps({"format": FORMAT})[:-1]
CAST, CLOSED = "ballot_cast", "vote_closed"
MAX_PROJECTS = 200          # on one ballot page: a long list is already hard on a phone
MAX_COSTS_TEXT = 200_000    # characters of a costs file
MAX_NAME = 200
MAX_DESCRIPTION = 2000


@dataclass(frozen=True)
class VoteProject:
    id: str
    cost: Fraction
    name: str
    description: str = ""


@dataclass(frozen=True)
class Vote:
    """Where a stored vote stands: its projects and budget, each voter's ballot in force
    (voter link id -> project ids), how many ballots were cast in all (a replaced one
    included), and whether it is closed."""

    name: str
    budget: Fraction
    projects: tuple[VoteProject, ...]
    voters: tuple[str, ...]                       # every voter link's id, in order
    ballots: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cast: int = 0
    closed: bool = False
    currency: str = ""

    @property
    def voted(self) -> int:
        return len(self.ballots)

    def project(self, ident: str) -> VoteProject | None:
        return next((p for p in self.projects if p.id == ident), None)


def is_stored_vote(text: str) -> bool:
    return text.startswith(STORED_PREFIX)


def stored_text(name: str, budget: Fraction, projects: Sequence[VoteProject],
                currency: str = "") -> str:
    """The text the store keeps for a vote (see STORED_PREFIX)."""
    return json.dumps({"format": FORMAT, "name": name, "budget": number_text(budget),
                       "currency": currency,
                       "projects": [{"id": p.id, "cost": number_text(p.cost), "name": p.name,
                                     "description": p.description} for p in projects]},
                      ensure_ascii=False, allow_nan=False)


def check_projects(budget: Any, projects: Sequence[VoteProject]) -> Fraction:
    """The budget as a fraction, once the projects make a ballot: 1 to MAX_PROJECTS, ids
    unique, costs above 0."""
    value = _amount(budget, "budget")
    if not projects:
        raise InputError("projects: a vote needs at least one project")
    if len(projects) > MAX_PROJECTS:
        raise InputError(f"projects: at most {MAX_PROJECTS} on one ballot (got "
                         f"{len(projects)})")
    seen: set[str] = set()
    for k, p in enumerate(projects):
        if p.id in seen:
            raise InputError(f"projects[{k}].id: {p.id!r} is listed twice")
        seen.add(p.id)
        if p.cost <= 0:
            raise InputError(f"projects[{k}].cost: must be above 0 (got {number_text(p.cost)})")
    return value


def _amount(value: Any, place: str) -> Fraction:
    try:
        amount = Fraction(str(value).strip().replace(",", ""))
    except (ValueError, ZeroDivisionError):
        raise InputError(f"{place}: must be a number (got {str(value)[:40]!r})") from None
    if amount <= 0:
        raise InputError(f"{place}: must be above 0 (got {str(value)[:40]!r})")
    return amount


def vote_of(data: Mapping[str, Any], voters: Sequence[str], history: Iterable[Any]) -> Vote:
    """The vote as it stands after ``history`` (the meeting's events, in order)."""
    projects = tuple(VoteProject(p["id"], Fraction(p["cost"]), p["name"],
                                 p.get("description") or "") for p in data["projects"])
    ballots: dict[str, tuple[str, ...]] = {}
    cast, closed = 0, False
    for e in history:
        if e.kind == CAST:
            ballots[e.actor] = tuple(e.detail["projects"])
            cast += 1
        elif e.kind == CLOSED:
            closed = True
    return Vote(str(data.get("name") or "the vote"), Fraction(data["budget"]), projects,
                tuple(voters), ballots, cast, closed, str(data.get("currency") or ""))


def check_ballot(vote: Vote, projects: Any) -> tuple[str, ...]:
    """The approved project ids in the ballot's order, or InputError saying what is wrong."""
    if isinstance(projects, (str, bytes)) or not isinstance(projects, Iterable):
        raise InputError("projects: must be a list of project ids")
    chosen = [str(p)[:100] for p in projects]
    if not chosen:
        raise InputError("projects: tick at least one project you approve")
    known = [p.id for p in vote.projects]
    for p in chosen:
        if p not in known:
            raise InputError(f"projects: {p!r} is not a project of this vote")
    if len(set(chosen)) != len(chosen):
        raise InputError("projects: a project is ticked twice")
    return tuple(p for p in known if p in chosen)


def stored_election(vote: Vote) -> Election:
    """The vote as an approval election the rules read. Voters are numbered 1..n after
    sorting the ballots, so an id says nothing of which link (or when) it was cast."""
    ordered = sorted(vote.ballots.values(), key=lambda b: (len(b), b))
    ballots = tuple(Ballot(str(k), b) for k, b in enumerate(ordered, 1))
    meta: list[tuple[str, str]] = [
        ("description", vote.name), ("num_projects", str(len(vote.projects))),
        ("num_votes", str(len(ballots))), ("budget", number_text(vote.budget)),
        ("vote_type", "approval"), ("rule", "greedy")]
    if vote.currency:
        meta.append(("currency", vote.currency))
    projects = tuple(Project(p.id, p.cost, (("name", p.name), ("description", p.description)))
                     for p in vote.projects)
    return Election(tuple(meta), projects, ballots, vote.budget, "approval",
                    ("project_id", "cost", "name", "description"), ("voter_id", "vote"))


def read_costs(text: str, source: str = "costs.csv") -> dict[str, Fraction]:
    """A costs file: a header ``need,cost`` then one row per need (its number as the pages
    show it, and its cost). InputError names the line of the first problem."""
    if len(text) > MAX_COSTS_TEXT:
        raise InputError(f"{source}: is larger than {MAX_COSTS_TEXT:,} characters")
    read = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = [(k, r) for k, r in enumerate(read, 1) if any(c.strip() for c in r)]
    if not rows:
        raise InputError(f"{source}: is empty (a header need,cost then one row per need)")
    line, header = rows[0]
    names = [c.strip().lower() for c in header]
    if "need" not in names or "cost" not in names:
        raise InputError(f"{source} line {line}: the header must name the columns need and "
                         f"cost (got {','.join(header)[:80]!r})")
    at_need, at_cost = names.index("need"), names.index("cost")
    out: dict[str, Fraction] = {}
    for line, row in rows[1:]:
        if len(row) <= max(at_need, at_cost):
            raise InputError(f"{source} line {line}: needs a need number and a cost")
        need = row[at_need].strip().removeprefix("need:").removeprefix("#")
        if not need.isdigit():
            raise InputError(f"{source} line {line}: need must be a need's number (got "
                             f"{row[at_need][:40]!r})")
        if need in out:
            raise InputError(f"{source} line {line}: need {need} has a cost already")
        out[need] = _amount(row[at_cost], f"{source} line {line}: cost")
    return out
