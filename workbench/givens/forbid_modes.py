"""``forbid_modes``: no listed service (or none at all) may use one of these modes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import Field

from workbench.fields import IdsOrAll, Mode
from workbench.givens.kind import GivenBase, GivenKind, Parts
from workbench.givens.references import References
from workbench.givens.rows import EQ, Row, RowParts, service_mask
from workbench.givens.words import modes_text, services_text

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays
    from workbench.scenario.model import Scenario


class ForbidModes(GivenBase):
    kind: Literal["forbid_modes"]
    services: IdsOrAll
    modes: tuple[Mode, ...] = Field(min_length=1)


class ForbidModesKind(GivenKind[ForbidModes]):
    name = "forbid_modes"
    model = ForbidModes

    def check(self, given: Mapping[str, Any], place: str, refs: References) -> None:
        refs.services_or_all(f"{place}.services", given.get("services"))

    def rows(self, given: ForbidModes, arrays: ScenarioArrays) -> RowParts:
        mask = service_mask(arrays, given.services) & np.isin(arrays.modes, given.modes)
        yield "", mask.astype(float), EQ, 0

    def separate(self, given: ForbidModes, row: Row, arrays: ScenarioArrays,
                 parts: Parts) -> None:
        parts.forbid(row.coefficients != 0)

    def sentence(self, given: ForbidModes, scenario: Scenario) -> str:
        return (f"{services_text(scenario, given.services)} may not be "
                f"{modes_text(given.modes, 'or')}.")


KIND = ForbidModesKind()
