"""What every store call shares: the time, refusals, and database failures in plain words."""

from __future__ import annotations

import functools
from datetime import datetime, timezone

import sqlalchemy as sa

from workbench.errors import StoreError, WorkbenchError


def now() -> datetime:
    """The store's clock: aware UTC."""
    return datetime.now(timezone.utc)


def utc(moment: datetime) -> datetime:
    """SQLite gives back naive UTC, PostgreSQL aware times: both become aware UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


class Refused(Exception):
    """A token or link refused, with the reason to show and who tried (a group, or unknown)."""

    def __init__(self, reason: str, actor: str = "unknown"):
        super().__init__(reason)
        self.reason, self.actor = reason, actor


def guarded(method):
    """Database failures become StoreError in plain words, never a driver traceback."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except WorkbenchError:
            raise
        except sa.exc.SQLAlchemyError as exc:
            cause = getattr(exc, "orig", None) or exc
            first = str(cause).strip().splitlines()[0] if str(cause).strip() else \
                type(cause).__name__
            raise StoreError(f"the meeting store {self.where} failed: {first}") from None

    return call
