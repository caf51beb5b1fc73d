"""The finance export as plain tables: what the workbook, the CSV and the app all show.

Money is a number in the scenario's currency; per-year totals are the optimiser's own spend,
so the sheets reconcile with ``workbench solve --json`` to the penny.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Literal

import workbench
from workbench.export.decision import DecisionExport
from workbench.fields import mode_words
from workbench.givens.kind import GivenBase
from workbench.givens.registry import kind_of
from workbench.scenario.model import Budget, Scenario, Service

Kind = Literal["text", "money", "number", "share", "integer"]
Cell = str | float | int | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    """One sheet: columns, one row per item, and an optional totals row (values, not
    formulas, so that every tool reads them)."""

    name: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None


def spend_title(year: str) -> str:
    """The Allocation column of a year's spend, as the decision model defines it: the
    option's cost that year, plus its one-off in the first year (so these columns add up
    to the optimiser's spend and to the row's total, with nothing counted twice)."""
    return f"Spend {year}"


def one_off_title(first_year: str) -> str:
    """The Allocation column of the one-off cost: a part of the first year's spend, said
    in its title so that no one adds it again."""
    return f"Of which one-off (already in {spend_title(first_year)})"


def file_name(source: str | None) -> str:
    """The name of a scenario file without the folders it sits in on the server (which say
    nothing to a reader and should not be published); other sources are kept as they are."""
    if not source:
        return ""
    return PureWindowsPath(PurePosixPath(source).name).name


NO_AREA = "(no area)"
YES, NO, NOT_STATED = "yes", "no", "not stated"


def _option_of(decision: DecisionExport, service: Service):
    return service.option(decision.portfolio.choices[service.id])


def _total(service: Service, option_id: str, arrays) -> float:
    return float(arrays.total_cost[arrays.index[(service.id, option_id)]])


def allocation(decision: DecisionExport) -> Table:
    """One row per service: the chosen option, its spend each year, and against today."""
    scenario, p = decision.scenario, decision.portfolio
    arrays, years = p.arrays, scenario.years
    columns = (Column("Service id"), Column("Service"), Column("Cost centre"), Column("Area"),
               Column("Option id"), Column("Option"), Column("Mode"), Column("Provider"),
               *(Column(spend_title(y), "money") for y in years),
               Column("Total", "money"), Column(one_off_title(years[0]), "money"),
               Column("Today's option id"), Column("Changes"),
               Column("Change in cost against today", "money"))
    rows: list[tuple[Cell, ...]] = []
    change_total = 0.0
    for service in scenario.services:
        option = _option_of(decision, service)
        index = arrays.index[(service.id, option.id)]
        total = float(arrays.total_cost[index])
        if service.current is None:
            changes, delta = NOT_STATED, None
        else:
            changes = NO if service.current == option.id else YES
            delta = total - _total(service, service.current, arrays)
            change_total += delta
        rows.append((service.id, service.name, service.code or "", service.area or "",
                     option.id, option.name, mode_words(option.mode), option.provider or "",
                     *map(float, arrays.spend[index]), total, float(option.one_off),
                     service.current or "", changes, delta))
    one_off = sum(_option_of(decision, s).one_off for s in scenario.services)
    totals: tuple[Cell, ...] = ("Total", f"{len(rows)} services", "", "", "", "", "", "",
              *(float(p.spend[y]) for y in years), float(p.total_cost), float(one_off),
              "", f"{sum(r[-2] == YES for r in rows)} changing", change_total)
    return Table("Allocation", "The chosen option for every service, and its spend each "
                 f"year (one-off costs are paid in {years[0]} and counted in its spend)",
                 columns, tuple(rows), totals)


def _area_spend(decision: DecisionExport, areas: tuple[str | None, ...] | None) -> list[float]:
    """Spend each year of the services in ``areas`` (None: every service)."""
    p = decision.portfolio
    spend = [0.0] * len(decision.scenario.years)
    for service in decision.scenario.services:
        if areas is not None and service.area not in areas:
            continue
        row = p.arrays.spend[p.arrays.index[(service.id, p.choices[service.id])]]
        spend = [a + float(b) for a, b in zip(spend, row)]
    return spend


def _all_areas(scenario: Scenario) -> list[str | None]:
    areas: list[str | None] = list(scenario.areas)
    return [*areas, None] if any(s.area is None for s in scenario.services) else areas


def budget(decision: DecisionExport) -> Table:
    """Spend by area and year, then each budget given: its limit, the spend it covers and
    the headroom left."""
    scenario = decision.scenario
    years = scenario.years
    columns = (Column("Line"), Column("Budget given"), Column("Areas"),
               *(Column(y, "money") for y in years), Column("Total", "money"))
    rows: list[tuple[Cell, ...]] = []

    def line(kind: str, given: str, areas: str, values: list[float]) -> None:
        rows.append((kind, given, areas, *values, sum(values)))

    p = decision.portfolio
    for area in _all_areas(scenario):
        line("Spend", "", area if area is not None else NO_AREA, _area_spend(decision, (area,)))
    line("Spend", "", "All areas", [p.spend[y] for y in years])
    for given in scenario.givens:
        if not isinstance(given, Budget):
            continue
        covers = "All areas" if given.areas is None else "; ".join(given.areas)
        spend = _area_spend(decision, given.areas) if given.areas is not None else \
            [p.spend[y] for y in years]
        limit = [float(v) for v in given.limit]
        line("Budget limit", given.id, covers, limit)
        line("Spend within the budget", given.id, covers, spend)
        line("Headroom", given.id, covers, [a - b for a, b in zip(limit, spend)])
    return Table("Budget", "Spend by area and year against each budget given",
                 columns, tuple(rows))


def _plain(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return ".".join(_plain(v) for v in value.values())
    return str(value)


def _terms(given: GivenBase) -> str:
    """What the given demands, as ``key: value`` pairs (lists joined, numbers plain)."""
    return "; ".join(f"{k}: {_plain(v)}" for k, v in kind_of(given).terms(given).items())


def givens(decision: DecisionExport) -> Table:
    """Every given in words (its kind's own sentence) with its reason, owner and price;
    the raw terms stay in their own column for analysts."""
    scenario = decision.scenario
    columns = (Column("Given id"), Column("What it demands"), Column("Kind"),
               Column("Category"), Column("Reason"), Column("Answerable"), Column("Source"),
               Column("Terms (as in the file)"),
               Column("Value given up to keep it (points of 100)", "number"),
               Column("Change in total cost if lifted", "money"),
               Column("Value one more 1% of this budget would buy (points)", "number"))
    prices = decision.prices
    rows = []
    for g in decision.scenario.givens:
        price = prices.get(g.id)
        rows.append((g.id, kind_of(g).sentence(g, scenario), g.kind, g.category, g.reason,
                     g.owner or "", g.source or "",
                     _terms(g), price.value if price else None,
                     price.total_cost if price else None,
                     price.per_percent if price else None))
    return Table("Givens", "The givens: what had to hold, why, who answers for it, and what "
                 "keeping it costs", columns, tuple(rows))


def weights(decision: DecisionExport) -> Table:
    """Each group's normalised weights and influence, its satisfaction, and the agreed
    weights the recommendation maximises."""
    scenario = decision.scenario
    criteria = scenario.criteria
    influence = decision.group_influence
    total_influence = sum(influence.values()) or 1.0
    own = decision.group_weights
    satisfaction = decision.recommendation.satisfaction
    columns = (Column("Group id"), Column("Group"), Column("Influence", "number"),
               Column("Share of influence", "share"),
               *(Column(c.name, "share") for c in criteria),
               Column("Satisfaction with the decision (0 to 1)", "number"))
    rows = [(g.id, g.name, influence[g.id], influence[g.id] / total_influence,
             *(own[g.id][c.id] for c in criteria), satisfaction.get(g.id))
            for g in scenario.stakeholders]
    agreed = decision.recommendation.weights
    totals = ("agreed", "Agreed weights", sum(influence.values()), 1.0,
              *(agreed[c.id] for c in criteria), None)
    return Table("Weights", "Each group's weights (shares of 1) and influence, and the "
                 "agreed weights", columns, tuple(rows), totals)


def about(decision: DecisionExport) -> Table:
    """Where the numbers come from: the file, its SHA-256, the solver and when."""
    scenario, rec = decision.scenario, decision.recommendation
    items: list[tuple[str, Cell]] = [
        ("Scenario", scenario.name),
        ("Organisation", scenario.organisation or ""),
        ("Scenario file", file_name(decision.source)),
        ("File SHA-256", decision.sha256 or ""),
        ("Currency", scenario.currency),
        ("Years", ", ".join(scenario.years)),
        ("Status", rec.status),
        ("Proven gap", rec.gap),
        ("Solver", rec.solver),
        ("Solve time (seconds)", round(rec.seconds, 3)),
        ("Value (0 to 100)", decision.portfolio.value),
        ("Total cost", decision.portfolio.total_cost),
        *_departure_rows(decision),
        ("Adopted by", decision.adopted_by or ""),
        ("Adopted at", decision.adopted_at.isoformat() if decision.adopted_at else ""),
        ("Generated at", decision.generated_at.isoformat()),
        ("Workbench version", workbench.__version__),
    ]
    return Table("About", "Where these figures come from",
                 (Column("Item"), Column("Value", "number")), tuple(items))


def _departure_rows(decision: DecisionExport) -> list[tuple[str, Cell]]:
    """When the adopted portfolio is not the recommended one: which it is, and where it
    departs (these sheets are of the adopted portfolio)."""
    if not decision.departs:
        return []
    names = {s.id: s.name for s in decision.scenario.services}
    return [("Portfolio adopted", f"{decision.source_words}, not the recommendation"),
            ("Departs from the recommendation for",
             "; ".join(names[d.service] for d in decision.departures))]


MONEY_ROWS_OF_ABOUT = ("Total cost",)


def finance_tables(decision: DecisionExport) -> list[Table]:
    """The sheets of the workbook, in order."""
    return [allocation(decision), budget(decision), givens(decision), weights(decision),
            about(decision)]
