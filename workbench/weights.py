"""Stakeholder weights: normalising, agreeing, and eliciting them (decision-model.md, Weights).

Pure functions on plain mappings, so the app, the command line and tests share them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from workbench.errors import InputError
from workbench.scenario.model import Scenario

# Saaty's random consistency index for n = 3..10 (docs/spec/decision-model.md).
RANDOM_INDEX = {3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
CR_WARNING = 0.10


def normalise(raw: Mapping[str, float], criteria: Sequence[str]) -> dict[str, float]:
    """A group's weights scaled to sum to 1 over ``criteria`` (a missing criterion counts 0)."""
    values = [float(raw.get(c, 0.0)) for c in criteria]
    for c, v in zip(criteria, values):
        if not np.isfinite(v) or v < 0:
            raise InputError(f"weights.{c}: must be a number, 0 or more (got {v:g})")
    total = sum(values)
    if total <= 0:
        raise InputError("weights: at least one weight must be above 0 (got all 0)")
    return {c: v / total for c, v in zip(criteria, values)}


def group_weights(scenario: Scenario) -> dict[str, dict[str, float]]:
    """Every group's normalised weights, by group id."""
    criteria = scenario.criterion_ids
    return {g.id: normalise(g.weights, criteria) for g in scenario.stakeholders}


def agree(groups: Mapping[str, Mapping[str, float]], influence: Mapping[str, float],
          criteria: Sequence[str]) -> dict[str, float]:
    """The influence-weighted mean of the groups' normalised weights."""
    total = sum(influence[g] for g in groups)
    if total <= 0:
        raise InputError("influence: at least one group's influence must be above 0")
    agreed = {c: 0.0 for c in criteria}
    for g, raw in groups.items():
        normal = normalise(raw, criteria)
        for c in criteria:
            agreed[c] += influence[g] * normal[c] / total
    return agreed


def agreed_weights(scenario: Scenario) -> dict[str, float]:
    """The scenario's agreed weights (what the recommended portfolio maximises)."""
    return agree({g.id: g.weights for g in scenario.stakeholders},
                 {g.id: g.influence for g in scenario.stakeholders}, scenario.criterion_ids)


def as_vector(weights: Mapping[str, float], criteria: Sequence[str]) -> np.ndarray:
    """Weights in criteria order, normalised, as an array for the kernels."""
    normal = normalise(weights, criteria)
    return np.array([normal[c] for c in criteria])


@dataclass(frozen=True)
class PairwiseResult:
    """AHP weights with their consistency: a ratio above 0.10 must be shown as a warning."""

    weights: tuple[float, ...]
    consistency_ratio: float
    lambda_max: float

    @property
    def consistent(self) -> bool:
        return self.consistency_ratio <= CR_WARNING


def ahp(matrix: Sequence[Sequence[float]], tolerance: float = 1e-9) -> PairwiseResult:
    """Weights from a reciprocal pairwise matrix (row over column): the principal eigenvector."""
    try:
        a = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise InputError("matrix: must be a square list of lists of numbers") from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise InputError(f"matrix: must be square (got shape {'x'.join(map(str, a.shape))})")
    n = a.shape[0]
    for i in range(n):
        for j in range(n):
            if not np.isfinite(a[i, j]) or a[i, j] <= 0:
                raise InputError(f"matrix[{i}][{j}]: must be a number above 0 (got {a[i, j]:g})")
            if abs(a[i, j] * a[j, i] - 1) > 1e-6:
                raise InputError(f"matrix[{j}][{i}]: must be 1/matrix[{i}][{j}] = "
                                 f"{1 / a[i, j]:.4g} (got {a[j, i]:g})")
    if n == 1:
        return PairwiseResult((1.0,), 0.0, 1.0)
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    weights = vector / vector.sum()
    lam = float(values[k].real)
    ratio = 0.0 if n <= 2 else max(0.0, (lam - n) / (n - 1)) / RANDOM_INDEX.get(n, 1.49)
    return PairwiseResult(tuple(float(w) for w in weights), float(ratio), lam)


def scaled_to_100(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights as slider points: the largest 100, the others in proportion (one decimal).
    Normalising gives the same weights back, to the rounding."""
    top = max(weights.values())
    if not top > 0:
        raise InputError("weights: at least one must be above 0")
    return {c: round(100 * float(w) / top, 1) for c, w in weights.items()}


def swing(points: Mapping[str, float]) -> dict[str, float]:
    """Swing weights: the most important swing has 100, others 0 to 100 against it."""
    if not points:
        raise InputError("swing: needs at least one criterion")
    for c, p in points.items():
        if not 0 <= float(p) <= 100:
            raise InputError(f"swing.{c}: must be 0 to 100 (got {p:g})")
    if max(points.values()) != 100:
        raise InputError(f"swing: the most important swing must have 100 "
                         f"(got {max(points.values()):g})")
    return normalise(points, list(points))
