"""Another portfolio beside the recommendation (commissioning-cycle.md, section 2): the
officers' proposal, the fair portfolio or a what-if, with its value, total cost, the givens
it breaks and each group's satisfaction, all measured on the recommendation's own scales."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbench.analysis.proposal import broken_givens
from workbench.errors import InputError
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.recommend import Recommendation

# The portfolios an adopter may choose, in words: the store's record, the pages and the
# published record all name them from here.
SOURCES = ("recommended", "proposal", "fair", "what_if")
SOURCE_WORDS = {"recommended": "the recommendation", "proposal": "the officers' proposal",
                "fair": "the fair portfolio", "what_if": "a what-if"}


@dataclass(frozen=True)
class Beside:
    """One portfolio measured as the recommendation is: V under the agreed weights, its
    total cost, which givens it breaks, and each group's S (its own best and worst)."""

    choices: dict[str, str]
    value: float
    total_cost: float
    breaks: tuple[str, ...]
    satisfaction: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        return {"choices": dict(self.choices), "value": self.value,
                "total_cost": self.total_cost, "breaks": list(self.breaks),
                "satisfaction": dict(self.satisfaction)}


def beside(recommended: Recommendation, choices: Mapping[str, str]) -> Beside:
    """``choices`` (a complete portfolio) measured beside ``recommended``."""
    if recommended.portfolio is None:
        raise InputError("there is no recommendation to compare with: "
                         f"{recommended.explanation}")
    arrays = recommended.portfolio.arrays
    missing = [s.id for s in arrays.scenario.services if s.id not in choices]
    if missing:
        raise InputError(f"the portfolio leaves out {', '.join(missing[:5])}: it must choose "
                         "an option for every service")
    try:
        portfolio = Portfolio.from_choices(arrays, choices, recommended.weights)
    except KeyError as exc:
        raise InputError(f"the portfolio names an unknown option {exc}") from None
    satisfaction = {g: r.satisfaction(portfolio.value_under(r.weights))
                    for g, r in recommended.groups.items()}
    return Beside(portfolio.choices, portfolio.value, portfolio.total_cost,
                  broken_givens(arrays.scenario, portfolio.choices, arrays), satisfaction)


def departures(recommended: Mapping[str, str], adopted: Mapping[str, str]) -> list[str]:
    """The services whose adopted option differs from the recommended one, in order."""
    return [s for s, option in recommended.items() if adopted.get(s) != option]
