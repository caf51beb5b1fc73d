"""The field types every part of a scenario is made of (scenario-format.md, version 1).

Kept outside the scenario package so that each given kind
(:mod:`workbench.givens`) can define its schema with them without importing the scenario.
Each type checks its value and, when it refuses it, says why in a located problem.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError
from typing_extensions import Self

MODES = ("in_house", "shared_service", "partnership", "outsource", "grant", "decommission")
# Each mode as people say it ("the service is ..."): the one place pages, records and
# sentences take their words from.
MODE_WORDS = {"in_house": "kept in-house", "shared_service": "shared with a neighbour",
              "partnership": "run in partnership", "outsource": "outsourced",
              "grant": "funded by grant", "decommission": "stopped"}


def mode_words(mode: str) -> str:
    """A delivery mode as people say it (``MODE_WORDS``; an unknown id with spaces)."""
    return MODE_WORDS.get(mode, mode.replace("_", " "))


CATEGORIES = ("legal", "political", "financial", "contractual", "operational")
ALL = "all"

Mode = Literal["in_house", "shared_service", "partnership", "outsource", "grant", "decommission"]
Category = Literal["legal", "political", "financial", "contractual", "operational"]


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number", "must be a number (got {got})", {"got": repr(value)})
    return float(value)


def _bounded(lo: float | None, hi: float | None) -> AfterValidator:
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


IdsOrAll = Annotated[Literal["all"] | tuple[Id, ...], BeforeValidator(_id_list_or_all)]


def whole(value: Any) -> int:
    """A count: a whole number, 0 or more."""
    number = _number(value)
    if number < 0 or number != int(number):
        raise PydanticCustomError(
            "whole", "must be a whole number, 0 or more (got {got})", {"got": repr(value)}
        )
    return int(number)


Whole = Annotated[int, BeforeValidator(whole)]


_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _day(value: Any) -> date:
    """A calendar date written ``YYYY-MM-DD`` (YAML reads it as a date; JSON as text)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DAY.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date", "must be a date written YYYY-MM-DD (got {got})",
                              {"got": repr(value)[:40]})


Day = Annotated[date, BeforeValidator(_day)]


class Frozen(BaseModel):
    """Base of every domain object: immutable, unknown keys ignored (the format may grow)."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied and validated again."""
        data = self.model_dump(by_alias=True)
        data.update(changes)
        return type(self).model_validate(data)


class OptionRef(Frozen):
    service: Id
    option: Id

