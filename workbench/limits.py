"""Bounds on what a file may ask of the workbench: its size, its nesting, the aliases it
expands, its services and options, and the time spent checking it.

Anyone who can open a page can upload a file, so every file is untrusted: a 382-byte YAML
alias bomb once expanded to 34.7 million characters, and a 100,000-deep JSON file crashed the
parser. One place holds every limit, for scenario files and for the results and challenge
files that follow; each can be changed with an environment variable (``WORKBENCH_MAX_BYTES``
and so on, see ``ENVIRONMENT``). Messages about a refused file echo at most a short excerpt
of what it held (``excerpt``).
"""

from __future__ import annotations

import os
import re
import reprlib
import time
from dataclasses import dataclass, fields, replace
from typing import Any

from workbench.errors import InputError

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """What one file may hold. ``nodes`` counts values after aliases are expanded."""

    bytes: int = 5 * MB
    depth: int = 64
    nodes: int = 5_000_000
    services: int = 20_000
    options: int = 50
    seconds: float = 20.0
    rows: int = 500_000       # rows of a results or challenges table
    cell: int = 5_000         # characters of one text cell in such a table
    bids: int = 500           # bids in a tender file


# Text that arrives over the network (a page's upload, a meeting's scenario) keeps the
# defaults; a file named on this machine's command line may be larger, so that generated
# scenarios of 10,000 services (10 MB) can be checked and solved.
UPLOAD = Limits()
LOCAL_FILE = Limits(bytes=64 * MB, seconds=120.0)

ENVIRONMENT = {"bytes": "WORKBENCH_MAX_BYTES", "depth": "WORKBENCH_MAX_DEPTH",
               "nodes": "WORKBENCH_MAX_NODES", "services": "WORKBENCH_MAX_SERVICES",
               "options": "WORKBENCH_MAX_OPTIONS", "seconds": "WORKBENCH_MAX_SECONDS",
               "rows": "WORKBENCH_MAX_ROWS", "cell": "WORKBENCH_MAX_CELL",
               "bids": "WORKBENCH_MAX_BIDS"}
_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(k|kb|m|mb|g|gb)?\s*$", re.IGNORECASE)
_UNITS = {None: 1, "k": 1000, "kb": 1000, "m": MB, "mb": MB, "g": 1000 * MB, "gb": 1000 * MB}


def limits_for(local_file: bool = False) -> Limits:
    """The limits in force: the defaults for uploads (or for a local file), with any
    environment override applied to both."""
    base = LOCAL_FILE if local_file else UPLOAD
    changed: dict[str, Any] = {}
    for field in fields(Limits):
        text = os.environ.get(ENVIRONMENT[field.name])
        if text:
            changed[field.name] = _setting(field.name, text)
    return replace(base, **changed)


def _setting(name: str, text: str) -> float | int:
    match = _SIZE.match(text)
    if not match or (match.group(2) and name != "bytes"):
        raise InputError(f"{ENVIRONMENT[name]}={excerpt(text)} is not a limit (a number; for "
                         "bytes also 5MB or 500kB)")
    value = float(match.group(1)) * _UNITS[(match.group(2) or "").lower() or None]
    return value if name == "seconds" else int(value)


def size_text(count: int) -> str:
    """``5 MB``, ``382 bytes``: sizes as a person reads them."""
    if count >= MB:
        return f"{count / MB:.1f} MB".replace(".0 MB", " MB")
    return f"{count / 1000:.0f} kB" if count >= 10_000 else f"{count} bytes"


def too_big(size: int, limits: Limits) -> str | None:
    """The message refusing a file of ``size`` bytes, or None when it is within the limit."""
    if size <= limits.bytes:
        return None
    big, limit = size_text(size), size_text(limits.bytes)
    if big == limit:
        big, limit = f"{size:,} bytes", f"{limits.bytes:,} bytes"
    return (f"is {big}, above the limit of {limit} for a file; nothing was loaded "
            f"({ENVIRONMENT['bytes']} raises the limit)")


def count_problems(data: Any, limits: Limits) -> list[tuple[str, str]]:
    """``(place, message)`` for too many services, or options in a service; checked before
    the full checks so that a huge list is refused without the work of checking it."""
    found: list[tuple[str, str]] = []
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, list):
        return found
    if len(services) > limits.services:
        found.append(("services", f"has {len(services):,} services; at most "
                                  f"{limits.services:,} are allowed "
                                  f"({ENVIRONMENT['services']} raises the limit)"))
        return found
    for i, service in enumerate(services):
        options = service.get("options") if isinstance(service, dict) else None
        if isinstance(options, list) and len(options) > limits.options:
            found.append((f"services[{i}].options",
                          f"has {len(options):,} options; at most {limits.options} are "
                          f"allowed for a service ({ENVIRONMENT['options']} raises the limit)"))
    return found


class Deadline:
    """The time a check may take; ``expired()`` is cheap enough to call every few thousand
    values."""

    def __init__(self, limits: Limits):
        self.seconds = limits.seconds
        self.ends = time.monotonic() + limits.seconds

    def expired(self) -> bool:
        return time.monotonic() > self.ends

    def message(self) -> str:
        return (f"checking this file took longer than the limit of {self.seconds:g} s and was "
                f"stopped; nothing was loaded ({ENVIRONMENT['seconds']} raises the limit)")


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxtuple = 2, 4, 4, 4
_REPR.maxstring, _REPR.maxother, _REPR.maxlong = 60, 60, 40
EXCERPT = 80


def excerpt(value: Any) -> str:
    """``repr(value)`` cut to a short excerpt: a message never echoes a whole file."""
    text = _REPR.repr(value)
    return text if len(text) <= EXCERPT else text[:EXCERPT - 3] + "..."
