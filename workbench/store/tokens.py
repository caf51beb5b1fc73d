"""Meeting tokens: random, shown once in a link, stored only as their SHA-256.

A stolen database therefore gives no working links, and a refused attempt is logged by a
short prefix of the presented token's hash, never the token itself.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")     # token_urlsafe(32)
MEETING_ID_PATTERN = re.compile(r"[a-z0-9]{12}")


def new_token() -> str:
    """A fresh unguessable token (256 bits), safe in a URL. Never one that starts with '-':
    pasted after ``--token`` on a command line it would read as an option (seen in a test)."""
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if not token.startswith("-"):
            return token


def new_meeting_id() -> str:
    """A short random meeting id people can read out (not a secret: links need a token)."""
    return secrets.token_hex(6)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token: object) -> bool:
    return isinstance(token, str) and TOKEN_PATTERN.fullmatch(token) is not None


def matches(token: str, stored_hash: str) -> bool:
    """Compare in constant time, so timing tells nothing about a stored hash."""
    return hmac.compare_digest(token_hash(token), stored_hash)


def fingerprint(token: object) -> str:
    """What the log keeps of a refused token: ``missing``, or 8 hex digits of its hash."""
    if token is None or token == "":
        return "missing"
    text = token if isinstance(token, str) else repr(token)
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:8]
