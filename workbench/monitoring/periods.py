"""Months and quarters as results name them (``2026-03``, ``2026-Q1``), counted as months.

A month is held as one whole number (``year * 12 + month - 1``) so that windows of months
are plain arithmetic; a quarter counts at its last month (commissioning-cycle.md, 3).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from workbench.scenario.cycle import PeriodKind

MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")
FORMS = {"month": "a month written YYYY-MM (such as 2026-03)",
         "quarter": "a calendar quarter written YYYY-Qn (such as 2026-Q1)"}


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def month_text(index: int) -> str:
    """``2026-03`` for a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def last_day(index: int) -> date:
    """The last day of a month: where a window of days ending with the month ends."""
    year, month = index // 12, index % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def days_ending(index: int, days: int) -> tuple[date, date]:
    """The ``days`` days ending on the last day of month ``index``, both ends included."""
    end = last_day(index)
    return end - timedelta(days=days - 1), end


@dataclass(frozen=True, order=True)
class Period:
    """One month or one calendar quarter; ordered by the month it counts at."""

    month: int                 # the month it counts at (a quarter's last month)
    kind: PeriodKind

    @property
    def text(self) -> str:
        if self.kind == "month":
            return month_text(self.month)
        return f"{self.month // 12:04d}-Q{(self.month % 12) // 3 + 1}"


@lru_cache(maxsize=4096)
def parse_period(text: str, kind: PeriodKind) -> Period | None:
    """The period ``text`` names when it is of ``kind``; None when it is not."""
    text = text.strip()
    if kind == "month":
        found = MONTH.match(text)
        return Period(month_index(int(found[1]), int(found[2])), "month") if found else None
    found = QUARTER.match(text)
    return Period(month_index(int(found[1]), int(found[2]) * 3), "quarter") if found else None


def parse_month(text: str) -> int | None:
    """The month index of ``YYYY-MM`` (the as-of month), or None."""
    period = parse_period(text, "month")
    return period.month if period else None


def month_of(day: date) -> int:
    return month_index(day.year, day.month)
