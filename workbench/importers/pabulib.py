"""Participatory-budgeting elections (pabulib ``.pb`` files) as scenarios.

An election is a special case of the decision model: each project is a service with a "fund"
option and a "do not fund" decommission option, the election's budget is a ``budget`` given,
and the recommended portfolio is the utilitarian optimum (most support within the budget).
Support is the ``votes`` column by default (approvals) or ``score`` (points).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import Problem, ScenarioError
from workbench.scenario.model import Scenario


@dataclass(frozen=True)
class Election:
    meta: dict[str, str]
    projects: tuple[dict[str, str], ...]

    @property
    def budget(self) -> float:
        return float(self.meta["budget"])


def read_pb(path: str | Path) -> Election:
    """Read the META and PROJECTS sections of a pabulib file (votes are not needed)."""
    path = Path(path)
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() in ("META", "PROJECTS", "VOTES"):
            current = line.strip()
            sections[current] = []
        elif current:
            sections[current].append(line)
    if "META" not in sections or "PROJECTS" not in sections:
        raise ScenarioError([Problem("", "is not a pabulib file (needs META and PROJECTS)",
                                     str(path))])
    meta = {row["key"]: row["value"] for row in _rows(sections["META"])}
    projects = tuple(_rows(sections["PROJECTS"]))
    return Election(meta, projects)


def _rows(lines: list[str]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))


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
