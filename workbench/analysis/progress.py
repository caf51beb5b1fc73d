"""Progress reports and cancellation for long analyses (the app and the CLI show a bar)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.errors import CancelledError

ProgressCallback = Callable[[float, str], None]


@dataclass
class Progress:
    """Calls ``report(fraction, message)``; raises CancelledError once ``cancelled()`` is true."""

    report: ProgressCallback | None = None
    cancelled: Callable[[], bool] | None = None
    low: float = 0.0
    high: float = 1.0

    def __call__(self, fraction: float, message: str = "") -> None:
        if self.cancelled is not None and self.cancelled():
            raise CancelledError("the analysis was cancelled")
        if self.report is not None:
            self.report(self.low + (self.high - self.low) * min(1.0, max(0.0, fraction)),
                        message)

    def part(self, low: float, high: float) -> Progress:
        """A sub-range of this progress, for one step of a longer analysis."""
        span = self.high - self.low
        return Progress(self.report, self.cancelled, self.low + span * low,
                        self.low + span * high)
