"""``spend_share``: the share of spend (per year, over some areas or all) going to these
modes stays between ``min`` and ``max``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from workbench.fields import Fraction, Mode, Text
from workbench.givens.kind import GivenBase, GivenKind
from workbench.givens.references import References
from workbench.givens.rows import GE, LE, RowParts, area_mask
from workbench.givens.words import modes_text

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays
    from workbench.scenario.model import Scenario


class SpendShare(GivenBase):
    kind: Literal["spend_share"]
    modes: tuple[Mode, ...] = Field(min_length=1)
    min: Fraction | None = None
    max: Fraction | None = None
    areas: tuple[Text, ...] | None = None

    @model_validator(mode="after")
    def _bounds(self) -> SpendShare:
        if self.min is None and self.max is None:
            raise PydanticCustomError("spend_share", "needs min, max or both", {})
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError(
                "spend_share", "min must not be above max (got min {lo}, max {hi})",
                {"lo": f"{self.min:g}", "hi": f"{self.max:g}"},
            )
        return self


class SpendShareKind(GivenKind[SpendShare]):
    """Couples every service in scope: the frontier's merge checks it point by point."""

    name = "spend_share"
    model = SpendShare

    def check(self, given: Mapping[str, Any], place: str, refs: References) -> None:
        refs.area_list(f"{place}.areas", given.get("areas"))

    def rows(self, given: SpendShare, arrays: ScenarioArrays) -> RowParts:
        scope = area_mask(arrays, given.areas)
        in_modes = np.isin(arrays.modes, given.modes).astype(float)
        spend = arrays.spend
        for y in range(spend.shape[1]):
            # share >= min  <=>  sum((in - min) * spend) >= 0, and likewise for max
            if given.min is not None:
                yield f"min_y{y + 1}", np.where(scope, (in_modes - given.min) * spend[:, y],
                                                0.0), GE, 0
            if given.max is not None:
                yield f"max_y{y + 1}", np.where(scope, (in_modes - given.max) * spend[:, y],
                                                0.0), LE, 0

    def sentence(self, given: SpendShare, scenario: Scenario) -> str:
        bounds = []
        if given.min is not None:
            bounds.append(f"at least {given.min:.0%}")
        if given.max is not None:
            bounds.append(f"at most {given.max:.0%}")
        where = "" if given.areas is None else " in " + ", ".join(given.areas)
        return (f"Each year, {' and '.join(bounds)} of spending{where} must go to services "
                f"that are {modes_text(given.modes, 'or')}.")


KIND = SpendShareKind()
