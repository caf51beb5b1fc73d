"""The price of each given: what keeping it costs in value and in money.

Price = recommended value with that one given lifted, minus the value with every given; and
the change in total cost. For a given with a limit (a budget), also the value each further 1%
of it would buy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workbench.analysis.progress import Progress
from workbench.givens.registry import kind_of
from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.portfolio import Portfolio
from workbench.scenario.model import Scenario


@dataclass(frozen=True)
class Price:
    given: str
    value: float                 # value gained by lifting the given (never negative)
    total_cost: float            # change in total cost when it is lifted
    per_percent: float | None = None   # limits: value one more percent would buy
    lifted_choices: dict[str, str] | None = None

    def to_json(self) -> dict[str, float]:
        out = {"value": self.value, "total_cost": self.total_cost}
        if self.per_percent is not None:
            out["value_per_1pct_budget"] = self.per_percent
        return out


def _loosened(scenario: Scenario, index: int, factor: float) -> Scenario | None:
    """The scenario with given ``index``'s limit times ``factor``, or None when its kind has
    no limit to loosen."""
    given = scenario.givens[index]
    looser = kind_of(given).loosened(given, factor)
    if looser is None:
        return None
    givens = [g.model_dump(by_alias=True) for g in scenario.givens]
    givens[index] = looser.model_dump(by_alias=True)
    return scenario.replace(givens=givens)


def prices(scenario: Scenario, weights: Mapping[str, float], base: Portfolio,
           progress: Progress | None = None) -> dict[str, Price]:
    """The price of every given, against the recommended portfolio ``base``."""
    progress = progress or Progress()
    out = {}
    for k, given in enumerate(scenario.givens):
        progress(k / max(1, len(scenario.givens)),
                 f"price of given {k + 1} of {len(scenario.givens)}")  # words, not ids
        lifted = LiveOptimiser(scenario, lifted=[given.id]).solve(weights, with_groups=False)
        p = lifted.portfolio
        value = max(0.0, p.value - base.value) if p else 0.0
        if value <= 1e-9:
            value = 0.0
        cost = (p.total_cost - base.total_cost) if p and value > 0 else 0.0
        per = None
        looser = _loosened(scenario, k, 1.01)
        if looser is not None:
            more = LiveOptimiser(looser).solve(weights, with_groups=False)
            per = max(0.0, more.portfolio.value - base.value) if more.portfolio else 0.0
        out[given.id] = Price(given.id, value, cost, per, p.choices if p else None)
    return out
