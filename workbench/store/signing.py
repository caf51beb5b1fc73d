"""The server's optional signing key: adopted records get an HMAC-SHA256 beside them.

A record's SHA-256 tells that its text is whole, but anyone who can write the database can
recompute it; an HMAC needs the key, which lives outside the database (the environment or a
file readable only by the server).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from workbench.errors import StoreError

KEY_VARIABLE = "WORKBENCH_SIGNING_KEY"
KEY_FILE_VARIABLE = "WORKBENCH_SIGNING_KEY_FILE"
MIN_KEY_BYTES = 16


def signing_key(key_file: str | Path | None = None) -> bytes | None:
    """The key from ``key_file``, $WORKBENCH_SIGNING_KEY_FILE or $WORKBENCH_SIGNING_KEY
    (in that order), or None when none is set. A key shorter than 16 bytes is refused."""
    name = key_file or os.environ.get(KEY_FILE_VARIABLE)
    if name:
        try:
            key = Path(name).read_bytes().strip()
        except OSError as exc:
            raise StoreError(f"{name}: cannot read the signing key ({exc.strerror})") from None
    else:
        text = os.environ.get(KEY_VARIABLE)
        if not text:
            return None
        key = text.strip().encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise StoreError(f"the signing key must be at least {MIN_KEY_BYTES} bytes (got "
                         f"{len(key)}): use e.g. `openssl rand -hex 32`")
    return key


def key_id(key: bytes) -> str:
    """Which key signed a record (not the key: 12 hex digits of its SHA-256)."""
    return hashlib.sha256(key).hexdigest()[:12]


def sign(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def verifies(key: bytes, text: str, signature: str) -> bool:
    return hmac.compare_digest(sign(key, text), signature)
