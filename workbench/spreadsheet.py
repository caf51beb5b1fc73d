"""Text that a spreadsheet would run as a formula, made inert: the one guard every CSV and
workbook the workbench writes goes through (the finance export and the meeting's audit).

Service, provider and given names come from scenario files anyone can write, and comments
from panels: a name such as ``=HYPERLINK(...)`` must never run in a finance officer's
spreadsheet (CSV injection). Spreadsheets skip leading spaces before a formula, so
``" =1+1"`` counts too.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Leading characters a spreadsheet may skip before it looks for a formula.
_SKIPPED = " \u00a0\n"
# Control characters an XLSX file cannot hold (tab, newline and carriage return can).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS) or text.lstrip(_SKIPPED).startswith(
        FORMULA_TRIGGERS)


def defused(text: str) -> str:
    """``text`` with a leading apostrophe when it could start a formula (else unchanged)."""
    return "'" + text if is_formula_like(text) else text


def csv_text(text: str) -> str:
    """``text`` for a CSV field of the finance export: storable and never a formula."""
    return defused(printable(text))


def printable(text: str) -> str:
    """``text`` without the control characters a workbook cannot store."""
    return _ILLEGAL.sub("", text)
