"""What-if questions: force an option in, or rule one out, and see what changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.recommend import Recommendation


@dataclass(frozen=True, eq=False)
class WhatIf:
    service: str
    option: str
    chosen: bool                      # True: forced in; False: ruled out
    result: Recommendation
    value_change: float | None = None
    cost_change: float | None = None
    satisfaction_change: dict[str, float] = field(default_factory=dict)

    @property
    def possible(self) -> bool:
        return self.result.portfolio is not None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"service": self.service, "option": self.option,
               "action": "force" if self.chosen else "rule_out", "status": self.result.status}
        if self.result.portfolio is not None:
            out.update(value_change=self.value_change, total_cost_change=self.cost_change,
                       satisfaction_change=self.satisfaction_change,
                       choices=self.result.portfolio.choices)
        else:
            out.update(conflict=list(self.result.conflict),
                       explanation=self.result.explanation)
        return out


def what_if(live: LiveOptimiser, base: Recommendation, service: str, option: str,
            chosen: bool, weights: Mapping[str, float] | None = None) -> WhatIf:
    """Re-solve with ``(service, option)`` forced in (``chosen``) or ruled out."""
    weights = weights or base.weights
    ref = [(service, option)]
    result = live.solve(weights, force=ref if chosen else (), forbid=() if chosen else ref)
    if result.portfolio is None or base.portfolio is None:
        return WhatIf(service, option, chosen, result)
    before, after = base.satisfaction, result.satisfaction
    return WhatIf(service, option, chosen, result,
                  result.portfolio.value - base.portfolio.value,
                  result.portfolio.total_cost - base.portfolio.total_cost,
                  {g: after[g] - before[g] for g in before if g in after})
