"""What every kind of given provides, in one interface that every stage reads.

A kind is one module in this package: its schema (a pydantic model with ``kind`` as its
tag), its checks against the rest of the file, its rows in the model, how the exact
frontier holds it, and its words for people. Adding a kind is one module, one line in
:mod:`workbench.givens` (or a :func:`workbench.givens.registry.register` call) and its tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import numpy as np

from workbench.fields import Category, Frozen, Id, Text
from workbench.givens.rows import Row, RowParts

if TYPE_CHECKING:
    from workbench.arrays import ScenarioArrays
    from workbench.givens.references import References
    from workbench.scenario.model import Scenario

# Keys every given has: the rest of a given's keys are its terms (what it demands).
COMMON_KEYS = frozenset({"id", "kind", "category", "reason", "owner", "source"})


class GivenBase(Frozen):
    """The keys every given has (scenario-format.md, Kinds of given)."""

    id: Id
    kind: str
    category: Category
    reason: Text
    owner: str | None = None
    source: str | None = None

    def terms(self) -> dict[str, Any]:
        """What this given demands, as its file keys and values (the common keys left out)."""
        return self.model_dump(by_alias=True, exclude=set(COMMON_KEYS), exclude_none=True)


G = TypeVar("G", bound=GivenBase)


@dataclass
class Parts:
    """How the givens split for the exact frontier's service-by-service merge
    (:mod:`workbench.analysis.separable`): options no portfolio may use, links between two
    services' options, a limit on changes from today, and rows that couple every service."""

    allowed: np.ndarray
    links: list[tuple[int, int, Row]] = field(default_factory=list)
    max_changes: int | None = None
    coupling: list[Row] = field(default_factory=list)

    def forbid(self, options: np.ndarray) -> None:
        """No portfolio may choose these options (a boolean mask over all options)."""
        self.allowed &= ~options

    def link(self, if_option: int, then_option: int, row: Row) -> None:
        """Choosing ``if_option`` needs ``then_option`` (option indices)."""
        self.links.append((if_option, then_option, row))

    def limit_changes(self, limit: int) -> None:
        self.max_changes = limit if self.max_changes is None else min(self.max_changes, limit)

    def couple(self, row: Row) -> None:
        """A row the merge cannot hold: each point it finds is checked against it."""
        self.coupling.append(row)


class GivenKind(Generic[G]):
    """One kind of given. Subclasses set ``name`` and ``model`` and write ``rows``."""

    name: ClassVar[str]
    model: ClassVar[type[GivenBase]]
    # Keys that hold money per year: one number in the file means that amount every year.
    per_year: ClassVar[tuple[str, ...]] = ()
    # The frontier trades total cost against value, so givens that cap spending are lifted
    # there (every other given is kept).
    lifted_on_frontier: ClassVar[bool] = False

    @property
    def label(self) -> str:
        """The kind in words: ``require option``."""
        return self.name.replace("_", " ")

    def check(self, given: Mapping[str, Any], place: str, refs: References) -> None:
        """Report, through ``refs``, every reference of the plain ``given`` (as read from the
        file, perhaps malformed) to services, options, areas or criteria that do not exist."""

    def rows(self, given: G, arrays: ScenarioArrays) -> RowParts:
        """Every linear row of this given over the option binaries."""
        raise NotImplementedError

    def separate(self, given: G, row: Row, arrays: ScenarioArrays, parts: Parts) -> None:
        """Hold ``row`` in the frontier's merge where it can; by default it couples."""
        parts.couple(row)

    def loosened(self, given: G, factor: float) -> G | None:
        """The given with its limit times ``factor`` (what one more percent buys), or None
        when it has no limit to loosen."""
        return None

    def terms(self, given: G) -> dict[str, Any]:
        """What the given demands, key by key (tables show these)."""
        return given.terms()

    def sentence(self, given: G, scenario: Scenario) -> str:
        """What the given demands, in one plain sentence for residents and panels."""
        raise NotImplementedError
