"""The scenario as immutable domain objects (scenario-format.md, version 1).

Pydantic checks types and ranges and gives every problem a location; references between
parts of the file are checked in :mod:`workbench.scenario.checks`. Objects are frozen:
change one with ``replace(...)``, which validates again.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

FORMAT = "commissioning-scenario/1"
MODES = ("in_house", "shared_service", "partnership", "outsource", "grant", "decommission")
CATEGORIES = ("legal", "political", "financial", "contractual", "operational")
ALL = "all"

Mode = Literal["in_house", "shared_service", "partnership", "outsource", "grant", "decommission"]
Category = Literal["legal", "political", "financial", "contractual", "operational"]


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number", "must be a number (got {got})", {"got": repr(value)})
    return float(value)


def _bounded(lo: float | None, hi: float | None):
    if lo is not None and hi is not None:
        rule = f"must be {lo:g} to {hi:g}"
    elif lo == 0:
        rule = "must not be negative"
    else:
        rule = f"must be at least {lo:g}"

    def check(value: float) -> float:
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise PydanticCustomError("range", rule + " (got {got})", {"got": f"{value:g}"})
        return value

    return AfterValidator(check)


def _positive(value: float) -> float:
    if value <= 0:
        raise PydanticCustomError("range", "must be above 0 (got {got})", {"got": f"{value:g}"})
    return value


Number = Annotated[float, BeforeValidator(_number)]
Score = Annotated[float, BeforeValidator(_number), _bounded(0, 100)]
NonNegative = Annotated[float, BeforeValidator(_number), _bounded(0, None)]
Fraction = Annotated[float, BeforeValidator(_number), _bounded(0, 1)]
Positive = Annotated[float, BeforeValidator(_number), AfterValidator(_positive)]


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("text", "must be text (got {got})", {"got": repr(value)})
    text = str(value).strip()
    if not text:
        raise PydanticCustomError("text", "must not be empty", {})
    return text


Text = Annotated[str, BeforeValidator(_text)]
Id = Text


def _per_year(value: Any) -> Any:
    """A money amount may be one number (every year) or a list; the scenario expands it."""
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


PerYear = Annotated[tuple[NonNegative, ...], BeforeValidator(_per_year)]


def _id_list_or_all(value: Any) -> Any:
    if value == ALL:
        return ALL
    if isinstance(value, str):
        return (value,)
    return value


class Frozen(BaseModel):
    """Base of every domain object: immutable, unknown keys ignored (the format may grow)."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    def replace(self, **changes: Any):
        """A copy with ``changes`` applied and validated again."""
        data = self.model_dump(by_alias=True)
        data.update(changes)
        return type(self).model_validate(data)


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


class OptionRef(Frozen):
    service: Id
    option: Id


class GivenBase(Frozen):
    id: Id
    category: Category
    reason: Text
    owner: str | None = None
    source: str | None = None


class Budget(GivenBase):
    kind: Literal["budget"]
    limit: PerYear
    areas: tuple[Text, ...] | None = None


class RequireOption(GivenBase):
    kind: Literal["require_option"]
    service: Id
    option: Id


class ForbidModes(GivenBase):
    kind: Literal["forbid_modes"]
    services: Annotated[Literal["all"] | tuple[Id, ...], BeforeValidator(_id_list_or_all)]
    modes: tuple[Mode, ...] = Field(min_length=1)


class MinScore(GivenBase):
    kind: Literal["min_score"]
    criterion: Id
    value: Score
    services: Annotated[Literal["all"] | tuple[Id, ...], BeforeValidator(_id_list_or_all)]


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


class MaxChanges(GivenBase):
    kind: Literal["max_changes"]
    limit: Annotated[int, BeforeValidator(lambda v: _whole(v))]


class Requires(GivenBase):
    kind: Literal["requires"]
    if_: OptionRef = Field(alias="if")
    then: OptionRef


def _whole(value: Any) -> int:
    number = _number(value)
    if number < 0 or number != int(number):
        raise PydanticCustomError(
            "whole", "must be a whole number, 0 or more (got {got})", {"got": repr(value)}
        )
    return int(number)


Given = Annotated[
    Budget | RequireOption | ForbidModes | MinScore | SpendShare | MaxChanges | Requires,
    Field(discriminator="kind"),
]
GIVEN_KINDS = ("budget", "require_option", "forbid_modes", "min_score", "spend_share",
               "max_changes", "requires")


class Scenario(Frozen):
    format: Literal["commissioning-scenario/1"]
    name: Text
    organisation: str | None = None
    currency: str = "GBP"
    years: tuple[Text, ...] = Field(min_length=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    stakeholders: tuple[Stakeholder, ...] = Field(min_length=1)
    services: tuple[Service, ...] = Field(min_length=1)
    givens: tuple[Given, ...] = ()

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
            data["givens"] = [
                {**g, "limit": expand(g.get("limit"))}
                if isinstance(g, dict) and g.get("kind") == "budget" and "limit" in g else g
                for g in data["givens"]
            ]
        return data

    @field_validator("givens", "services", "criteria", "stakeholders", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    # Look-ups used everywhere; cheap enough to compute on demand.
    def service(self, service_id: str) -> Service:
        return next(s for s in self.services if s.id == service_id)

    def given(self, given_id: str) -> Given:
        return next(g for g in self.givens if g.id == given_id)

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
