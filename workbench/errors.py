"""One exception family, so callers (CLI, app, tests) can catch everything the workbench
refuses with a single ``except WorkbenchError`` and show it in plain words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located precisely enough for an officer to fix it."""

    place: str
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        place = f"{self.place}: " if self.place else ""
        line = f" (line {self.line})" if self.line else ""
        return f"{where}{place}{self.message}{line}"


class WorkbenchError(Exception):
    """Base of every error the workbench raises on purpose."""


class ScenarioError(WorkbenchError):
    """A scenario file (or object) was refused; ``problems`` lists every reason at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(WorkbenchError):
    """A value given to a function or command (weights, a matrix, an option) was refused."""


class SolverError(WorkbenchError):
    """The solver failed in a way that is not about the givens (not installed, crashed)."""


class CancelledError(WorkbenchError):
    """A long analysis was cancelled by the person who started it."""


class StoreError(WorkbenchError):
    """The meeting store refused or failed: an unknown meeting, a store it cannot reach."""


class AccessError(StoreError):
    """A meeting token was missing, malformed or not allowed to do this (and was logged)."""


class StaleSubmission(StoreError):
    """A panel's page submitted on top of an older revision than the panel's latest (another
    tab or device submitted since): nothing was stored; ``latest`` is the newer one."""

    def __init__(self, based_on: int, latest: object):
        self.based_on, self.latest = based_on, latest
        revision = getattr(latest, "revision", latest)
        super().__init__(f"this page was based on revision {based_on}, but revision {revision} "
                         "was submitted since (from another tab or device); nothing was stored")
