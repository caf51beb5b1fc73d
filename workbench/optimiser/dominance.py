"""Options that can never be recommended under given weights, removed before a solve.

Within a service exactly one option is chosen, so swapping option ``i`` for option ``j`` of
the same service changes each constraint row by ``a[j] - a[i]``. When that change can never
hurt (no larger on a ``<=`` row, no smaller on a ``>=`` row, equal on an ``=`` row), ``j`` is
worth at least as much, and ``j`` costs no more in total, then ``i`` is never needed: any
portfolio with ``i`` is matched or beaten by the same one with ``j``, for value and for the
cost tie-break. Exact ties are broken toward the option listed first.
"""

from __future__ import annotations

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.givens.rows import EQ, GE, LE, Row

_TOL = 1e-9


def dominated(arrays: ScenarioArrays, coefficients: np.ndarray, rows: list[Row]) -> np.ndarray:
    """For each option, the index of an undominated option that beats it, or -1."""
    out = np.full(arrays.n_options, -1)
    starts = arrays.starts
    sizes = np.diff(starts)
    # Columns compared "j no worse than i": value and minus-cost must be >=, and each row
    # in its own direction.
    columns = [coefficients, -arrays.total_cost]
    directions = [GE, GE]
    for row in rows:
        columns.append(row.coefficients)
        directions.append(row.sense)
    table = np.stack(columns, axis=1)                             # (n, m)
    ge = np.array([d == GE for d in directions])
    le = np.array([d == LE for d in directions])
    eq = np.array([d == EQ for d in directions])
    for k in np.unique(sizes):
        if k < 2:
            continue
        idx = starts[:-1][sizes == k][:, None] + np.arange(k)[None, :]   # (b, k)
        t = table[idx]                                               # (b, k, m)
        diff = t[:, None, :, :] - t[:, :, None, :]                   # [b, i, j] = t_j - t_i
        ok = ((diff >= -_TOL) | ~ge) & ((diff <= _TOL) | ~le) & ((np.abs(diff) <= _TOL) | ~eq)
        ok = ok.all(axis=3)
        same = (np.abs(diff) <= _TOL).all(axis=3)
        before = np.arange(k)[None, None, :] < np.arange(k)[None, :, None]   # j < i
        beats = ok & (~same | before) & ~np.eye(k, dtype=bool)[None]
        loser = beats.any(axis=2)                                    # (b, k)
        # The relation is transitive, so an undominated option beats every loser it
        # beats through a chain; pick one per loser.
        beats &= ~loser[:, None, :]
        winner = np.argmax(beats, axis=2)
        out[idx[loser]] = idx[np.nonzero(loser)[0], winner[loser]]
    return out
