"""The optional scenario keys of the commissioning cycle (commissioning-cycle.md, sections
1 to 3): ``engagement``, ``proposal``, ``targets`` and ``review_rules``.

A version 1 file without them means what it meant before: each key defaults to None (and is
then left out when the scenario is written). Types and ranges are pydantic's to check; the
checks that need the rest of the file (services, options, groups, the order of a target's
thresholds) are :func:`cycle_checks`, run with the scenario's other cross checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictBool
from pydantic_core import PydanticCustomError

from workbench.fields import Day, Frozen, Id, Number, Text, whole

Direction = Literal["higher", "lower"]
PeriodKind = Literal["month", "quarter"]


def _at_least_one(value: int) -> int:
    if value < 1:
        raise PydanticCustomError("range", "must be at least 1 (got {got})", {"got": value})
    return value


Count = Annotated[int, BeforeValidator(whole), AfterValidator(_at_least_one)]
Whole = Annotated[int, BeforeValidator(whole)]


class Stage(Frozen):
    """One stage of the engagement: when it runs and which groups take part."""

    stage: Text
    from_: Day = Field(alias="from")
    to: Day
    groups: tuple[Id, ...] = ()


class Engagement(Frozen):
    """The terms of engagement, stated before the givens (section 1)."""

    purpose: Text | None = None
    open_to_change: tuple[Text, ...] = ()
    stages: tuple[Stage, ...] = ()
    how_views_are_used: Text | None = None
    how_to_challenge: Text | None = None
    # The needs register (section 6): how many needs each person or group may support in
    # the meeting (None: workbench.store.needs.DEFAULT_SUPPORTS, 3).
    supports_per_person: Count | None = None


class Target(Frozen):
    """One objective of a service, measured each month or quarter (section 3)."""

    id: Id
    service: Id
    measure: Text
    unit: Text
    direction: Direction
    target: Number
    approaching: Number | None = None
    inadequate: Number | None = None
    period: PeriodKind
    agreed_by: tuple[Id, ...]
    kpi: StrictBool = False

    @property
    def approaching_level(self) -> float:
        """Where ``approaching target`` ends: ``approaching``, by default the target."""
        return self.target if self.approaching is None else self.approaching


class ReviewRules(Frozen):
    """When a review is due (section 3); the defaults are the spec's."""

    consecutive_misses: Count = 3
    inadequate_in_twelve_months: Count = 2
    challenges: Count = 5
    challenge_window_days: Count = 90
    contract_end_months: Whole = 12


DEFAULT_RULES = ReviewRules()


def _items(value: Any) -> Iterator[tuple[int, dict]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def cycle_checks(data: dict, services: list[str], options: dict[str, set[str]],
                 groups: list[str], good_id: Callable[[str], bool]) -> list[tuple[str, str]]:
    """``(place, message)`` for every reference or order problem in the cycle keys of the
    plain parsed ``data`` (``services``, ``options`` and ``groups`` are the file's ids)."""
    out: list[tuple[str, str]] = []
    known_groups = set(groups)

    def group_refs(place: str, value: Any) -> None:
        if isinstance(value, list) and groups:
            for i, group in enumerate(value):
                if str(group) not in known_groups:
                    out.append((f"{place}[{i}]", f"unknown group {group!r} "
                                f"(groups are {', '.join(groups)})"))

    engagement = data.get("engagement")
    if isinstance(engagement, dict):
        for i, stage in _items(engagement.get("stages")):
            place = f"engagement.stages[{i}]"
            begins, ends = _as_date(stage.get("from")), _as_date(stage.get("to"))
            if begins and ends and ends < begins:
                out.append((f"{place}.to", f"must not be before its start ({begins}) "
                            f"(got {ends})"))
            group_refs(f"{place}.groups", stage.get("groups"))

    proposal = data.get("proposal")
    if isinstance(proposal, dict) and services:
        for service, option in proposal.items():
            place = f"proposal.{service}"
            if str(service) not in options:
                out.append((place, f"unknown service {service!r}"))
            elif option is not None and str(option) not in options[str(service)]:
                known = ", ".join(sorted(options[str(service)]))
                out.append((place, f"unknown option {option!r} of service {service!r} "
                            f"(options are {known})"))
        missing = [s for s in services if s not in {str(k) for k in proposal}]
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more"
                                              if len(missing) > 5 else "")
            out.append(("proposal", f"must choose an option for every service (a complete "
                        f"portfolio); it leaves out {shown}"))

    seen: dict[str, int] = {}
    for i, target in _items(data.get("targets")):
        place = f"targets[{i}]"
        ident = target.get("id")
        if ident is not None:
            ident = str(ident)
            if not good_id(ident):
                out.append((f"{place}.id", f"must use only letters, digits, _ and - "
                            f"(got {ident!r})"))
            if ident in seen:
                out.append((f"{place}.id", f"duplicate id {ident!r} (also "
                            f"targets[{seen[ident]}])"))
            else:
                seen[ident] = i
        service = target.get("service")
        if service is not None and services and str(service) not in options:
            out.append((f"{place}.service", f"unknown service {service!r}"))
        group_refs(f"{place}.agreed_by", target.get("agreed_by"))
        out += _order(target, place)
    return out


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _order(target: dict, place: str) -> list[tuple[str, str]]:
    """For ``higher``, inadequate <= approaching <= target; for ``lower``, the reverse."""
    direction = target.get("direction")
    goal = _number(target.get("target"))
    if direction not in ("higher", "lower") or goal is None:
        return []
    approaching = _number(target.get("approaching"))
    inadequate = _number(target.get("inadequate"))
    higher = direction == "higher"
    word, limit = ("at most", min) if higher else ("at least", max)
    found = []
    if approaching is not None and limit(approaching, goal) != approaching:
        found.append((f"{place}.approaching", f"must be {word} the target ({goal:g}) when "
                      f"{direction} is better (got {approaching:g})"))
    if approaching is not None and not found:
        bound, what = approaching, "approaching"
    else:
        bound, what = goal, "the target"
    if inadequate is not None and limit(inadequate, bound) != inadequate:
        found.append((f"{place}.inadequate", f"must be {word} {what} ({bound:g}) when "
                      f"{direction} is better (got {inadequate:g})"))
    return found
