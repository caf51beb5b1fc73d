"""Results against targets (commissioning-cycle.md, section 3): a CSV or XLSX table with
columns ``service, measure, period, value`` (``measure`` is the target's id), validated like
a scenario file: every problem at its row and column, and nothing imported on any problem."""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from workbench.limits import Limits, excerpt
from workbench.monitoring.periods import FORMS, Period, month_index, parse_period
from workbench.monitoring.rating import Rating, rate
from workbench.monitoring.tables import Problems, Row, read_table
from workbench.scenario.cycle import Target
from workbench.scenario.model import Scenario
from workbench.scenario.yamlio import collection_paused

COLUMNS = ("service", "measure", "period", "value")
# A number as people write one in a table: no thousands separators, no nan or inf.
NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


class Result(NamedTuple):
    """One measured value of one target for one period, with its rating (immutable; a
    tuple, as a year of results for 10,000 services is 240,000 of them)."""

    target: Target
    period: Period
    value: float
    rating: Rating

    @classmethod
    def of(cls, target: Target, period: Period, value: float) -> Result:
        """The result rated against its target."""
        return cls(target, period, value, rate(target, value))

    @property
    def service(self) -> str:
        return self.target.service

    def to_json(self) -> dict:
        return {"service": self.service, "target": self.target.id, "period": self.period.text,
                "value": self.value, "rating": self.rating}


def read_results(scenario: Scenario, source: str | Path | bytes, name: str | None = None,
                 limits: Limits | None = None) -> tuple[Result, ...]:
    """The results in ``source`` (a path, or an upload's bytes named ``name``), in file
    order; ScenarioError lists every problem, located, and nothing is imported."""
    with collection_paused():     # many new tuples and no cycles: collecting costs time
        problems, rows = read_table(source, COLUMNS, name, limits)
        return results_from_rows(scenario, rows, problems)


def results_from_rows(scenario: Scenario, rows: list[Row],
                      problems: Problems) -> tuple[Result, ...]:
    """Check each row against the scenario's services and targets (see ``read_results``)."""
    services = {s.id for s in scenario.services}
    targets = {t.id: t for t in scenario.targets or ()}
    first_row: dict[tuple[str, int], int] = {}
    found: list[Result] = []
    for row in rows:
        n, before = row.number, len(problems.found)
        service, measure = row.text("service"), row.text("measure")
        if not service:
            problems.add(n, "service", "is empty: name the service")
        elif service not in services:
            problems.add(n, "service", f"unknown service {excerpt(service)}")
        target = targets.get(measure)
        if not measure:
            problems.add(n, "measure", "is empty: name the target (its id)")
        elif target is None:
            known = ", ".join(t.id for t in scenario.targets_of(service)) or "none"
            problems.add(n, "measure", f"unknown target {excerpt(measure)} (targets of this "
                         f"service: {known})")
        elif service in services and target.service != service:
            problems.add(n, "measure", f"target {measure!r} measures {target.service!r}, "
                         f"not {service!r}")
            target = None
        period = _period(row, target, problems)
        value = _value(row, problems)
        if target is None or period is None or value is None or len(problems.found) > before:
            continue       # a row with a problem is not compared with the others
        key = (target.id, period.month)
        if key in first_row:
            problems.add(n, "period", f"target {target.id!r} already has a result for "
                         f"{period.text} (row {first_row[key]}); one result a period")
            continue
        first_row[key] = n
        found.append(Result.of(target, period, value))
    problems.raise_any()
    return tuple(found)


def _period(row: Row, target: Target | None, problems: Problems) -> Period | None:
    raw = row.cells.get("period")
    kind = target.period if target is not None else None
    if isinstance(raw, date):      # a workbook's date cell: its month
        if kind == "month":
            return Period(month_index(raw.year, raw.month), "month")
        if kind == "quarter":
            problems.add(row.number, "period", f"must be {FORMS['quarter']} for target "
                         f"{target.id!r} (got the date {raw:%Y-%m-%d})")  # type: ignore[union-attr]
        return None
    text = row.text("period")
    if not text:
        problems.add(row.number, "period", "is empty: give the month or quarter")
        return None
    if target is None:
        if parse_period(text, "month") is None and parse_period(text, "quarter") is None:
            problems.add(row.number, "period", f"must be {FORMS['month']} or "
                         f"{FORMS['quarter']} (got {excerpt(text)})")
        return None
    period = parse_period(text, target.period)
    if period is None:
        problems.add(row.number, "period", f"must be {FORMS[target.period]}, as target "
                     f"{target.id!r} is measured each {target.period} (got {excerpt(text)})")
    return period


def _value(row: Row, problems: Problems) -> float | None:
    raw = row.cells.get("value")
    if isinstance(raw, bool) or raw is None or isinstance(raw, date):
        value = None
    elif isinstance(raw, (int, float)):
        value = float(raw)
    else:
        value = float(raw.strip()) if NUMBER.match(raw.strip()) else None
    if value is None or not math.isfinite(value):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            problems.add(row.number, "value", "is empty: give the result as a number")
        else:
            problems.add(row.number, "value", f"must be a number (got {excerpt(raw)})")
        return None
    return value
