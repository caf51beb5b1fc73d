"""What the store accepts from a panel or a facilitator, checked before anything is written.

Weights follow the scenario's own rules (known criteria, numbers 0 or more, at least one
above 0) plus what a form can send that a file cannot (NaN, infinity). Text is kept
verbatim, HTML included: pages escape it when they show it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from workbench.errors import InputError
from workbench.scenario.model import Scenario

MAX_TEXT = 4000          # characters in a comment, a dissent note or a name
MAX_DETAIL = 20_000      # characters of a facilitator action's JSON detail
MAX_RECORD = 20_000_000  # characters of an adopted record's JSON


def check_weights(scenario: Scenario, weights: Any) -> dict[str, float]:
    """The weights as a float per criterion (missing ones 0), or InputError naming every
    problem."""
    if not isinstance(weights, Mapping) or not weights:
        raise InputError("weights: must be a mapping of criterion id to a number")
    criteria = scenario.criterion_ids
    problems = []
    clean = {c: 0.0 for c in criteria}
    for key, value in weights.items():
        if key not in criteria:
            problems.append(f"weights.{key}: unknown criterion {key!r} "
                            f"(criteria are {', '.join(criteria)})")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"weights.{key}: must be a number (got {value!r})")
        elif not math.isfinite(value):
            problems.append(f"weights.{key}: must be a finite number (got {value})")
        elif value < 0:
            problems.append(f"weights.{key}: must not be negative (got {value:g})")
        else:
            clean[key] = float(value)
    if not problems and not any(v > 0 for v in clean.values()):
        problems.append("weights: at least one weight must be above 0 (got all 0)")
    if problems:
        raise InputError("; ".join(problems))
    return clean


def check_text(value: Any, place: str, *, required: bool = False,
               limit: int = MAX_TEXT) -> str | None:
    """Free text as typed (None when empty and optional); refused when too long or not text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(f"{place}: must not be empty")
        return None
    if not isinstance(value, str):
        raise InputError(f"{place}: must be text (got {type(value).__name__})")
    if len(value) > limit:
        raise InputError(f"{place}: at most {limit} characters (got {len(value)})")
    if "\x00" in value:
        raise InputError(f"{place}: must not contain a NUL character")
    return value


def to_json(value: Any, place: str, limit: int) -> str:
    """Canonical JSON text (sorted keys, no NaN), refused when it cannot be or is too long."""
    try:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise InputError(f"{place}: cannot be stored as JSON ({exc})") from None
    if len(text) > limit:
        raise InputError(f"{place}: at most {limit} characters of JSON (got {len(text)})")
    if "\\u0000" in text:
        raise InputError(f"{place}: must not contain a NUL character")
    return text
