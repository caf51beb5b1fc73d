"""``budget``: spend in each year (cost plus one-offs), over some areas or all, at most the
limit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from workbench.fields import PerYear, Text
from workbench.givens.kind import GivenBase, GivenKind
from workbench.givens.references import References
from workbench.givens.rows import LE, RowParts, area_mask
from workbench.money import short_money

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays
    from workbench.scenario.model import Scenario


class Budget(GivenBase):
    kind: Literal["budget"]
    limit: PerYear
    areas: tuple[Text, ...] | None = None


class BudgetKind(GivenKind[Budget]):
    name = "budget"
    model = Budget
    per_year = ("limit",)
    lifted_on_frontier = True

    def check(self, given: Mapping[str, Any], place: str, refs: References) -> None:
        refs.per_year(f"{place}.limit", given.get("limit"))
        refs.area_list(f"{place}.areas", given.get("areas"))

    def rows(self, given: Budget, arrays: ScenarioArrays) -> RowParts:
        scope = area_mask(arrays, given.areas)
        for y, limit in enumerate(given.limit):
            yield f"y{y + 1}", np.where(scope, arrays.spend[:, y], 0.0), LE, limit

    def loosened(self, given: Budget, factor: float) -> Budget:
        return given.replace(limit=[v * factor for v in given.limit])

    def sentence(self, given: Budget, scenario: Scenario) -> str:
        where = "all services" if given.areas is None else "services in " + ", ".join(given.areas)
        limits = {short_money(v, scenario.currency) for v in given.limit}
        each = (f"at most {limits.pop()} in each year" if len(limits) == 1 else
                "at most " + ", ".join(f"{short_money(v, scenario.currency)} in {y}"
                                       for y, v in zip(scenario.years, given.limit)))
        return f"Spending on {where} must be {each}."


KIND = BudgetKind()
