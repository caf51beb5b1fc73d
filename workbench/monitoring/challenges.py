"""Challenges against a service (commissioning-cycle.md, section 4), whatever its delivery
mode: a CSV or XLSX table with columns ``service, challenger, group, lodged, grounds,
text``, validated like a scenario file (row and column; nothing imported on any problem)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal, cast

from workbench.limits import Limits, excerpt
from workbench.monitoring.tables import read_table
from workbench.scenario.model import Scenario

COLUMNS = ("service", "challenger", "group", "lodged", "grounds", "text")
Grounds = Literal["quality", "access", "conduct", "value_for_money", "safety", "other"]
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
GROUNDS: tuple[Grounds, ...] = ("quality", "access", "conduct", "value_for_money", "safety",
                                "other")
GROUNDS_WORDS = {"quality": "quality", "access": "access", "conduct": "conduct",
                 "value_for_money": "value for money", "safety": "safety", "other": "other"}


@dataclass(frozen=True)
class Challenge:
    """Who challenged which service, when, on what grounds (a panel's on behalf of its
    group); ``row`` is where it was in its file."""

    service: str
    challenger: str
    group: str | None
    lodged: date
    grounds: Grounds
    text: str
    row: int = 0

    @property
    def counts_as(self) -> tuple[str, str]:
        """Who it counts as among distinct challengers: its group, however many challenges
        the group lodged; else the challenger's name as written."""
        return ("group", self.group) if self.group else ("person", self.challenger)


def read_challenges(scenario: Scenario, source: str | Path | bytes, name: str | None = None,
                    limits: Limits | None = None,
                    today: date | None = None) -> tuple[Challenge, ...]:
    """The challenges in ``source``; ScenarioError lists every problem, located. None may
    be lodged after ``today`` (default: the real date; a review as of a later month, such
    as a planning example, passes that month's last day), and no row may repeat another."""
    problems, rows = read_table(source, COLUMNS, name, limits)
    services = {s.id for s in scenario.services}
    groups = {g.id for g in scenario.stakeholders}
    today = today or date.today()
    first_row: dict[tuple, int] = {}
    found = []
    for row in rows:
        n = row.number
        service, challenger, group = row.text("service"), row.text("challenger"), row.text("group")
        grounds, text = row.text("grounds"), row.text("text")
        if not service:
            problems.add(n, "service", "is empty: name the service challenged")
        elif service not in services:
            problems.add(n, "service", f"unknown service {excerpt(service)}")
        if not challenger:
            problems.add(n, "challenger", "is empty: name who lodged the challenge")
        if group and group not in groups:
            problems.add(n, "group", f"unknown group {excerpt(group)} (groups are "
                         f"{', '.join(sorted(groups))}; leave it empty for a person)")
        before = len(problems.found)
        lodged = _day(row.cells.get("lodged"), row.text("lodged"))
        if lodged is None:
            problems.add(n, "lodged", "must be a date written YYYY-MM-DD (got "
                         f"{excerpt(row.text('lodged'))})")
        elif lodged > today:
            problems.add(n, "lodged", f"must not be after today ({today.isoformat()}) (got "
                         f"{lodged.isoformat()})")
        if grounds not in GROUNDS:
            problems.add(n, "grounds", f"must be one of {', '.join(GROUNDS)} "
                         f"(got {excerpt(grounds)})")
        if not text:
            problems.add(n, "text", "is empty: say what the challenge is about")
        key = (service, challenger, group, lodged, grounds, text)
        if len(problems.found) == before and key in first_row:
            problems.add(n, None, f"the same challenge as row {first_row[key]} (same service, "
                         "challenger, group, date, grounds and text); each challenge once")
            continue
        first_row.setdefault(key, n)
        if lodged is not None and not problems.found:
            found.append(Challenge(service, challenger, group or None, lodged,
                                   cast(Grounds, grounds), text, n))
    problems.raise_any()
    return tuple(found)


def _day(raw: object, text: str) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not DAY.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
