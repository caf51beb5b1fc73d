"""Amounts typed into a box: "35000", "35,000" or one a year separated by ";" or spaces.
A located refusal in words, never a traceback (no widgets here)."""

from __future__ import annotations

import math
import re

from workbench.errors import InputError


def parse_amounts(text: str, place: str, years: int) -> list[float]:
    """The numbers in ``text``: one (every year) or one a year; [] when empty."""
    text = (text or "").strip()
    if not text:
        return []
    parts = [p for p in re.split(r"[;\s]+|,\s+", text) if p]
    out = []
    for part in parts:
        cleaned = part.replace(",", "").lstrip("£$€")
        try:
            value = float(cleaned)
        except ValueError:
            raise InputError(f"{place}: {part[:30]!r} is not a number; write an amount such "
                             "as 35000") from None
        if not math.isfinite(value):
            raise InputError(f"{place}: {part[:30]!r} is not a number")
        out.append(value)
    if len(out) not in (1, years):
        raise InputError(f"{place}: write one amount, or one a year ({years}), separated "
                         f"by ';' (got {len(out)})")
    return out
