"""An adopted decision from the meeting store, ready to export exactly as it was adopted.

The finance workbook and CSV are built from the record itself (its choices, weights,
satisfactions and prices), never from a new solve, so they reconcile with what was adopted
even if the software changes. Only the published page needs the trade-off analysis again
(for its frontier picture); it is run on the recorded weights and used only when it finds
the adopted portfolio.
"""

from __future__ import annotations

import math
from datetime import datetime

from workbench.analysis.prices import Price
from workbench.arrays import ScenarioArrays
from workbench.errors import StoreError, WorkbenchError
from workbench.export.decision import DecisionExport
from workbench.optimiser.groups import GroupRange
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.recommend import Recommendation
from workbench.optimiser.status import Status
from workbench.weights import group_weights


def decision_from_adopted(store, meeting_id: str, decision_id: int | None = None, *,
                          with_analysis: bool = False) -> DecisionExport:
    """Decision ``decision_id`` of the meeting (default: the one in force) as an export."""
    adopted = store.decisions(meeting_id)
    if not adopted:
        raise WorkbenchError(f"meeting {meeting_id}: no decision has been adopted yet")
    chosen = adopted[-1] if decision_id is None else \
        next((d for d in adopted if d.id == decision_id), None)
    if chosen is None:
        raise WorkbenchError(f"meeting {meeting_id}: no decision {decision_id} (adopted: "
                             f"{', '.join(str(d.id) for d in adopted)})")
    record = chosen.record
    base = store.scenario(meeting_id)
    groups = record["groups"]
    scenario = base.with_weights({g: v["weights"] for g, v in groups.items()},
                                 {g: v["influence"] for g, v in groups.items()})
    result = record["analysis"]
    recommended = result["recommended"]
    weights = dict(record["agreed_weights"])
    portfolio = Portfolio.from_choices(ScenarioArrays(scenario), recommended["choices"],
                                       weights)
    if not math.isclose(portfolio.value, recommended["value"], abs_tol=1e-9):
        raise StoreError(f"meeting {meeting_id}, decision {chosen.id}: its choices give value "
                         f"{portfolio.value:.9f}, not the {recommended['value']:.9f} recorded")
    normal = group_weights(scenario)
    ranges = {g: GroupRange(best=v["best"], worst=v["worst"],
                            best_choices=v.get("own_best") or {}, weights=normal[g])
              for g, v in result["groups"].items()}
    recommendation = Recommendation(
        scenario=scenario, status=Status(recommended["status"]), gap=recommended["gap"] or 0.0,
        weights=weights, portfolio=portfolio, groups=ranges, solver="highs")
    prices = {g: Price(g, p["value"], p["total_cost"], p.get("value_per_1pct_budget"))
              for g, p in result["price_of_givens"].items()}
    comments = {g: _views(v) for g, v in groups.items() if v.get("comment") or v.get("dissent")}
    analysis = None
    if with_analysis:
        from workbench.analysis import analyse

        analysis = analyse(scenario)
        if analysis.recommended.portfolio is None or \
                analysis.recommended.portfolio.choices != portfolio.choices:
            raise WorkbenchError(f"meeting {meeting_id}, decision {chosen.id}: the trade-off "
                                 "analysis no longer finds the adopted portfolio; the workbook "
                                 "and CSV can still be exported")
        recommendation = analysis.recommended
    return DecisionExport(scenario, recommendation, analysis,
                    source=f"meeting {meeting_id}, decision {chosen.id}",
                    sha256=record["scenario_sha256"], comments=comments,
                    adopted_by=chosen.adopted_by, adopted_at=_when(chosen.adopted_at),
                    influence={g: v["influence"] for g, v in groups.items()},
                    given_prices=prices)


def _views(group: dict) -> str:
    parts = [group.get("comment") or ""]
    if group.get("dissent"):
        parts.append(f"Dissent: {group['dissent']}")
    return " ".join(p for p in parts if p)


def _when(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)
