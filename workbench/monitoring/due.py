"""When a review of a service is due, as of a month A (commissioning-cycle.md, section 3):
each reason with the facts that make it hold, one entry per target or given."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbench.errors import InputError
from workbench.givens.require_option import RequireOption, require_options
from workbench.monitoring.challenges import Challenge
from workbench.monitoring.periods import days_ending, month_of, month_text
from workbench.monitoring.rating import Rating, is_miss
from workbench.monitoring.results import Result
from workbench.scenario.model import Scenario

WINDOW_MONTHS = 12     # "the 12 months ending with A"


@dataclass(frozen=True)
class MissedTargets:
    """The last ``consecutive_misses`` results of a target up to A are all misses."""

    target: str
    periods: tuple[str, ...]
    values: tuple[float, ...]
    ratings: tuple[Rating, ...]

    def to_json(self) -> dict[str, Any]:
        return {"reason": "missed_targets", "target": self.target,
                "periods": list(self.periods), "values": list(self.values),
                "ratings": list(self.ratings)}

    def sentence(self) -> str:
        return (f"target {self.target} missed {len(self.periods)} times running "
                f"({', '.join(self.periods)})")


@dataclass(frozen=True)
class Inadequate:
    """A target rated ``inadequate`` often enough within the 12 months ending with A."""

    target: str
    periods: tuple[str, ...]
    window: tuple[str, str]

    def to_json(self) -> dict[str, Any]:
        return {"reason": "inadequate", "target": self.target, "periods": list(self.periods),
                "from": self.window[0], "to": self.window[1]}

    def sentence(self) -> str:
        return (f"target {self.target} inadequate in {len(self.periods)} periods from "
                f"{self.window[0]} to {self.window[1]} ({', '.join(self.periods)})")


@dataclass(frozen=True)
class Challenges:
    """Challenges from enough distinct challengers within the window of days."""

    challengers: tuple[str, ...]      # each group's id, or a person's name as written
    challenges: int                   # every challenge in the window (a group's all counted)
    window: tuple[date, date]

    def to_json(self) -> dict[str, Any]:
        return {"reason": "challenges", "challengers": len(self.challengers),
                "who": list(self.challengers), "challenges": self.challenges,
                "from": self.window[0].isoformat(), "to": self.window[1].isoformat()}

    def sentence(self) -> str:
        return (f"{self.challenges} challenges from {len(self.challengers)} distinct "
                f"challengers between {self.window[0]} and {self.window[1]}")


@dataclass(frozen=True)
class ContractEnd:
    """A ``require_option`` given on the service ends within ``contract_end_months``."""

    given: str
    option: str
    until: date
    months: int                       # months from A to the month of ``until``

    def to_json(self) -> dict[str, Any]:
        return {"reason": "contract_end", "given": self.given, "option": self.option,
                "until": self.until.isoformat(), "months": self.months}

    def sentence(self) -> str:
        return f"given {self.given} ({self.option}) ends on {self.until}, {self.months} months on"


Reason = MissedTargets | Inadequate | Challenges | ContractEnd


def as_of_month(results: Iterable[Result], as_of: int | None = None) -> int:
    """A: the month given, else the latest month of any result (a quarter at its last)."""
    if as_of is not None:
        return as_of
    months = [r.period.month for r in results]
    if not months:
        raise InputError("there are no results, so there is no as-of month: give one")
    return max(months)


def by_target(results: Iterable[Result]) -> dict[str, list[Result]]:
    """Each target's results in period order."""
    grouped: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        grouped[result.target.id].append(result)
    for found in grouped.values():
        found.sort(key=lambda r: r.period)
    return grouped


def reviews_due(scenario: Scenario, results: Sequence[Result],
                challenges: Sequence[Challenge] = (), as_of: int | None = None,
                grouped: Mapping[str, list[Result]] | None = None) -> dict[str, tuple[Reason, ...]]:
    """Service id -> its reasons, for the services with at least one (in file order)."""
    a = as_of_month(results, as_of)
    rules = scenario.rules
    grouped = by_target(results) if grouped is None else grouped
    window = days_ending(a, rules.challenge_window_days)
    lodged: dict[str, list[Challenge]] = defaultdict(list)
    for challenge in challenges:
        if window[0] <= challenge.lodged <= window[1]:
            lodged[challenge.service].append(challenge)
    contracts: dict[str, list[RequireOption]] = defaultdict(list)
    for given in require_options(scenario.givens):
        if given.until is not None:
            contracts[given.service].append(given)
    due: dict[str, tuple[Reason, ...]] = {}
    for service in scenario.services:
        reasons: list[Reason] = []
        for target in scenario.targets_of(service.id):
            upto = [r for r in grouped.get(target.id, ()) if r.period.month <= a]
            reasons += _missed(target.id, upto, rules.consecutive_misses)
            reasons += _inadequate(target.id, upto, a, rules.inadequate_in_twelve_months)
        reasons += _challenged(lodged.get(service.id, ()), rules.challenges, window)
        for given in contracts.get(service.id, ()):
            months = month_of(given.until) - a   # type: ignore[arg-type]  # until is set
            if 0 <= months <= rules.contract_end_months:
                reasons.append(ContractEnd(given.id, given.option, given.until, months))  # type: ignore[arg-type]
        if reasons:
            due[service.id] = tuple(reasons)
    return due


def _missed(target: str, upto: list[Result], run: int) -> list[Reason]:
    last = upto[-run:]
    if len(upto) < run or not all(is_miss(r.rating) for r in last):
        return []
    return [MissedTargets(target, tuple(r.period.text for r in last),
                          tuple(r.value for r in last), tuple(r.rating for r in last))]


def _inadequate(target: str, upto: list[Result], a: int, count: int) -> list[Reason]:
    first = a - WINDOW_MONTHS + 1
    bad = [r for r in upto if r.period.month >= first and r.rating == "inadequate"]
    if len(bad) < count:
        return []
    return [Inadequate(target, tuple(r.period.text for r in bad),
                       (month_text(first), month_text(a)))]


def _challenged(found: Sequence[Challenge], count: int,
                window: tuple[date, date]) -> list[Reason]:
    distinct = {c.counts_as: None for c in found}
    if len(distinct) < count:
        return []
    return [Challenges(tuple(who for _, who in distinct), len(found), window)]
