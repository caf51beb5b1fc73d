"""``min_score``: every option chosen for the listed services scores at least ``value`` on
one criterion."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from workbench.fields import Id, IdsOrAll, Score
from workbench.givens.kind import GivenBase, GivenKind, Parts
from workbench.givens.references import References
from workbench.givens.rows import EQ, Row, RowParts, service_mask
from workbench.givens.words import services_text

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays
    from workbench.scenario.model import Scenario


class MinScore(GivenBase):
    kind: Literal["min_score"]
    criterion: Id
    value: Score
    services: IdsOrAll


class MinScoreKind(GivenKind[MinScore]):
    name = "min_score"
    model = MinScore

    def check(self, given: Mapping[str, Any], place: str, refs: References) -> None:
        refs.services_or_all(f"{place}.services", given.get("services"))
        refs.criterion(f"{place}.criterion", given.get("criterion"))

    def rows(self, given: MinScore, arrays: ScenarioArrays) -> RowParts:
        column = arrays.scenario.criterion_ids.index(given.criterion)
        mask = service_mask(arrays, given.services) & (arrays.scores[:, column] < given.value)
        yield "", mask.astype(float), EQ, 0

    def separate(self, given: MinScore, row: Row, arrays: ScenarioArrays,
                 parts: Parts) -> None:
        parts.forbid(row.coefficients != 0)

    def sentence(self, given: MinScore, scenario: Scenario) -> str:
        name = next(c.name for c in scenario.criteria if c.id == given.criterion)
        return (f"{services_text(scenario, given.services)} must score at least "
                f"{given.value:g} out of 100 on {name.lower()}.")


KIND = MinScoreKind()
