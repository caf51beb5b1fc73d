"""The whole trade-off analysis of a scenario, as one object that carries its explanation."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.analysis.fair import FairResult, fair_portfolio
from workbench.analysis.frontier import FrontierPoint, frontier
from workbench.analysis.prices import Price, prices
from workbench.analysis.progress import Progress, ProgressCallback
from workbench.analysis.stability import StabilityInterval, stability
from workbench.analysis.summary import ChoiceExplained, describe_decisions
from workbench.analysis.whatif import WhatIf, what_if
from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.recommend import Recommendation
from workbench.scenario.model import Scenario
from workbench.weights import group_weights

EXACT_FRONTIER_UP_TO = 100   # services; above this the frontier is taken at budget levels
DEFAULT_LEVELS = 25
SUMMARY_ALTERNATIVES = 60    # closest alternatives are worked out for at most this many services


@dataclass(frozen=True, eq=False)
class Analysis:
    scenario: Scenario
    recommended: Recommendation
    fair: FairResult | None = None
    frontier: list[FrontierPoint] = field(default_factory=list)
    frontier_exact: bool = True
    prices: dict[str, Price] = field(default_factory=dict)
    stability: dict[str, StabilityInterval] = field(default_factory=dict)
    decisions: list[ChoiceExplained] = field(default_factory=list)
    seconds: float = 0.0

    def groups_json(self) -> dict[str, Any]:
        sat = self.recommended.satisfaction
        return {g: {"best": r.best, "worst": r.worst, "satisfaction": sat.get(g),
                    "own_best": r.best_choices}
                for g, r in self.recommended.groups.items()}

    def to_json(self) -> dict[str, Any]:
        """The object ``workbench analyse --json`` prints."""
        return {
            "recommended": self.recommended.to_json(),
            "groups": self.groups_json(),
            "fair": self.fair.to_json() if self.fair else None,
            "frontier": [p.to_json() for p in self.frontier],
            "frontier_exact": self.frontier_exact,
            "price_of_givens": {g: p.to_json() for g, p in self.prices.items()},
            "stability": {c: [s.low, s.high] for c, s in self.stability.items()},
            "summary": [d.text for d in self.decisions],
        }


def analyse(scenario: Scenario, weights: Mapping[str, float] | None = None, *,
            levels: int | None = None, progress: ProgressCallback | None = None,
            cancelled: Callable[[], bool] | None = None,
            live: LiveOptimiser | None = None) -> Analysis:
    """Recommended and fair portfolios, each group's view, the frontier, the price of each
    given, weight stability and a plain summary. ``progress(fraction, message)`` is called as
    it goes; once ``cancelled()`` is true it stops with CancelledError."""
    started = time.perf_counter()
    step = Progress(progress, cancelled)
    live = live or LiveOptimiser(scenario)
    step(0.0, "recommended portfolio")
    base = live.solve(weights)
    if base.portfolio is None:
        return Analysis(scenario, base, seconds=time.perf_counter() - started)
    w = base.weights
    step(0.05, "fair portfolio")
    fair = fair_portfolio(live.arrays, w, base.groups)
    exact = levels is None and len(scenario.services) <= EXACT_FRONTIER_UP_TO
    points = frontier(live.arrays, w, levels=None if exact else (levels or DEFAULT_LEVELS),
                      progress=step.part(0.1, 0.6))
    price = prices(scenario, w, base.portfolio, progress=step.part(0.6, 0.75))
    stable = stability(live, w, base.portfolio, progress=step.part(0.75, 0.9))
    alternatives: dict[str, WhatIf] = {}
    part = step.part(0.9, 1.0)
    explained = list(scenario.services)
    if len(explained) > SUMMARY_ALTERNATIVES:
        # One re-solve per service: on large scenarios, explain the changes from today first.
        choices = base.portfolio.choices
        explained.sort(key=lambda s: s.current in (None, choices[s.id]))
        explained = explained[:SUMMARY_ALTERNATIVES]
    for k, service in enumerate(explained):
        part(k / len(explained), f"alternatives for {service.name}")
        alternatives[service.id] = what_if(live, base, service.id,
                                           base.portfolio.choices[service.id], chosen=False)
    decisions = describe_decisions(scenario, base, alternatives)
    step(1.0, "done")
    return Analysis(scenario, base, fair, points, exact, price, stable, decisions,
                    time.perf_counter() - started)


__all__ = ["Analysis", "analyse", "group_weights"]
