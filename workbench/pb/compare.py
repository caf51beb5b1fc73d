"""All three rules on one election, one after another, with one progress for the lot: what
the PB page runs in its thread (greedy first, the quickest, then utilitarian, then MES)."""

from __future__ import annotations

from workbench.pb.election import Election
from workbench.pb.greedy import greedy
from workbench.pb.mes import mes
from workbench.pb.outcome import Cancelled, Outcome, Progress, check_cancelled
from workbench.pb.utilitarian import utilitarian

ORDER = ("greedy", "utilitarian", "mes")   # the order they are worked out in
SHOWN = ("utilitarian", "greedy", "mes")   # the order they are shown in (as RULES)
RUN = {"utilitarian": utilitarian, "greedy": greedy, "mes": mes}
NAMES = {"utilitarian": "the utilitarian rule", "greedy": "the greedy rule",
         "mes": "the Method of Equal Shares"}


def compare(election: Election, progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> dict[str, Outcome]:
    """Each rule's outcome, keyed by rule in :data:`SHOWN` order. ``progress(fraction,
    message)`` hears 0 to 1 over the three; ``cancelled()`` is asked between and inside the
    rules (a CancelledError stops them). The outcomes are those of ``RULES`` alone."""
    done: dict[str, Outcome] = {}
    for k, rule in enumerate(ORDER):
        check_cancelled(cancelled)

        def part(fraction: float, message: str, k: int = k) -> None:
            if progress is not None:
                progress((k + max(0.0, min(fraction, 1.0))) / len(ORDER), message)

        part(0.0, f"{NAMES[rule]} ({k + 1} of {len(ORDER)})")
        done[rule] = RUN[rule](election, progress=part, cancelled=cancelled)
    if progress is not None:
        progress(1.0, "every rule done")
    return {rule: done[rule] for rule in SHOWN}
