"""Step 3 of a solve: read a solution back into a portfolio the rest of the product uses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from workbench.arrays import ScenarioArrays


@dataclass(frozen=True, eq=False)
class Portfolio:
    """One option per service, with its value under some weights, its spend and total cost."""

    arrays: ScenarioArrays
    chosen: np.ndarray  # option index for each service, in service order
    value: float

    @classmethod
    def from_solution(cls, arrays: ScenarioArrays, x: np.ndarray,
                      weights: Mapping[str, float]) -> Portfolio:
        chosen = np.flatnonzero(x > 0.5)
        return cls(arrays, chosen, arrays.value(chosen, weights))

    @classmethod
    def from_choices(cls, arrays: ScenarioArrays, choices: Mapping[str, str],
                     weights: Mapping[str, float]) -> Portfolio:
        chosen = arrays.chosen_indices(choices)
        return cls(arrays, chosen, arrays.value(chosen, weights))

    @property
    def choices(self) -> dict[str, str]:
        return self.arrays.choices(self.chosen)

    @property
    def spend_by_year(self) -> np.ndarray:
        return self.arrays.spend[self.chosen].sum(axis=0)

    @property
    def spend(self) -> dict[str, float]:
        return dict(zip(self.arrays.scenario.years, map(float, self.spend_by_year)))

    @property
    def total_cost(self) -> float:
        return float(self.arrays.total_cost[self.chosen].sum())

    @property
    def scores(self) -> dict[str, float]:
        """The portfolio's score on each criterion: the service-weighted mean of its options'
        scores (0 to 100). V is these scores weighted by the criteria's weights."""
        mean = self.arrays.share[self.chosen] @ self.arrays.scores[self.chosen]
        return dict(zip(self.arrays.scenario.criterion_ids, map(float, mean)))

    def value_under(self, weights: Mapping[str, float]) -> float:
        return self.arrays.value(self.chosen, weights)

    def same_choices(self, other: Portfolio) -> bool:
        return np.array_equal(self.chosen, other.chosen)
