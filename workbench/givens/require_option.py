"""``require_option``: a service must take one named option (a legal duty, a contract)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from workbench.fields import Day, Id
from workbench.givens.kind import GivenBase, GivenKind, Parts
from workbench.givens.references import References
from workbench.givens.rows import EQ, Row, RowParts, unit

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays
    from workbench.scenario.model import Scenario


class RequireOption(GivenBase):
    kind: Literal["require_option"]
    service: Id
    option: Id
    until: Day | None = None    # when the duty or contract ends (commissioning-cycle.md, 3)


class RequireOptionKind(GivenKind[RequireOption]):
    name = "require_option"
    model = RequireOption

    def check(self, given: Mapping[str, Any], place: str, refs: References) -> None:
        refs.option(place, given.get("service"), given.get("option"))

    def rows(self, given: RequireOption, arrays: ScenarioArrays) -> RowParts:
        yield "", unit(arrays.n_options, (arrays.index[(given.service, given.option)], 1.0)), \
            EQ, 1

    def separate(self, given: RequireOption, row: Row, arrays: ScenarioArrays,
                 parts: Parts) -> None:
        keep = arrays.index[(given.service, given.option)]
        others = arrays.service_of == arrays.service_of[keep]
        others[keep] = False
        parts.forbid(others)

    def sentence(self, given: RequireOption, scenario: Scenario) -> str:
        service = scenario.service(given.service)
        until = f" until {given.until:%-d %B %Y}" if given.until else ""
        return f"{service.name} must be “{service.option(given.option).name}”{until}."


def require_options(givens: Iterable[object]) -> tuple[RequireOption, ...]:
    """The ``require_option`` givens among ``givens`` (reviews read their ``until`` and lift
    them), so that no module outside this package tests a given's kind."""
    return tuple(g for g in givens if isinstance(g, RequireOption))


KIND = RequireOptionKind()
