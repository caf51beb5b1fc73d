"""A few plain sentences per decision, for a tenant on a panel (generated from the numbers)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.analysis.whatif import WhatIf
from workbench.money import money
from workbench.optimiser.recommend import Recommendation
from workbench.scenario.model import Scenario


@dataclass(frozen=True)
class ChoiceExplained:
    """One service's chosen option, whether it changes from today, and why, in words."""

    service: str
    option: str
    changes: bool
    text: str


def _less_value(change: float) -> str:
    if abs(change) < 0.005:
        return "the same overall value"
    return f"{abs(change):.2f} points {'less' if change < 0 else 'more'} overall value"


def _name(scenario: Scenario, criterion: str) -> str:
    return next(c.name for c in scenario.criteria if c.id == criterion).lower()


def describe_decisions(scenario: Scenario, base: Recommendation,
                       alternatives: dict[str, WhatIf]) -> list[ChoiceExplained]:
    """One short paragraph per service: what is chosen, why, and the closest alternative.

    ``alternatives[service]`` is the best portfolio with the chosen option ruled out.
    """
    portfolio = base.portfolio
    if portfolio is None:
        return []
    currency, years = scenario.currency, len(scenario.years)
    weights = base.weights
    out = []
    for service in scenario.services:
        chosen = service.option(portfolio.choices[service.id])
        changes = service.current is not None and service.current != chosen.id
        if changes:
            today = service.option(str(service.current))
            lead = (f"{service.name}: change from “{today.name}” to “{chosen.name}” "
                    f"({chosen.mode.replace('_', ' ')}).")
        else:
            lead = f"{service.name}: “{chosen.name}” ({chosen.mode.replace('_', ' ')})."
        alt = alternatives.get(service.id)
        if alt is None or not alt.possible:
            best_at = max(weights, key=lambda c: weights[c] * chosen.scores[c])
            text = (f" It scores {chosen.scores[best_at]:.0f} out of 100 on "
                    f"{_name(scenario, best_at)}. No other option for this service is "
                    "possible under the givens.")
        else:
            pick = service.option(alt.result.solved_portfolio.choices[service.id])
            gap = {c: weights[c] * (chosen.scores[c] - pick.scores[c]) for c in weights}
            ahead = max(gap, key=lambda c: gap[c])
            behind = min(gap, key=lambda c: gap[c])
            own_cost = sum(chosen.cost) + chosen.one_off - sum(pick.cost) - pick.one_off
            parts = []
            if abs(own_cost) >= 0.5:
                parts.append(f"costs {money(abs(own_cost), currency)} "
                             f"{'less' if own_cost < 0 else 'more'} over {years} "
                             f"year{'s' if years > 1 else ''}")
            if gap[ahead] > 0:
                parts.append(f"scores higher on {_name(scenario, ahead)}")
            if gap[behind] < 0:
                parts.append(f"but lower on {_name(scenario, behind)}")
            versus = f" Against “{pick.name}”, it " + ", ".join(parts) + "." if parts else ""
            cost = alt.cost_change or 0.0
            money_text = ("at the same total cost" if abs(cost) < 0.5 else
                          f"with the whole portfolio costing {money(abs(cost), currency)} "
                          f"{'more' if cost > 0 else 'less'}")
            text = (f"{versus} Choosing “{pick.name}” instead would give "
                    f"{_less_value(alt.value_change or 0.0)}, {money_text}, once the rest of "
                    "the portfolio is adjusted to the givens.")
        out.append(ChoiceExplained(service.id, chosen.id, changes, lead + text))
    return out
