"""Checks that need the whole file: identifiers, references and lengths.

They run on the plain parsed data, defensively, so that they report their problems even
when other parts of the file are malformed: an officer sees every problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from workbench.givens.references import References
from workbench.givens.registry import kind_named
from workbench.scenario.cycle import cycle_checks

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")


def _items(data: Any, key: str) -> Iterator[tuple[int, dict]]:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def cross_checks(data: Any) -> list[tuple[str, str]]:
    """Return ``(place, message)`` for every reference, id or length problem in ``data``."""
    if not isinstance(data, dict):
        return [("", "must be a mapping of keys such as name, years, services (got "
                     f"{type(data).__name__})")]
    out: list[tuple[str, str]] = []
    years = data.get("years")
    n_years = len(years) if isinstance(years, list) else None
    if isinstance(years, list) and len(set(map(str, years))) != len(years):
        out.append(("years", "year labels must be different from each other"))

    def ids(key: str, place: str, items: Iterator[tuple[int, dict]]) -> list[str]:
        seen: dict[str, int] = {}
        for i, item in items:
            ident = item.get("id")
            if ident is None:
                continue
            ident = str(ident)
            if not ID_PATTERN.match(ident):
                out.append((f"{place}[{i}].id", "must use only letters, digits, _ and - "
                            f"(got {ident!r})"))
            if ident in seen:
                out.append((f"{place}[{i}].id",
                            f"duplicate id {ident!r} (also {place}[{seen[ident]}])"))
            else:
                seen[ident] = i
        return list(seen)

    criteria = ids("id", "criteria", _items(data, "criteria"))
    criteria_set = set(criteria)
    groups = ids("id", "stakeholders", _items(data, "stakeholders"))
    services = ids("id", "services", _items(data, "services"))
    ids("id", "givens", _items(data, "givens"))

    options: dict[str, set[str]] = {}
    areas: set[str] = set()
    for si, service in _items(data, "services"):
        place = f"services[{si}]"
        opt_ids = ids("id", f"{place}.options", _items(service, "options"))
        options.setdefault(str(service.get("id")), set(opt_ids))
        if service.get("area") is not None:
            areas.add(str(service["area"]))
        current = service.get("current")
        if current is not None and opt_ids and str(current) not in opt_ids:
            out.append((f"{place}.current", f"unknown option {current!r} "
                        f"(options are {', '.join(opt_ids)})"))
        for oi, option in _items(service, "options"):
            oplace = f"{place}.options[{oi}]"
            cost = option.get("cost")
            if isinstance(cost, list) and n_years is not None and len(cost) != n_years:
                out.append((f"{oplace}.cost", f"needs one number per year ({n_years}) or one "
                            f"number for every year (got {len(cost)})"))
            scores = option.get("scores")
            if isinstance(scores, dict) and criteria:
                for key in scores:
                    if str(key) not in criteria_set:
                        out.append((f"{oplace}.scores.{key}", f"unknown criterion {key!r} "
                                    f"(criteria are {', '.join(criteria)})"))
                for c in criteria:
                    if c not in scores:
                        out.append((f"{oplace}.scores.{c}",
                                    "is missing: every criterion must be scored"))

    influences: list[float] = []
    for gi, group in _items(data, "stakeholders"):
        place = f"stakeholders[{gi}]"
        weights = group.get("weights")
        if isinstance(weights, dict):
            for key in weights:
                if criteria and str(key) not in criteria_set:
                    out.append((f"{place}.weights.{key}", f"unknown criterion {key!r} "
                                f"(criteria are {', '.join(criteria)})"))
            numbers = [v for v in weights.values() if _is_number(v)]
            if len(numbers) == len(weights) and not any(v > 0 for v in numbers):
                out.append((f"{place}.weights", "at least one weight must be above 0"))
        influence = group.get("influence", 1)
        if _is_number(influence):
            influences.append(influence)
    if influences and len(influences) == len(list(_items(data, "stakeholders"))) \
            and not any(v > 0 for v in influences):
        out.append(("stakeholders", "at least one group's influence must be above 0"))

    refs = References(n_years, criteria, services, options, areas)
    for gi, given in _items(data, "givens"):
        kind = kind_named(given.get("kind"))
        if kind is not None:   # an unknown kind is the schema's to report
            kind.check(given, f"givens[{gi}]", refs)
    out += refs.problems
    out += cycle_checks(data, services, options, groups, lambda i: bool(ID_PATTERN.match(i)))
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)

