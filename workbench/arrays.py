"""A scenario as arrays: the one place that turns options into numbers for the kernels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from workbench.scenario.model import Scenario
from workbench.weights import as_vector


@dataclass(frozen=True, eq=False)
class ScenarioArrays:
    """Flat option tables in file order; option ``i`` belongs to service ``service_of[i]``."""

    scenario: Scenario

    @cached_property
    def refs(self) -> tuple[tuple[str, str], ...]:
        return tuple((s.id, o.id) for s in self.scenario.services for o in s.options)

    @cached_property
    def index(self) -> dict[tuple[str, str], int]:
        return {ref: i for i, ref in enumerate(self.refs)}

    @cached_property
    def service_of(self) -> np.ndarray:
        return np.array([si for si, s in enumerate(self.scenario.services) for _ in s.options])

    @cached_property
    def starts(self) -> np.ndarray:
        sizes = [len(s.options) for s in self.scenario.services]
        return np.concatenate([[0], np.cumsum(sizes)]).astype(int)

    @cached_property
    def spend(self) -> np.ndarray:
        """Spend of each option in each year: its cost, plus its one-off in the first year."""
        rows = [list(o.cost) for s in self.scenario.services for o in s.options]
        table = np.array(rows, dtype=float)
        table[:, 0] += [o.one_off for s in self.scenario.services for o in s.options]
        return table

    @cached_property
    def total_cost(self) -> np.ndarray:
        return self.spend.sum(axis=1)

    @cached_property
    def scores(self) -> np.ndarray:
        crit = self.scenario.criterion_ids
        return np.array([[o.scores[c] for c in crit]
                         for s in self.scenario.services for o in s.options], dtype=float)

    @cached_property
    def share(self) -> np.ndarray:
        """Each option's service weight over the sum of service weights."""
        weights = np.array([s.weight for s in self.scenario.services], dtype=float)
        return (weights / weights.sum())[self.service_of]

    @cached_property
    def modes(self) -> np.ndarray:
        return np.array([o.mode for s in self.scenario.services for o in s.options])

    @cached_property
    def areas(self) -> np.ndarray:
        return np.array([s.area or "" for s in self.scenario.services for _ in s.options])

    @cached_property
    def is_current(self) -> np.ndarray:
        return np.array([s.current == o.id for s in self.scenario.services for o in s.options])

    @property
    def n_options(self) -> int:
        return len(self.refs)

    def value_coefficients(self, weights: Mapping[str, float]) -> np.ndarray:
        """Each option's contribution to V: service share times its weighted score."""
        w = as_vector(weights, self.scenario.criterion_ids)
        return self.share * (self.scores @ w)

    def value(self, chosen: np.ndarray, weights: Mapping[str, float]) -> float:
        """V of a portfolio given by the indices of its chosen options (0 to 100)."""
        return float(self.value_coefficients(weights)[chosen].sum())

    def choices(self, chosen: np.ndarray) -> dict[str, str]:
        return dict(self.refs[i] for i in chosen)

    def chosen_indices(self, choices: Mapping[str, str]) -> np.ndarray:
        return np.array([self.index[(s.id, choices[s.id])] for s in self.scenario.services])
