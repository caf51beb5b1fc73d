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
    ``total``, and the visitor's own within ``per_visitor``."""

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
        if len(running) + sum(self.pending.values()) >= self.total:
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
