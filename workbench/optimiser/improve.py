"""A quick, exact-preserving warm start: improve the last answer by feasible single swaps.

After a weight change the last portfolio still meets every given. Swapping one service at a
time to a better option that keeps every row satisfied raises its value toward the new
optimum; the higher that floor, the more options the reduced-cost test fixes before the solve.
The solver still proves optimality; this only makes its search smaller.
"""

from __future__ import annotations

import numpy as np

from workbench.givens.rows import Row, rows_hold
from workbench.optimiser.model import BuiltModel


def _row_table(rows: list[Row], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows as a matrix with their right-hand sides and senses."""
    if not rows:
        return np.zeros((0, n)), np.zeros(0), np.array([], dtype=str)
    matrix = np.stack([r.coefficients for r in rows])
    return matrix, np.array([r.rhs for r in rows]), np.array([r.sense for r in rows])


def _feasible(trial: np.ndarray, rhs: np.ndarray, sense: np.ndarray) -> np.ndarray:
    """For each column of row activities ``trial`` (rows x candidates): every row holds."""
    return np.asarray(rows_hold(trial, rhs, sense).all(axis=0))


def improve(start: np.ndarray, coefficients: np.ndarray, rows: list[Row], starts: np.ndarray,
            allowed: np.ndarray, passes: int = 2) -> np.ndarray:
    """``start`` with single-service swaps that raise value and keep every row feasible."""
    x = start.copy()
    matrix, rhs, sense = _row_table(rows, len(x))
    activity = matrix @ x
    chosen = np.flatnonzero(x > 0.5)
    value = np.where(allowed, coefficients, -np.inf)
    best_in = np.maximum.reduceat(value, starts[:-1])
    for _ in range(passes):
        gain = best_in - coefficients[chosen]
        changed = False
        for s in np.flatnonzero(gain > 1e-12)[np.argsort(-gain[gain > 1e-12])]:
            current = chosen[s]
            block = np.arange(starts[s], starts[s + 1])
            better = block[value[block] > coefficients[current] + 1e-12]
            if not len(better):
                continue
            better = better[np.argsort(-value[better])]
            trial = activity[:, None] + matrix[:, better] - matrix[:, [current]]
            good = np.flatnonzero(_feasible(trial, rhs, sense))
            if len(good):
                j = better[good[0]]
                activity = trial[:, good[0]]
                x[current], x[j] = 0.0, 1.0
                chosen[s] = j
                changed = True
        if not changed:
            break
    return x


def cheapen(start: np.ndarray, coefficients: np.ndarray, cost: np.ndarray, cap: float,
            rows: list[Row], service_of: np.ndarray, allowed: np.ndarray) -> np.ndarray | None:
    """The best single swap that brings total cost to at most ``cap`` and keeps every row
    feasible, or None. A warm start for the next, cheaper point of the frontier."""
    chosen = np.flatnonzero(start > 0.5)
    current = chosen[service_of]                       # each option's service's choice
    saving = cost[current] - cost
    total = float(cost @ start)
    candidates = np.flatnonzero(allowed & (total - saving <= cap) & (current != np.arange(
        len(cost))))
    if not len(candidates):
        return None
    if rows:
        matrix, rhs, sense = _row_table(rows, len(start))
        trial = (matrix @ start)[:, None] + matrix[:, candidates] - \
            matrix[:, current[candidates]]
        candidates = candidates[_feasible(trial, rhs, sense)]
        if not len(candidates):
            return None
    loss = coefficients[current[candidates]] - coefficients[candidates]
    j = candidates[int(np.argmin(loss))]
    x = start.copy()
    x[current[j]], x[j] = 0.0, 1.0
    return x


def swapped_toward(start: np.ndarray, coefficients: np.ndarray,
                   built: BuiltModel) -> np.ndarray:
    """``start`` improved by feasible single swaps toward ``coefficients``, every option of
    ``built`` allowed: what a search that ran out of time can still offer."""
    arrays = built.arrays
    return improve(start, coefficients, built.rows, arrays.starts,
                   np.ones(arrays.n_options, dtype=bool))
