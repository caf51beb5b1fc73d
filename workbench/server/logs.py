"""Nothing the server logs carries a token: one filter for every log handler.

Tornado's access log writes the whole address, query string included, for every response (a
mistyped page name too); other messages may quote an address or a cookie. Every record is
rewritten before it is written: ``token=``, ``_xsrf=`` and meeting cookies lose their values,
and anything shaped like a meeting token (43 URL-safe characters) is hidden.
"""

from __future__ import annotations

import logging
import re

HIDDEN = "[hidden]"
_PATTERNS = (
    re.compile(r"((?:token|_xsrf|wb_[a-z0-9]{12}|wb_finance)(?:=|%3D))[^&\s\"';]*", re.I),
    re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"),
)


def scrub(text: str) -> str:
    """``text`` with every token-like value hidden."""
    text = _PATTERNS[0].sub(lambda m: m.group(1) + HIDDEN, text)
    return _PATTERNS[1].sub(HIDDEN, text)


class ScrubTokens(logging.Filter):
    """Rewrites a record's message (arguments merged in) with ``scrub``; drops its
    traceback's locals by formatting the traceback as scrubbed text too."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info:
            formatter = logging.Formatter()
            record.exc_text = scrub(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


def install() -> None:
    """Put the filter on every handler there is now (root, tornado's, the app's)."""
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in
                                       list(logging.root.manager.loggerDict)]
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            if not any(isinstance(f, ScrubTokens) for f in handler.filters):
                handler.addFilter(ScrubTokens())
