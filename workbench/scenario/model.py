"""The scenario as immutable domain objects (scenario-format.md, version 1).

Pydantic checks types and ranges and gives every problem a location; references between
parts of the file are checked in :mod:`workbench.scenario.checks`. Objects are frozen:
change one with ``replace(...)``, which validates again. The givens are the kinds registered
in :mod:`workbench.givens` (one module per kind); registering a kind rebuilds this model.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from workbench.fields import (
    ALL,
    CATEGORIES,
    MODES,
    Category,
    Fraction,
    Frozen,
    Id,
    Mode,
    NonNegative,
    Number,
    OptionRef,
    PerYear,
    Positive,
    Score,
    Text,
)
from workbench.givens import (
    Budget,
    ForbidModes,
    GivenBase,
    MaxChanges,
    MinScore,
    RequireOption,
    Requires,
    SpendShare,
)
from workbench.givens.registry import GIVEN_KINDS, given_type, kind_named, on_change
from workbench.money import currency_problem
from workbench.scenario.cycle import DEFAULT_RULES, Engagement, ReviewRules, Target

FORMAT = "commissioning-scenario/1"

# Any registered kind's model (the file's tagged union is rebuilt as kinds register).
Given = GivenBase


class Criterion(Frozen):
    id: Id
    name: Text
    description: str | None = None


class Stakeholder(Frozen):
    id: Id
    name: Text
    influence: NonNegative = 1.0
    weights: dict[str, NonNegative]


class Option(Frozen):
    id: Id
    name: Text
    mode: Mode
    provider: str | None = None
    cost: PerYear
    one_off: NonNegative = 0.0
    scores: dict[str, Score]


class Service(Frozen):
    id: Id
    name: Text
    area: str | None = None
    code: str | None = None
    weight: Positive = 1.0
    current: str | None = None
    options: tuple[Option, ...] = Field(min_length=1)

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)


def _currency(value: Any) -> Any:
    problem = currency_problem(value)
    if problem is not None:
        raise PydanticCustomError("currency", "{problem}", {"problem": problem})
    return value


Currency = Annotated[str, BeforeValidator(_currency)]


class Scenario(Frozen):
    format: Literal["commissioning-scenario/1"]
    name: Text
    organisation: str | None = None
    currency: Currency = "GBP"
    years: tuple[Text, ...] = Field(min_length=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    stakeholders: tuple[Stakeholder, ...] = Field(min_length=1)
    services: tuple[Service, ...] = Field(min_length=1)
    givens: tuple[GivenBase, ...] = ()   # every registered kind (see _rebuild)
    # The commissioning cycle's optional keys (commissioning-cycle.md, workbench.scenario.cycle)
    engagement: Engagement | None = None
    proposal: dict[Id, Id] | None = None
    targets: tuple[Target, ...] | None = None
    review_rules: ReviewRules | None = None

    @model_validator(mode="before")
    @classmethod
    def _expand_money(cls, data: Any) -> Any:
        """One number for every year becomes one number per year."""
        if not isinstance(data, dict) or not isinstance(data.get("years"), (list, tuple)):
            return data
        n = len(data["years"])
        data = dict(data)

        def expand(value: Any) -> Any:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return [value] * n
            return value

        services = []
        for service in data.get("services") or []:
            if isinstance(service, dict) and isinstance(service.get("options"), list):
                service = {**service, "options": [
                    {**o, "cost": expand(o.get("cost"))} if isinstance(o, dict) and "cost" in o
                    else o for o in service["options"]]}
            services.append(service)
        if "services" in data:
            data["services"] = services
        if isinstance(data.get("givens"), list):
            data["givens"] = [_expand_given(g, expand) for g in data["givens"]]
        return data

    @field_validator("givens", "services", "criteria", "stakeholders", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    # Look-ups used everywhere; cheap enough to compute on demand.
    def service(self, service_id: str) -> Service:
        return next(s for s in self.services if s.id == service_id)

    def given(self, given_id: str) -> GivenBase:
        return next(g for g in self.givens if g.id == given_id)

    @property
    def rules(self) -> ReviewRules:
        """The review rules in force: the file's, or the spec's defaults."""
        return self.review_rules or DEFAULT_RULES

    def targets_of(self, service_id: str) -> tuple[Target, ...]:
        """The targets that measure ``service_id``, in file order."""
        return self._targets_by_service.get(service_id, ())

    @cached_property
    def _targets_by_service(self) -> dict[str, tuple[Target, ...]]:
        found: dict[str, list[Target]] = {}
        for target in self.targets or ():
            found.setdefault(target.service, []).append(target)
        return {service: tuple(targets) for service, targets in found.items()}

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    @property
    def areas(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.services:
            if s.area is not None:
                seen.setdefault(s.area)
        return tuple(seen)

    def with_weights(self, weights: Mapping[str, Mapping[str, float]],
                     influence: Mapping[str, float] | None = None) -> Scenario:
        """This scenario with the listed groups' weights (and influences) replaced: what a
        meeting's panels agreed, as a scenario every analysis reads. Groups not listed keep
        their own."""
        influence = influence or {}
        return self.replace(stakeholders=[
            {**g.model_dump(by_alias=True),
             "weights": dict(weights.get(g.id, g.weights)),
             "influence": influence.get(g.id, g.influence)}
            for g in self.stakeholders])


def _expand_given(given: Any, expand: Any) -> Any:
    """A given's per-year money keys (its kind says which), one number made one per year."""
    kind = kind_named(given.get("kind")) if isinstance(given, dict) else None
    if kind is None or not kind.per_year:
        return given
    return {**given, **{k: expand(given[k]) for k in kind.per_year if k in given}}


def _rebuild() -> None:
    """Accept exactly the registered kinds in ``givens`` (called as kinds register)."""
    Scenario.model_fields["givens"] = FieldInfo.from_annotated_attribute(
        tuple[given_type(), ...], ())  # type: ignore[arg-type,misc]  # built at run time
    Scenario.model_rebuild(force=True)


on_change(_rebuild)

__all__ = [
    "ALL", "CATEGORIES", "FORMAT", "GIVEN_KINDS", "MODES", "Budget", "Category", "Criterion",
    "Engagement", "ForbidModes", "Fraction", "Frozen", "Given", "MaxChanges", "MinScore", "Mode",
    "NonNegative", "Number", "Option", "OptionRef", "PerYear", "Positive", "RequireOption",
    "Requires", "ReviewRules", "Scenario", "Score", "Service", "SpendShare", "Stakeholder",
    "Target", "Text",
]
