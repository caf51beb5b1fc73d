"""Participatory-budgeting elections (pabulib ``.pb`` files) as scenarios.

An election is a special case of the decision model: each project is a service with a "fund"
option and a "do not fund" decommission option, the election's budget is a ``budget`` given,
and the recommended portfolio is the utilitarian optimum (most support within the budget).
Support is the ``votes`` column by default (approvals) or ``score`` (points).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench.pb.election import number_text
from workbench.pb.reading import read_election
from workbench.scenario.model import Scenario


@dataclass(frozen=True)
class Election:
    """An election's META and PROJECTS as text rows (the columns of the file)."""

    meta: dict[str, str]
    projects: tuple[dict[str, str], ...]

    @property
    def budget(self) -> float:
        return float(self.meta["budget"])


def read_pb(path: str | Path) -> Election:
    """The META and PROJECTS of a pabulib file, read and checked by :mod:`workbench.pb`."""
    election = read_election(path)
    rows = tuple({"project_id": p.id, "cost": number_text(p.cost), **dict(p.columns)}
                 for p in election.projects)
    return Election(dict(election.meta), rows)


def to_scenario(election: Election, support: str = "votes") -> Scenario:
    """The election as a scenario whose recommended portfolio is its utilitarian optimum."""
    values = [float(p[support]) for p in election.projects]
    top = max(values) or 1.0
    services = []
    for project, value in zip(election.projects, values):
        ident = "p_" + re.sub(r"[^A-Za-z0-9_-]", "_", project["project_id"])
        services.append({
            "id": ident, "name": project.get("name") or ident, "current": "no",
            "options": [
                {"id": "fund", "name": "Fund the project", "mode": "grant",
                 "cost": float(project["cost"]), "scores": {"support": 100 * value / top}},
                {"id": "no", "name": "Do not fund", "mode": "decommission", "cost": 0,
                 "scores": {"support": 0}},
            ]})
    name = election.meta.get("description", "Participatory budgeting election")
    return Scenario.model_validate({
        "format": "commissioning-scenario/1", "name": name,
        "currency": election.meta.get("currency", "PLN"),
        "years": [election.meta.get("instance", "year")],
        "criteria": [{"id": "support", "name": f"Residents' support ({support})"}],
        "stakeholders": [{"id": "voters", "name": "Voters", "weights": {"support": 1}}],
        "services": services,
        "givens": [{"id": "pb_budget", "kind": "budget", "limit": election.budget,
                    "category": "financial", "reason": "The election's budget"}],
    })
