"""Run in every page's kernel before its notebook: errors in handling a browser's message go
to the server's log in one line, never to the browser with a traceback and file paths.

A malformed comm message (a widget update the widget cannot take) makes the widget library call the
shell's ``showtraceback``, which sends the whole traceback to the page; the comm package logs
others to stderr, which the kernel also sends to the page. Here both go to the kernel
process's own stderr (the server's log) instead, one scrubbed line each, no traceback. Voilà
renders the notebook with show_tracebacks=False, so nothing else needs them.
"""

from __future__ import annotations

import logging
import sys

from workbench.server.logs import scrub

LOGGERS = ("Comm", "ipykernel.comm", "ipykernel.comm.manager", "workbench.kernel")


class OneLine(logging.Filter):
    """The message and the exception's type and first words, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message = f"{message} ({type(error).__name__}: {str(error)[:200]})"
        record.msg, record.args, record.exc_info, record.exc_text = scrub(message), None, \
            None, None
        return True


def install() -> None:
    handler = logging.StreamHandler(sys.__stderr__)
    handler.addFilter(OneLine())
    handler.setFormatter(logging.Formatter("[kernel %(name)s] %(levelname)s %(message)s"))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.showtraceback = _log_instead


def _log_instead(*_args, **_kwargs) -> None:
    """The shell's showtraceback, to the server's log in one line."""
    logging.getLogger("workbench.kernel").error("error in a page's kernel",
                                                exc_info=sys.exc_info())
