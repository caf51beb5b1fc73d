"""A page that follows the store polls it in a thread: one place for that loop, so every
page stops the same way and no failure in a poll is ever lost in the thread."""

from __future__ import annotations

import threading
from collections.abc import Callable


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
