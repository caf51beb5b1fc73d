"""A page that follows the store polls it in a thread: one place for that loop, so every
page stops the same way and no failure in a poll is ever lost in the thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from workbench.errors import WorkbenchError


def poll_in_thread(poll: Callable[[], object], stop: threading.Event, every: float,
                   failed: Callable[[Exception], None]) -> threading.Thread:
    """Call ``poll`` every ``every`` seconds until ``stop`` is set; an error goes to
    ``failed`` (shown on the page) and the loop goes on."""
    def loop() -> None:
        while not stop.wait(every):
            try:
                poll()
            except Exception as exc:  # shown, never lost in a thread
                failed(exc)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread


class FollowsStore:
    """What every page state that follows one meeting in the store does the same way:
    ``poll`` reads it again when it has moved on (``moved_on``), ``start_polling`` does so in
    a thread until ``close``, and a failure shows beside the page's heading in words.

    The state gives ``store``, ``meeting_id``, ``token``, ``version``, ``refresh()`` and
    Messages' ``say``/``clear``; ``READING`` names what it reads, for that message."""

    READING: ClassVar[str] = "the meeting"
    POLL_SECONDS: ClassVar[float] = 3.0
    _poller: threading.Thread | None = None

    if TYPE_CHECKING:
        store: Any
        meeting_id: str
        token: str
        version: int

        def refresh(self) -> None: ...

        def say(self, place: str, kind: str, text: str) -> None: ...

        def clear(self, place: str) -> None: ...

    def moved_on(self) -> bool:
        """Whether the meeting has events after ``version`` (for this state's link)."""
        return bool(self.store.changes_since(self.meeting_id, self.token, self.version,
                                             after_close=True).events)

    def poll(self) -> bool:
        """Take in what happened since the last look; True when anything did."""
        try:
            if not self.moved_on():
                return False
            self.refresh()
        except WorkbenchError as exc:
            self.say("poll", "error", f"Could not read {self.READING}: {exc}")
            return False
        self.clear("poll")
        return True

    def _polling_stop(self) -> threading.Event:
        stop = self.__dict__.get("_stop")
        if stop is None:
            stop = self.__dict__["_stop"] = threading.Event()
        return stop

    def start_polling(self, every: float | None = None) -> None:
        """Poll in a thread until ``close``."""
        self._poller = poll_in_thread(
            self.poll, self._polling_stop(), every or self.POLL_SECONDS,
            lambda exc: self.say("poll", "error", f"Could not read {self.READING}: {exc}"))

    def close(self, timeout: float = 10) -> None:
        self._polling_stop().set()
        if self._poller is not None:
            self._poller.join(timeout)
