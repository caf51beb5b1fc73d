"""Text that a spreadsheet would run as a formula, made inert.

Service, provider and given names come from scenario files anyone can write: a name such as
``=HYPERLINK(...)`` must never run in a finance officer's spreadsheet (CSV injection).
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Control characters an XLSX file cannot hold (tab, newline and carriage return can).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def csv_text(text: str) -> str:
    """``text`` for a CSV field: a leading apostrophe when it could start a formula."""
    text = printable(text)
    return "'" + text if is_formula_like(text) else text


def printable(text: str) -> str:
    """``text`` without the control characters a workbook cannot store."""
    return _ILLEGAL.sub("", text)
