"""A small scenario with targets, and results and challenges written by hand, for the
hand-worked cases of commissioning-cycle.md sections 3 and 4."""

from __future__ import annotations

from typing import Any

from workbench.monitoring.challenges import Challenge
from workbench.monitoring.periods import parse_period
from workbench.monitoring.results import Result
from workbench.scenario.model import Scenario


def small(targets: list[dict[str, Any]] | None = None, cost: float = 1_000_000,
          mode: str = "outsource", currency: str = "GBP", **extra: Any) -> Scenario:
    """Two services: ``care`` (option ``contract`` of ``mode`` costing ``cost`` a year for
    two years, current) and ``parks``."""
    data: dict[str, Any] = {
        "format": "commissioning-scenario/1", "name": "Small", "currency": currency,
        "years": ["y1", "y2"], "criteria": [{"id": "q", "name": "Quality"}],
        "stakeholders": [{"id": "users", "name": "Users", "weights": {"q": 1}},
                         {"id": "staff", "name": "Staff", "weights": {"q": 1}}],
        "services": [
            {"id": "care", "name": "Care", "current": "contract", "options": [
                {"id": "contract", "name": "Contract", "mode": mode, "cost": cost,
                 "scores": {"q": 50}},
                {"id": "in_house", "name": "In house", "mode": "in_house", "cost": 10,
                 "scores": {"q": 40}}]},
            {"id": "parks", "name": "Parks", "current": "council", "options": [
                {"id": "council", "name": "Council", "mode": "in_house", "cost": 5,
                 "scores": {"q": 50}}]}],
        "targets": targets if targets is not None else [target()],
    }
    data.update(extra)
    return Scenario.model_validate(data)


def target(ident: str = "t", service: str = "care", **keys: Any) -> dict[str, Any]:
    """``higher`` is better: good at 90, approaching down to 80, inadequate below 70."""
    found = {"id": ident, "service": service, "measure": "On time", "unit": "%",
             "direction": "higher", "target": 90, "approaching": 80, "inadequate": 70,
             "period": "month", "agreed_by": ["users"]}
    found.update(keys)
    return {k: v for k, v in found.items() if v is not None}


def results(scenario: Scenario, *rows: tuple[str, str, float]) -> tuple[Result, ...]:
    """``(target, period, value)`` rows as results."""
    targets = {t.id: t for t in scenario.targets or ()}
    out = []
    for ident, period, value in rows:
        t = targets[ident]
        found = parse_period(period, t.period)
        assert found is not None, period
        out.append(Result.of(t, found, value))
    return tuple(out)


def challenge(lodged: str, who: str = "A", group: str | None = None,
              service: str = "care") -> Challenge:
    from datetime import date

    return Challenge(service, who, group, date.fromisoformat(lodged), "quality", "text")
