"""The exact cost-value Pareto front of a separable portfolio problem, by dynamic programming.

When every constraint is a choice within one part of the portfolio (a service, or services
joined by ``requires``) plus at most a cap on the number of changes, the portfolio's cost,
value and number of changes are sums over the parts. Merging the parts one at a time and
keeping only the partial portfolios that no other beats on all three (cost no higher, value
no lower, changes no more) loses nothing: whatever completes a beaten partial portfolio
completes the one that beats it at least as well. Back-pointers recover each portfolio.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# Values within this of each other (0 to 100 scale) count as equal while merging; the error
# it can add up to over a whole portfolio is this times the number of parts (1e-10 for 100
# services), below the 1e-9 at which the frontier tells two values apart.
VALUE_TOL = 1e-12


@dataclass(frozen=True)
class Stage:
    """One part of the portfolio and its alternatives: alternative ``a`` chooses the options
    ``options[a]`` (one per service in the part), costs ``cost[a]``, is worth ``value[a]``
    and changes ``changes[a]`` services from their current option."""

    options: np.ndarray   # (alternatives, services in the part), option indices
    cost: np.ndarray
    value: np.ndarray
    changes: np.ndarray


@dataclass(frozen=True)
class Front:
    """Non-dominated portfolios by ascending cost (value strictly ascending too); row ``p`` of
    ``chosen`` holds portfolio ``p``'s option indices, ascending."""

    cost: np.ndarray
    value: np.ndarray
    chosen: np.ndarray


class TooLarge(Exception):
    """The front grew past the allowed number of partial portfolios."""


def pareto_front(stages: Sequence[Stage], max_changes: int | None = None,
                 max_states: int | None = None,
                 progress: Callable[[float], None] | None = None) -> Front:
    """Every (cost, value) non-dominated portfolio of one alternative per stage with at most
    ``max_changes`` changes; raises TooLarge once more than ``max_states`` partial portfolios
    (summed over the stages, as each is kept for the way back) would be needed."""
    state = _States(np.zeros(1), np.zeros(1), np.array([0, 1]))
    steps: list[tuple[np.ndarray, np.ndarray]] = []
    held = 0
    for k, stage in enumerate(stages):
        state, parent, alternative = _merge(state, stage, max_changes)
        held += len(parent)
        if max_states is not None and held > max_states:
            raise TooLarge(f"over {max_states} partial portfolios after {k + 1} parts")
        steps.append((parent.astype(np.int32), alternative.astype(np.int32)))
        if progress is not None:
            progress((k + 1) / len(stages))
    order = np.argsort(state.cost, kind="stable")
    last = order[_undominated(state.cost[order], state.value[order])]
    at, chosen = last, []
    for stage, (parent, alternative) in zip(reversed(stages), reversed(steps)):
        chosen.append(stage.options[alternative[at]])
        at = parent[at]
    columns = np.sort(np.concatenate(chosen, axis=1), axis=1) if chosen else \
        np.zeros((len(at), 0), dtype=np.int64)
    return Front(state.cost[last], state.value[last], columns)


@dataclass(frozen=True)
class _States:
    """Partial portfolios grouped by number of changes (group ``k`` is
    ``offsets[k]:offsets[k + 1]``), each group by ascending cost and value."""

    cost: np.ndarray
    value: np.ndarray
    offsets: np.ndarray


def _merge(state: _States, stage: Stage, limit: int | None):
    """The partial portfolios extended by one stage, pruned; with each one's parent and
    alternative."""
    groups = len(state.offsets) - 1
    changes = np.asarray(stage.changes, dtype=np.int64)
    top = groups - 1 + (int(changes.max()) if len(changes) else 0)
    if limit is not None:
        top = min(top, limit)
    cost, value, parent, alternative = [], [], [], []
    offsets = [0]
    stair_c, stair_v = np.zeros(0), np.zeros(0)   # the front of every smaller count so far
    for k in range(top + 1):
        pieces = [(a, state.offsets[k - d], state.offsets[k - d + 1])
                  for a, d in enumerate(changes) if 0 <= k - d < groups]
        pieces = [(a, lo, hi) for a, lo, hi in pieces if hi > lo]
        if not pieces:
            offsets.append(offsets[-1])
            continue
        c = np.concatenate([state.cost[lo:hi] + stage.cost[a] for a, lo, hi in pieces])
        v = np.concatenate([state.value[lo:hi] + stage.value[a] for a, lo, hi in pieces])
        order = np.argsort(c, kind="stable") if len(pieces) > 1 else np.arange(len(c))
        c, v = c[order], v[order]
        bound = None
        if len(stair_c):
            at = np.searchsorted(stair_c, c, side="right") - 1
            bound = np.where(at >= 0, stair_v[np.maximum(at, 0)], -np.inf)
        keep = _undominated(c, v, bound)
        # back to the piece each survivor came from
        position = order[keep]
        starts = np.cumsum([0] + [hi - lo for _, lo, hi in pieces])
        piece = np.searchsorted(starts, position, side="right") - 1
        firsts = np.array([lo for _, lo, _ in pieces])
        parent.append(firsts[piece] + position - starts[piece])
        alternative.append(np.array([a for a, _, _ in pieces])[piece])
        cost.append(c[keep])
        value.append(v[keep])
        offsets.append(offsets[-1] + len(keep))
        if k < top and len(keep):
            both_c, both_v = np.concatenate([stair_c, c[keep]]), np.concatenate([stair_v,
                                                                                  v[keep]])
            order = np.argsort(both_c, kind="stable")
            front = order[_undominated(both_c[order], both_v[order])]
            stair_c, stair_v = both_c[front], both_v[front]
    if not cost:
        empty = np.zeros(0)
        return _States(empty, empty, np.array(offsets)), empty.astype(np.int64), \
            empty.astype(np.int64)
    return (_States(np.concatenate(cost), np.concatenate(value), np.array(offsets)),
            np.concatenate(parent), np.concatenate(alternative))


def _running_max(values: np.ndarray) -> np.ndarray:
    """For each position, the largest value before it (-inf at the start)."""
    out = np.empty(len(values))
    if len(values):
        out[0] = -np.inf
        np.maximum.accumulate(values[:-1], out=out[1:])
    return out


def _undominated(cost: np.ndarray, value: np.ndarray,
                 bound: np.ndarray | None = None) -> np.ndarray:
    """Positions of the points (sorted by cost; ties in any order) that neither another point
    nor ``bound`` (a value already reachable at that cost) beats; one of equal twins."""
    beaten = _running_max(value)
    if bound is not None:
        beaten = np.maximum(beaten, bound)
    keep = np.flatnonzero(value > beaten + VALUE_TOL)
    if len(keep) > 1:
        # of survivors at the same cost only the last, the most valuable, is not beaten
        keep = keep[np.append(cost[keep[1:]] != cost[keep[:-1]], True)]
    return keep
