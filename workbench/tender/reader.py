"""Reading plain data (from a tender file, or a specification or term sheet given as data)
with every problem collected at its place, so that an officer sees them all at once.

The values come from anyone: messages echo at most an excerpt of them
(``workbench.limits.excerpt``), and identifiers follow the scenario format's rule.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Sequence
from fractions import Fraction
from typing import Any

from workbench.limits import excerpt
from workbench.scenario.checks import ID_PATTERN

MISSING = object()


def at(place: str, key: str | int) -> str:
    """``scores[12].mark``: the place of ``key`` inside ``place``."""
    if isinstance(key, int):
        return f"{place}[{key}]"
    return f"{place}.{key}" if place else key


def number_text(value: float) -> str:
    """A number as an officer wrote it: 60, 2.5, 4000000 (never 4e+06)."""
    return f"{value:.15g}" if abs(value) < 1e15 else f"{value:g}"


def exact(value: float) -> Fraction:
    """``value`` as the decimal it was written as (0.1 is one tenth, not the binary float
    nearest it), so that sums of weights and marks tie and reach halves as they do on
    paper."""
    return Fraction(repr(float(value)))


class Reader:
    """Collects ``(place, message)`` problems while values are read; each ``read_*`` returns
    the value, or None (after noting why) when it cannot be used."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, place: str, message: str) -> None:
        self.problems.append((place, message))

    def mapping(self, value: Any, place: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.problem(place, f"must be a mapping of keys to values (got {excerpt(value)})")
        return None

    def items(self, data: dict, key: str, place: str, required: bool = True,
              empty: bool = False) -> Iterator[tuple[int, str, dict]]:
        """Each mapping in the list ``data[key]``, with its index and place."""
        value = data.get(key, MISSING)
        where = at(place, key)
        if value is MISSING or value is None:
            if required:
                self.problem(where, "is required")
            return
        if not isinstance(value, list):
            self.problem(where, f"must be a list (got {excerpt(value)})")
            return
        if not value and not empty:
            self.problem(where, "must not be empty")
        for i, item in enumerate(value):
            item_place = at(where, i)
            if self.mapping(item, item_place) is not None:
                yield i, item_place, item

    def text(self, data: dict, key: str | int, place: str, required: bool = True) -> str | None:
        value = data.get(key, MISSING)
        where = at(place, key)
        if value is MISSING or value is None:
            if required:
                self.problem(where, "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(where, f"must be text (got {excerpt(value)})")
            return None
        text = str(value).strip()
        if not text:
            if required:
                self.problem(where, "must not be empty")
            return None
        return text

    def ident(self, data: dict, key: str | int, place: str, required: bool = True) -> str | None:
        text = self.text(data, key, place, required)
        if text is not None and not ID_PATTERN.match(text):
            self.problem(at(place, key), "must use only letters, digits, _ and - "
                                         f"(got {excerpt(text)})")
            return None
        return text

    def number(self, data: dict, key: str | int, place: str, required: bool = True,
               low: float | None = None, above: float | None = None,
               high: float | None = None) -> float | None:
        """A finite number, at least ``low``, above ``above`` and at most ``high``."""
        value = data.get(key, MISSING)
        where = at(place, key)
        if value is MISSING or value is None:
            if required:
                self.problem(where, "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value):
            self.problem(where, f"must be a number (got {excerpt(value)})")
            return None
        got = number_text(value)
        if low is not None and high is not None and not low <= value <= high:
            self.problem(where, f"must be {number_text(low)} to {number_text(high)} (got {got})")
        elif low is not None and value < low:
            rule = "must not be negative" if low == 0 else f"must be at least {number_text(low)}"
            self.problem(where, f"{rule} (got {got})")
        elif above is not None and value <= above:
            self.problem(where, f"must be above {number_text(above)} (got {got})")
        elif high is not None and value > high:
            self.problem(where, f"must be at most {number_text(high)} (got {got})")
        else:
            return float(value)
        return None

    def choice(self, data: dict, key: str, place: str, choices: Sequence[str],
               default: str | None = None) -> str | None:
        value = data.get(key, MISSING)
        if (value is MISSING or value is None) and default is not None:
            return default
        text = self.text(data, key, place)
        if text is not None and text not in choices:
            self.problem(at(place, key), f"must be one of {', '.join(choices)} "
                                         f"(got {excerpt(text)})")
            return None
        return text

    def flag(self, data: dict, key: str, place: str) -> bool:
        value = data.get(key, False)
        if value is None or isinstance(value, bool):
            return bool(value)
        self.problem(at(place, key), f"must be true or false (got {excerpt(value)})")
        return False

    def unique(self, seen: dict[str, str], ident: str | None, place: str) -> str | None:
        """``ident`` once only in its list: a second one is refused naming the first."""
        if ident is None:
            return None
        if ident in seen:
            self.problem(place, f"duplicate id {excerpt(ident)} (also {seen[ident]})")
            return None
        seen[ident] = place
        return ident

    def known(self, ident: str | None, known: Collection[str], what: str,
              place: str) -> str | None:
        """``ident`` when it names one of ``known``; otherwise an unknown reference."""
        if ident is None:
            return None
        if ident not in known:
            self.problem(place, f"unknown {what} {excerpt(ident)}")
            return None
        return ident
