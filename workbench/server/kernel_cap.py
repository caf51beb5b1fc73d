"""How many kernels the server runs: a total, and a share per visitor, so that one person (or
a script) reloading a page cannot take the memory that everyone else's pages need.

A kernel is counted from the moment its page is admitted (before it has started), so a burst
of page loads cannot all pass the check before any kernel exists.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable

KERNEL_MB = 200          # a page's kernel with the workbench loaded: 125-185 MB measured


def default_max_kernels() -> int:
    """Half this machine's memory in kernels of KERNEL_MB, between 4 and 48."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 8
    return max(4, min(48, int(pages / 2 / (KERNEL_MB * 2**20))))


class KernelCap:
    """Admits a page load when the kernels running plus those being started stay within
    ``total``, and the visitor's own within ``per_visitor``. A running kernel no admitted
    page has claimed yet is taken to be one of those being started (so it is not counted
    twice); a preheated kernel is such a kernel too, so with loads pending it may be counted
    once for both (the cap is then one kernel loose, never too tight)."""

    def __init__(self, total: int, per_visitor: int):
        self.total, self.per_visitor = total, per_visitor
        self.pending: Counter[str] = Counter()
        self.owners: dict[str, str] = {}         # kernel id -> visitor

    def admit(self, visitor: str, running: Iterable[str]) -> str | None:
        """None and a place taken, or why not (``full`` or ``yours``)."""
        running = set(running)
        for kernel in list(self.owners):
            if kernel not in running:
                del self.owners[kernel]
        # A kernel that has just started but whose page has not yet said so (``started``)
        # is both running and pending: kernels of no known page are counted as the pending
        # loads' own, so a burst of page loads is not refused as full while the server is not
        # (60 panel pages opened at once had 4 refused at a cap of 68).
        owned = sum(1 for kernel in running if kernel in self.owners)
        unowned = len(running) - owned
        if owned + max(unowned, sum(self.pending.values())) >= self.total:
            return "full"
        mine = sum(1 for v in self.owners.values() if v == visitor) + self.pending[visitor]
        if mine >= self.per_visitor:
            return "yours"
        self.pending[visitor] += 1
        return None

    def started(self, visitor: str, kernel_id: str) -> None:
        """The admitted page's kernel exists now (it counts as running from here)."""
        self.owners[kernel_id] = visitor
        self.release(visitor)

    def release(self, visitor: str) -> None:
        """The place taken by ``admit`` is no longer pending."""
        if self.pending[visitor] > 0:
            self.pending[visitor] -= 1
        if self.pending[visitor] == 0:
            del self.pending[visitor]
