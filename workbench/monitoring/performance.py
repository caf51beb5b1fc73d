"""Contract performance over the 12 months ending with A, and the Procurement Act 2023 s.52
check on key performance indicators (commissioning-cycle.md, section 3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import fmean

from workbench.money import money
from workbench.monitoring.due import WINDOW_MONTHS, by_target
from workbench.monitoring.rating import Rating, rate, worst
from workbench.monitoring.results import Result
from workbench.scenario.model import Scenario

S52_THRESHOLD = 5_000_000     # GBP over the horizon, every year plus the one-off
S52_KPIS = 3                  # key performance indicators such a contract needs
Performance = dict[str, dict[str, Rating | None]]


def performance(scenario: Scenario, results: Sequence[Result], as_of: int,
                grouped: Mapping[str, list[Result]] | None = None) -> Performance:
    """Service id -> {target id: rating of the mean of its results in the window (None when
    it has none), "overall": the worst of those ratings}; services with targets only."""
    grouped = by_target(results) if grouped is None else grouped
    first = as_of - WINDOW_MONTHS + 1
    out: Performance = {}
    for service in scenario.services:
        targets = scenario.targets_of(service.id)
        if not targets:
            continue
        ratings: dict[str, Rating | None] = {}
        for target in targets:
            values = [r.value for r in grouped.get(target.id, ())
                      if first <= r.period.month <= as_of]
            ratings[target.id] = rate(target, fmean(values)) if values else None
        ratings["overall"] = worst(ratings.values())
        out[service.id] = ratings
    return out


def kpi_warnings(scenario: Scenario, in_force: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """A warning for each ``outsource`` option in force (``in_force``, else each service's
    ``current``) costing more than 5,000,000 over the horizon in a GBP scenario with fewer
    than three ``kpi`` targets on its service (Procurement Act 2023 s.52)."""
    if scenario.currency != "GBP":
        return ()
    warnings = []
    for service in scenario.services:
        option_id = (in_force or {}).get(service.id, service.current)
        if option_id is None:
            continue
        option = service.option(option_id)
        total = sum(option.cost) + option.one_off
        if option.mode != "outsource" or total <= S52_THRESHOLD:
            continue
        kpis = sum(t.kpi for t in scenario.targets_of(service.id))
        if kpis < S52_KPIS:
            warnings.append(
                f"{service.name}: the outsourced option “{option.name}” costs "
                f"{money(total, scenario.currency)} over the horizon, more than "
                f"{money(S52_THRESHOLD, scenario.currency)}: the Procurement Act 2023 s.52 "
                f"needs at least {S52_KPIS} key performance indicators (kpi targets); it has "
                f"{kpis}")
    return tuple(warnings)
