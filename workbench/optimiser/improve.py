"""A quick, exact-preserving warm start: improve the last answer by feasible single swaps.

After a weight change the last portfolio still meets every given. Swapping one service at a
time to a better option that keeps every row satisfied raises its value toward the new
optimum; the higher that floor, the more options the reduced-cost test fixes before the solve.
The solver still proves optimality; this only makes its search smaller.
"""

from __future__ import annotations

import numpy as np

from workbench.optimiser.model import EQ, GE, LE, Row


def improve(start: np.ndarray, coefficients: np.ndarray, rows: list[Row], starts: np.ndarray,
            allowed: np.ndarray, passes: int = 2) -> np.ndarray:
    """``start`` with single-service swaps that raise value and keep every row feasible."""
    x = start.copy()
    if not rows:
        matrix, rhs = np.zeros((0, len(x))), np.zeros(0)
    else:
        matrix = np.stack([r.coefficients for r in rows])
        rhs = np.array([r.rhs for r in rows])
    sense = np.array([r.sense for r in rows])
    le, ge, eq = sense == LE, sense == GE, sense == EQ
    tol = 1e-9 * np.maximum(1.0, np.abs(rhs))
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
            ok = ((trial <= (rhs + tol)[:, None]) | ~le[:, None]) & \
                 ((trial >= (rhs - tol)[:, None]) | ~ge[:, None]) & \
                 ((np.abs(trial - rhs[:, None]) <= tol[:, None]) | ~eq[:, None])
            good = np.flatnonzero(ok.all(axis=0))
            if len(good):
                j = better[good[0]]
                activity = trial[:, good[0]]
                x[current], x[j] = 0.0, 1.0
                chosen[s] = j
                changed = True
        if not changed:
            break
    return x
