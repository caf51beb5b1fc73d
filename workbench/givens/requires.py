"""``requires``: if one option is chosen, another (of another service) must be too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from workbench.fields import OptionRef
from workbench.givens.kind import GivenBase, GivenKind, Parts
from workbench.givens.references import References
from workbench.givens.rows import LE, Row, RowParts, unit

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays
    from workbench.scenario.model import Scenario


class Requires(GivenBase):
    kind: Literal["requires"]
    if_: OptionRef = Field(alias="if")
    then: OptionRef


class RequiresKind(GivenKind[Requires]):
    """Links two services: the frontier's merge joins them into one part."""

    name = "requires"
    model = Requires

    def check(self, given: Mapping[str, Any], place: str, refs: References) -> None:
        for key in ("if", "then"):
            refs.option_ref(f"{place}.{key}", given.get(key))

    def rows(self, given: Requires, arrays: ScenarioArrays) -> RowParts:
        yield "", unit(arrays.n_options,
                       (arrays.index[(given.if_.service, given.if_.option)], 1.0),
                       (arrays.index[(given.then.service, given.then.option)], -1.0)), LE, 0

    def separate(self, given: Requires, row: Row, arrays: ScenarioArrays,
                 parts: Parts) -> None:
        parts.link(arrays.index[(given.if_.service, given.if_.option)],
                   arrays.index[(given.then.service, given.then.option)], row)

    def sentence(self, given: Requires, scenario: Scenario) -> str:
        first, then = scenario.service(given.if_.service), scenario.service(given.then.service)
        return (f"If {first.name} is “{first.option(given.if_.option).name}”, "
                f"{then.name} must be “{then.option(given.then.option).name}”.")


KIND = RequiresKind()
