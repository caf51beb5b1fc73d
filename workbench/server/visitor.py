"""Who opened this page, as the server verified it: read by the page's kernel.

The server checks a link's token before it starts a kernel, swaps it for a cookie, and hands
the kernel what it verified in one request header that it sets itself (any copy sent by a
browser is dropped first); Voilà passes that header to the kernel as an environment variable.
So the token never sits in the page's address, and the kernel never parses a query string.
Outside the server (a terminal, a test), WORKBENCH_MEETING and WORKBENCH_TOKEN stand in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

HEADER = "X-Workbench-Visitor"
ENV = "HTTP_" + HEADER.upper().replace("-", "_")
MAX_HEADER = 1000


@dataclass(frozen=True)
class Visitor:
    """A verified visitor: the meeting, its token, and what the token is (``facilitator``,
    ``panel`` with its ``group``, ``public`` for the challenge page, which needs no token,
    or ``""`` when nobody verified it); ``service``, a service id from the public link, is
    only a choice to start the form with."""

    meeting: str
    token: str = field(repr=False)
    role: str = ""
    group: str | None = None
    service: str | None = None


def encode(visitor: Visitor) -> str:
    """The header value the server sets (JSON, short and ASCII)."""
    return json.dumps(asdict(visitor), separators=(",", ":"))


def current(environ: Mapping[str, str] | None = None) -> Visitor:
    """The visitor of this kernel: the server's header, else WORKBENCH_MEETING and
    WORKBENCH_TOKEN, else nobody (an empty meeting and token, which the store refuses)."""
    env = os.environ if environ is None else environ
    text = env.get(ENV, "")
    if text and len(text) <= MAX_HEADER:
        try:
            found = json.loads(text)
            service = found.get("service")
            return Visitor(str(found["meeting"]), str(found["token"]),
                           str(found.get("role") or ""), found.get("group"),
                           str(service) if service else None)
        except (ValueError, KeyError, TypeError):
            pass
    return Visitor(env.get("WORKBENCH_MEETING", ""), env.get("WORKBENCH_TOKEN", ""))
