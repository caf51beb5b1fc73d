"""The neutral form of a given in the model: linear rows over the option binaries.

A given kind turns itself into rows (``coefficients @ x  sense  rhs``); the PuLP model, the
dominance test, the warm starts and the frontier's checks all read these rows, and whether a
row holds is decided here, with one tolerance, for all of them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from workbench.fields import ALL

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays

LE, GE, EQ = "<=", ">=", "=="
SENSES = (LE, GE, EQ)
RELATIVE_TOLERANCE = 1e-9   # a row holds within this share of its right-hand side (at least 1)

# What a kind yields for each of its rows: (part of the name, coefficients, sense, rhs).
RowPart = tuple[str, np.ndarray, str, float]
RowParts = Iterator[RowPart]


@dataclass(frozen=True, eq=False)
class Row:
    """One linear constraint ``coefficients @ x  sense  rhs`` from one given."""

    given: str
    name: str
    coefficients: np.ndarray
    sense: str
    rhs: float


def tolerance(rhs: np.ndarray | float) -> np.ndarray:
    """How far a row's activity may stray past ``rhs`` and still hold."""
    return RELATIVE_TOLERANCE * np.maximum(1.0, np.abs(np.asarray(rhs, dtype=float)))


def rows_hold(activity: np.ndarray, rhs: np.ndarray, sense: np.ndarray) -> np.ndarray:
    """Whether each row holds, for activities of shape (rows,) or (rows, candidates).

    ``rhs`` and ``sense`` have one entry per row; the answer has the shape of ``activity``.
    """
    activity = np.asarray(activity, dtype=float)
    extra = (slice(None),) + (None,) * (activity.ndim - 1)
    r = np.asarray(rhs, dtype=float)[extra]
    s = np.asarray(sense)[extra]
    t = tolerance(r)
    held = ((activity <= r + t) | (s != LE)) & ((activity >= r - t) | (s != GE)) & \
        ((np.abs(activity - r) <= t) | (s != EQ))
    return np.asarray(held)


def service_mask(arrays: ScenarioArrays, services: str | Collection[str]) -> np.ndarray:
    """Options of the listed services (or of all)."""
    if services == ALL:
        return np.ones(arrays.n_options, dtype=bool)
    wanted = {i for i, s in enumerate(arrays.scenario.services) if s.id in set(services)}
    return np.isin(arrays.service_of, list(wanted))


def area_mask(arrays: ScenarioArrays, areas: Collection[str] | None) -> np.ndarray:
    """Options of services in the listed areas (or of all services when ``areas`` is None)."""
    if areas is None:
        return np.ones(arrays.n_options, dtype=bool)
    return np.isin(arrays.areas, list(areas)) & (arrays.areas != "")


def unit(n: int, *pairs: tuple[int, float]) -> np.ndarray:
    """A row of ``n`` zeros with the given ``(option index, coefficient)`` pairs added."""
    row = np.zeros(n)
    for i, c in pairs:
        row[i] += c
    return row
