"""The record of an adopted decision, built from what the panels submitted.

Each group's latest weights (or the scenario's, for a group that has not submitted) go into
the scenario, and the whole analysis is run on that: the recommended and fair portfolios,
each group's satisfaction with both, and the price of every given, with its reason.
"""

from __future__ import annotations

from typing import Any

from workbench.analysis import analyse
from workbench.store.meetings import Event, MeetingStore

RECORD_FORMAT = "commissioning-decision/1"


def build_record(store: MeetingStore, meeting_id: str, *,
                 levels: int | None = None) -> dict[str, Any]:
    """The decision record of the meeting as it stands (one consistent read of its history);
    adopt it with ``store.adopt(meeting_id, facilitator_token, record, adopted_by)``."""
    info = store.meeting(meeting_id)
    scenario = store.scenario(meeting_id)
    history = store.audit(meeting_id)
    latest = _latest_weights(history)
    agreed = scenario.with_weights({g: e.weights for g, e in latest.items()
                                    if e.weights is not None})
    analysis = analyse(agreed, levels=levels)
    result = analysis.to_json()
    satisfaction = analysis.recommended.satisfaction
    fair = analysis.fair
    prices = result["price_of_givens"]
    return {
        "format": RECORD_FORMAT,
        "meeting_name": info.name,
        "scenario_name": scenario.name,
        "scenario_sha256": info.scenario_sha256,
        "as_of_version": max((e.version or 0) for e in history),
        "groups": {g.id: _group(g, latest.get(g.id), satisfaction.get(g.id),
                                _fair_satisfaction(analysis, g.id) if fair else None)
                   for g in agreed.stakeholders},
        "agreed_weights": analysis.recommended.weights,
        "givens": [{"id": gv.id, "kind": gv.kind, "category": gv.category,
                    "reason": gv.reason, "owner": gv.owner, "source": gv.source,
                    "price": prices.get(gv.id)} for gv in scenario.givens],
        "lifted_for_what_if": _lifted(history),
        "analysis": result,
    }


def _latest_weights(history: list[Event]) -> dict[str, Event]:
    latest: dict[str, Event] = {}
    for event in history:
        if event.kind == "weights_submitted":
            latest[event.actor] = event
    return latest


def _group(group, event: Event | None, satisfied: float | None,
           fair: float | None) -> dict[str, Any]:
    out = {"name": group.name, "influence": group.influence, "weights": dict(group.weights),
           "weights_from": "panel" if event else "scenario",
           "satisfaction": satisfied, "satisfaction_with_fair": fair}
    if event is not None:
        out.update(revision=event.detail.get("revision"), submitted_at=event.at.isoformat(),
                   version=event.version, comment=event.comment, dissent=event.dissent)
    return out


def _fair_satisfaction(analysis, group: str) -> float | None:
    ranges = analysis.recommended.groups.get(group)
    if ranges is None:
        return None
    return ranges.satisfaction(analysis.fair.portfolio.value_under(ranges.weights))


def _lifted(history: list[Event]) -> list[str]:
    """Givens the facilitator had lifted for a what-if when the record was built (the
    recommendation in the record keeps every given all the same)."""
    lifted: list[str] = []
    for event in history:
        given = str(event.detail.get("given"))
        if event.kind == "given_lifted" and given not in lifted:
            lifted.append(given)
        elif event.kind == "given_restored" and given in lifted:
            lifted.remove(given)
    return lifted
