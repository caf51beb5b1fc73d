"""The record of an adopted decision, built from what the panels submitted.

Each group's latest weights (or the scenario's, for a group that has not submitted) go into
the scenario, and the whole analysis is run on that: the recommended and fair portfolios,
each group's satisfaction with both, and the price of every given, with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.analysis import analyse
from workbench.analysis.compare import SOURCES, beside, departures
from workbench.errors import InputError
from workbench.monitoring.answers import STATE_WORDS
from workbench.store.cycle import View, opted_out_of, split_why, views_of
from workbench.store.meetings import Event, MeetingStore
from workbench.store.needs import needs_of, published
from workbench.store.options import options_of
from workbench.store.options import published as published_option

RECORD_FORMAT = "commissioning-decision/1"


@dataclass(frozen=True)
class Adoption:
    """What the adopter chose: the recommendation, or another portfolio (``source``; a
    what-if gives its ``choices``) with a reason for each service that departs from the
    recommendation; ``confirm_unanswered`` adopts with dissent notes still unanswered."""

    source: str = "recommended"
    choices: Mapping[str, str] | None = None
    reasons: Mapping[str, str] = field(default_factory=dict)
    confirm_unanswered: bool = False


def unanswered_dissent(views: list[View]) -> list[View]:
    """The current dissent notes that have no answer yet."""
    return [v for v in views if v.kind == "dissent" and v.current and
            v.state == "not_answered"]


def build_record(store: MeetingStore, meeting_id: str, *, levels: int | None = None,
                 adoption: Adoption | None = None) -> dict[str, Any]:
    """The decision record of the meeting as it stands (one consistent read of its history);
    adopt it with ``store.adopt(meeting_id, facilitator_token, record, adopted_by)``."""
    adoption = adoption or Adoption()
    if adoption.source not in SOURCES:
        raise InputError(f"source: must be one of {', '.join(SOURCES)} (got "
                         f"{adoption.source!r})")
    info = store.meeting(meeting_id)
    scenario = store.scenario(meeting_id)
    history = store.audit(meeting_id)
    latest = _latest_weights(history)
    out = opted_out_of(history, scenario.engagement)     # who counts 0 today, and why
    views = views_of(history)
    unanswered = unanswered_dissent(views)
    if unanswered and not adoption.confirm_unanswered:
        raise InputError(f"{len(unanswered)} dissent note{'s' if len(unanswered) > 1 else ''} "
                         f"({', '.join(_group_name(scenario, v.group) for v in unanswered)}) "
                         f"{'have' if len(unanswered) > 1 else 'has'} no answer yet: answer "
                         f"{'them' if len(unanswered) > 1 else 'it'}, or confirm adopting with "
                         f"{'them' if len(unanswered) > 1 else 'it'} "
                         "marked \"not answered\"")
    influence = {g: 0.0 for g in out}
    if scenario.stakeholders and all(g.id in out or g.influence <= 0
                                     for g in scenario.stakeholders):
        raise InputError("every group has opted out of this meeting: there are no agreed "
                         "weights to adopt a decision on")
    agreed = scenario.with_weights({g: e.weights for g, e in latest.items()
                                    if e.weights is not None}, influence)
    analysis = analyse(agreed, levels=levels)
    result = analysis.to_json()
    satisfaction = analysis.recommended.satisfaction
    fair = analysis.fair
    prices = result["price_of_givens"]
    adopted = _adopted(analysis, scenario, adoption)
    proposal = beside(analysis.recommended, scenario.proposal).to_json() \
        if scenario.proposal else None
    return {
        "format": RECORD_FORMAT,
        "meeting_name": info.name,
        "scenario_name": scenario.name,
        "scenario_sha256": info.scenario_sha256,
        "as_of_version": max((e.version or 0) for e in history),
        "groups": {g.id: {**_group(g, latest.get(g.id), satisfaction.get(g.id),
                                   _fair_satisfaction(analysis, g.id) if fair else None),
                          "opted_out": g.id in out,
                          "opted_out_reason": split_why(out[g.id])[1] if g.id in out else None,
                          "opted_out_stage": split_why(out.get(g.id))[0]}
                   for g in agreed.stakeholders},
        "agreed_weights": analysis.recommended.weights,
        "givens": [{"id": gv.id, "kind": gv.kind, "category": gv.category,
                    "reason": gv.reason, "owner": gv.owner, "source": gv.source,
                    "price": prices.get(gv.id)} for gv in scenario.givens],
        "lifted_for_what_if": _lifted(history),
        "analysis": result,
        "engagement": scenario.engagement.model_dump(mode="json", by_alias=True)
        if scenario.engagement else None,
        "opted_out": out,
        "you_said_we_did": [_view(v) for v in views if v.current],
        "not_answered": [v.key for v in unanswered],
        # the needs register (section 6) as it stood: no resident's name or contact
        "needs": [published(n) for n in needs_of(
            history, groups=[g.id for g in scenario.stakeholders])],
        # options proposed by the panels (section 6), each with its answer
        "proposed_options": [published_option(o) for o in options_of(history)],
        "proposal": proposal,
        "adopted": adopted,
    }


def _adopted(analysis, scenario, adoption: Adoption) -> dict[str, Any]:
    """The adopted portfolio beside the recommended one; each departing service needs its
    reason (InputError names those without)."""
    recommended = analysis.recommended
    if recommended.portfolio is None:
        raise InputError(f"there is no recommendation to adopt: {recommended.explanation}")
    if adoption.source == "recommended":
        choices = recommended.portfolio.choices
    elif adoption.source == "proposal":
        if not scenario.proposal:
            raise InputError("source: this scenario has no officers' proposal")
        choices = dict(scenario.proposal)
    elif adoption.source == "fair":
        if analysis.fair is None or analysis.fair.portfolio is None:
            raise InputError("source: there is no fair portfolio to adopt")
        choices = analysis.fair.portfolio.choices
    else:
        if not adoption.choices:
            raise InputError("choices: a what-if adoption needs its portfolio")
        choices = dict(adoption.choices)
    measured = beside(recommended, choices)
    departing = departures(recommended.portfolio.choices, measured.choices)
    names = {s.id: s for s in scenario.services}
    missing = [names[s].name for s in departing if not str(adoption.reasons.get(s) or "").strip()]
    if missing:
        raise InputError(f"reasons: say why each service departs from the recommendation "
                         f"(none given for {', '.join(missing)})")
    for service in departing:
        if len(str(adoption.reasons[service])) > 4000:
            raise InputError(f"reasons.{service}: at most 4000 characters")
    return {"source": adoption.source, **measured.to_json(),
            "departures": [{"service": s, "recommended": recommended.portfolio.choices[s],
                            "adopted": measured.choices[s],
                            "reason": str(adoption.reasons[s])} for s in departing],
            "recommended": {"value": recommended.portfolio.value,
                            "total_cost": recommended.portfolio.total_cost,
                            "satisfaction": recommended.satisfaction}}


def _view(view: View) -> dict[str, Any]:
    """One view as published: what the group said and what the council answered."""
    last = view.answers[-1] if view.answers else None
    return {"key": view.key, "group": view.group, "kind": view.kind, "text": view.text,
            "state": view.state, "state_words": STATE_WORDS[view.state],
            "answer": last.text if last else None, "answered_by": last.by if last else None,
            "answered_at": last.at.isoformat() if last else None,
            "history": [{"state": a.state, "text": a.text, "by": a.by,
                         "at": a.at.isoformat()} for a in view.answers]}


def _group_name(scenario, group: str) -> str:
    return next((g.name for g in scenario.stakeholders if g.id == group), group)


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
