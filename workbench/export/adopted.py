"""An adopted decision from the meeting store, ready to export exactly as it was adopted.

The finance workbook and CSV are built from the record itself (its choices, weights,
satisfactions and prices), never from a new solve, so they reconcile with what was adopted
even if the software changes. When the adopter departed from the recommendation (the
officers' proposal, the fair portfolio, a what-if), the adopted portfolio is what they
export, checked against the value the record holds for it. Only the published page needs
the trade-off analysis again (for its frontier picture); it is run on the recorded weights
and used only when it finds the recommended portfolio, which the page shows beside the
adopted one.

Records adopted before the commissioning cycle have none of its keys (``adopted``,
``proposal``, ``opted_out``, ``you_said_we_did``...): they export as they always did.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from workbench.analysis.compare import Beside
from workbench.analysis.prices import Price
from workbench.arrays import ScenarioArrays
from workbench.errors import StoreError, WorkbenchError
from workbench.export.decision import DecisionExport, Departure, SaidAndDone
from workbench.monitoring.answers import Answer
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
    place = f"meeting {meeting_id}, decision {chosen.id}"
    base = store.scenario(meeting_id)
    groups = record["groups"]
    scenario = base.with_weights({g: v["weights"] for g, v in groups.items()},
                                 {g: v["influence"] for g, v in groups.items()})
    result = record["analysis"]
    recommended = result["recommended"]
    weights = dict(record["agreed_weights"])
    arrays = ScenarioArrays(scenario)
    _checked(Portfolio.from_choices(arrays, recommended["choices"], weights),
             recommended["value"], place, "its choices")
    taken = record.get("adopted") or {}
    departs = bool(taken) and dict(taken["choices"]) != dict(recommended["choices"])
    portfolio = Portfolio.from_choices(arrays, taken["choices"] if departs else
                                       recommended["choices"], weights)
    if departs:
        _checked(portfolio, taken["value"], place, "its adopted choices")
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
        found = analysis.recommended.portfolio
        if found is None or found.choices != recommended["choices"]:
            raise WorkbenchError(f"{place}: the trade-off analysis no longer finds the "
                                 "recommended portfolio; the workbook and CSV can still be "
                                 "exported")
        recommendation = analysis.recommended if not departs else replace(
            analysis.recommended, portfolio=Portfolio.from_choices(
                found.arrays, taken["choices"], analysis.recommended.weights))
    return DecisionExport(scenario, recommendation, analysis, source=place,
                          sha256=record["scenario_sha256"], comments=comments,
                          adopted_by=chosen.adopted_by, adopted_at=_when(chosen.adopted_at),
                          influence={g: v["influence"] for g, v in groups.items()},
                          given_prices=prices, **_cycle(record, departs))


def _checked(portfolio: Portfolio, value: float, place: str, what: str) -> None:
    """The record's choices must give the value recorded for them (a changed scenario or
    option would not)."""
    if not math.isclose(portfolio.value, value, abs_tol=1e-9):
        raise StoreError(f"{place}: {what} give value {portfolio.value:.9f}, not the "
                         f"{value:.9f} recorded")


def _cycle(record: Mapping[str, Any], departs: bool) -> dict[str, Any]:
    """What the commissioning cycle added to the record, as DecisionExport fields (none of
    it for a record adopted before the cycle)."""
    out: dict[str, Any] = {"opted_out": dict(record.get("opted_out") or {}),
                           "not_answered": tuple(record.get("not_answered") or ())}
    if "you_said_we_did" in record:
        out["views"] = tuple(_said(v) for v in record["you_said_we_did"])
    if record.get("proposal"):
        out["proposal"] = _beside(record["proposal"])
    taken: Mapping[str, Any] = record.get("adopted") or {}
    if taken:
        out["adopted_source"] = taken.get("source", "recommended")
    if departs:
        choices = record["analysis"]["recommended"]["choices"]
        out["recommended"] = _beside({**taken["recommended"], "choices": choices})
        out["departures"] = tuple(Departure(d["service"], d["recommended"], d["adopted"],
                                            d["reason"]) for d in taken["departures"])
        out["breaks"] = tuple(taken.get("breaks") or ())
    return out


def _beside(found: Mapping[str, Any]) -> Beside:
    return Beside(dict(found["choices"]), float(found["value"]), float(found["total_cost"]),
                  tuple(found.get("breaks") or ()), dict(found.get("satisfaction") or {}))


def _said(view: Mapping[str, Any]) -> SaidAndDone:
    answers = tuple(Answer(a["state"], a.get("text") or "", a["by"],
                           datetime.fromisoformat(a["at"]))
                    for a in view.get("history") or ())
    return SaidAndDone(view["key"], view["group"], view["kind"], view["text"], answers)


def _views(group: dict) -> str:
    parts = [group.get("comment") or ""]
    if group.get("dissent"):
        parts.append(f"Dissent: {group['dissent']}")
    return " ".join(p for p in parts if p)


def _when(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)
