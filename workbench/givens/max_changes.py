"""``max_changes``: at most ``limit`` services move away from their current option."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from workbench.fields import Whole
from workbench.givens.kind import GivenBase, GivenKind, Parts
from workbench.givens.rows import GE, Row, RowParts

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays
    from workbench.scenario.model import Scenario


class MaxChanges(GivenBase):
    kind: Literal["max_changes"]
    limit: Whole


class MaxChangesKind(GivenKind[MaxChanges]):
    """Changes add up over the frontier's parts, so the merge counts them."""

    name = "max_changes"
    model = MaxChanges

    def rows(self, given: MaxChanges, arrays: ScenarioArrays) -> RowParts:
        current = arrays.is_current.astype(float)
        yield "", current, GE, current.sum() - given.limit

    def separate(self, given: MaxChanges, row: Row, arrays: ScenarioArrays,
                 parts: Parts) -> None:
        parts.limit_changes(given.limit)

    def sentence(self, given: MaxChanges, scenario: Scenario) -> str:
        many = "service" if given.limit == 1 else "services"
        return f"At most {given.limit} {many} may change from how they are delivered today."


KIND = MaxChangesKind()
