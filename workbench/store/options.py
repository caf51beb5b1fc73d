"""Options proposed by the people affected (commissioning-cycle.md, section 6): a panel
proposes an option for a service (mode, provider idea, rough cost, expected scores,
rationale); the facilitator costs and scores it and accepts it into a new scenario
version, or declines it with the reason.

Every step is an event in the meeting's one history (``option_proposed``,
``option_accepted``) and every answer is section 2's ``answered`` event about
``option:V`` (V: the proposal's version), so ``workbench audit`` prints all of it. A
proposed option is never read into the scenario any optimiser sees: the meeting's scenario
does not change. Accepting one makes a new scenario *file*
(:mod:`workbench.scenario.versions`): version 1 is the meeting's scenario, and each
accepted option, in the order accepted, makes the next version.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.errors import InputError
from workbench.fields import MODES, mode_words
from workbench.monitoring.answers import Answer, state_of
from workbench.store.checks import check_text
from workbench.store.cycle import FACILITATOR, MAX_NAME, answers_of
from workbench.store.engine import writing
from workbench.store.guard import guarded
from workbench.store.guard import now as now_utc
from workbench.store.parts import StoreParts

if TYPE_CHECKING:

    from workbench.scenario import Scenario

OPTION_KINDS = ("option_proposed", "option_accepted")
MAX_PROVIDER = 200               # characters in a provider idea
MAX_MONEY = 1e12                 # no service costs more a year than this


@dataclass(frozen=True)
class Costing:
    """The officers' costing of an accepted option: what the new scenario says."""

    cost: tuple[float, ...]        # one number (every year) or one a year
    one_off: float
    scores: dict[str, float]
    by: str
    scenario_version: int          # the scenario version it was accepted into (2, 3, ...)
    option_id: str                 # its id in that scenario


@dataclass(frozen=True)
class ProposedOption:
    """One proposal as the pages show it: shown as proposed, never optimised."""

    key: str                       # option:V
    version: int
    service: str
    mode: str
    provider: str                  # the provider idea ("" when none)
    rough_cost: tuple[float, ...]  # () when none given
    scores: dict[str, float]       # expected scores, only the criteria given
    rationale: str
    proposed_by: str               # the group id
    at: datetime
    answers: tuple[Answer, ...] = ()
    accepted: Costing | None = None

    @property
    def state(self) -> str:
        return state_of(self.answers)


def _money(value: Any, place: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            not math.isfinite(value):
        raise InputError(f"{place}: must be a number (got {str(value)[:40]!r})")
    if value < 0 or value > MAX_MONEY:
        raise InputError(f"{place}: must be 0 to {MAX_MONEY:,.0f} (got {value:g})")
    return float(value)


def check_costs(value: Any, place: str, years: int, *, required: bool) -> tuple[float, ...]:
    """A cost: one number (every year) or one number a year (``years`` of them)."""
    if value is None or value == () or value == []:
        if required:
            raise InputError(f"{place}: must be given (one number, or one a year)")
        return ()
    found = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    if len(found) not in (1, years):
        raise InputError(f"{place}: must be one number or {years} (one a year); got "
                         f"{len(found)}")
    return tuple(_money(v, f"{place}[{i}]" if len(found) > 1 else place)
                 for i, v in enumerate(found))


def check_scores(scenario: Scenario, value: Any, place: str, *,
                 required: bool) -> dict[str, float]:
    """Scores per criterion, 0 to 100; ``required``: every criterion."""
    value = value or {}
    if not isinstance(value, Mapping):
        raise InputError(f"{place}: must be criterion -> score")
    ids = [c.id for c in scenario.criteria]
    out: dict[str, float] = {}
    for key, score in value.items():
        if key not in ids:
            raise InputError(f"{place}: no criterion {str(key)[:40]!r} (the criteria: "
                             f"{', '.join(ids)})")
        if score is None:
            continue
        if isinstance(score, bool) or not isinstance(score, (int, float)) or \
                not math.isfinite(score) or not 0 <= score <= 100:
            raise InputError(f"{place}.{key}: must be 0 to 100 (got {str(score)[:40]})")
        out[key] = float(score)
    if required:
        missing = [c.name for c in scenario.criteria if c.id not in out]
        if missing:
            raise InputError(f"{place}: a score is needed for {', '.join(missing)}")
    return {k: out[k] for k in ids if k in out}


def options_of(history: Sequence[Any]) -> list[ProposedOption]:
    """Every proposed option in ``history``, oldest first, with its answers and costing."""
    answers = answers_of(history)
    accepted: dict[str, Costing] = {}
    for e in history:
        if e.kind == "option_accepted":
            d = e.detail
            accepted[d["option"]] = Costing(tuple(d["cost"]), float(d["one_off"]),
                                            dict(d["scores"]), d.get("by") or "",
                                            int(d["scenario_version"]), d["option_id"])
    out = []
    for e in history:
        if e.kind != "option_proposed":
            continue
        d, key = e.detail, f"option:{e.version}"
        out.append(ProposedOption(
            key, e.version or 0, d["service"], d["mode"], d.get("provider") or "",
            tuple(d.get("rough_cost") or ()), dict(d.get("scores") or {}),
            d.get("rationale") or "", e.actor, e.at, tuple(answers.get(key, ())),
            accepted.get(key)))
    return out


def number(key: str) -> str:
    """option:12 -> 12, as the pages call a proposal."""
    return str(key).split(":", 1)[-1]


class OptionRecords(StoreParts):
    """The proposed options' methods of MeetingStore."""

    @guarded
    def propose_option(self, meeting_id: str, token: str, service: str, mode: str,
                       provider: str | None = None, rough_cost: Any = None,
                       scores: Mapping[str, Any] | None = None,
                       rationale: str | None = None):
        """A panel proposes an option for a service (its token: proposed by its group).
        Shown as proposed; nothing optimises it until the facilitator accepts it."""
        access = self._authorise(meeting_id, token, "propose_option", roles=("panel",),
                                 after_close=True)
        scenario = self.scenario(meeting_id)
        if service not in {s.id for s in scenario.services}:
            raise InputError(f"service: no service {str(service)[:40]!r} in this meeting")
        if mode not in MODES:
            raise InputError(f"mode: must be one of {', '.join(MODES)} (got "
                             f"{str(mode)[:40]!r})")
        detail: dict[str, Any] = {
            "service": service, "mode": mode,
            "provider": check_text(provider, "provider", limit=MAX_PROVIDER) or "",
            "rough_cost": list(check_costs(rough_cost, "rough_cost", len(scenario.years),
                                           required=False)),
            "scores": check_scores(scenario, scores, "scores", required=False),
            "rationale": check_text(rationale, "rationale", required=True) or ""}
        now = now_utc()
        with writing(self.engine) as conn:
            version = self._next_version(conn, meeting_id)
            self._insert_event(conn, meeting_id, version, "option_proposed", access.actor,
                               detail, now)
        return self._made(meeting_id, version, now, "option_proposed", access.actor, detail)

    @guarded
    def options(self, meeting_id: str) -> list[ProposedOption]:
        """Every proposed option, oldest first, with its answers and costing."""
        return options_of(self.audit(meeting_id))

    @guarded
    def accept_option(self, meeting_id: str, facilitator_token: str, key: str, cost: Any,
                      one_off: Any, scores: Mapping[str, Any], by: str):
        """The facilitator's costing (cost a year, one-off cost, a score per criterion, all
        required) accepts the option into the next scenario version, and answers it
        "accepted into version N" in the same step."""
        self._authorise(meeting_id, facilitator_token, "accept_option", roles=(FACILITATOR,),
                        after_close=True)
        scenario = self.scenario(meeting_id)
        costs = check_costs(cost, "cost", len(scenario.years), required=True)
        once = _money(one_off if one_off is not None else 0, "one_off")
        checked = check_scores(scenario, scores, "scores", required=True)
        by = check_text(by, "by", required=True, limit=MAX_NAME) or ""
        now = now_utc()
        with writing(self.engine) as conn:
            version = self._next_version(conn, meeting_id)        # the meeting row is locked
            found = {o.key: o for o in options_of(self._events(conn, meeting_id, 0, None))}
            option = found.get(key)
            if option is None:
                raise InputError(f"option: no proposed option {str(key)[:60]!r} in this "
                                 "meeting")
            if option.accepted is not None:
                raise InputError(f"option: proposal {number(key)} is already accepted into "
                                 f"version {option.accepted.scenario_version}")
            made = 2 + sum(o.accepted is not None for o in found.values())
            detail = {"option": key, "cost": list(costs), "one_off": once, "scores": checked,
                      "by": by, "scenario_version": made,
                      "option_id": f"proposed-{option.version}"}
            self._insert_event(conn, meeting_id, version, "option_accepted", FACILITATOR,
                               detail, now)
            answer = {"about": key, "state": "accepted", "by": by,
                      "text": f"Accepted into version {made} of the scenario, costed and "
                              "scored by the officers; it can be chosen once that version "
                              "is used."}
            answered = self._next_version(conn, meeting_id)
            self._insert_event(conn, meeting_id, answered, "answered", FACILITATOR, answer,
                               now)
        return self._made(meeting_id, version, now, "option_accepted", FACILITATOR, detail)

    @guarded
    def decline_option(self, meeting_id: str, facilitator_token: str, key: str, reason: str,
                       by: str):
        """Not accepted, with the reason (a "rejected" answer that says why)."""
        self._authorise(meeting_id, facilitator_token, "decline_option", roles=(FACILITATOR,),
                        after_close=True)
        reason = check_text(reason, "reason", required=True) or ""
        found = {o.key: o for o in self.options(meeting_id)}
        if key not in found:
            raise InputError(f"option: no proposed option {str(key)[:60]!r} in this meeting")
        accepted = found[key].accepted
        if accepted is not None:
            raise InputError(f"option: proposal {number(key)} is already accepted into "
                             f"version {accepted.scenario_version}")
        return self._answer(meeting_id, FACILITATOR, key, "rejected",
                            f"Not accepted into the scenario: {reason}", by)


def option_words(option: ProposedOption) -> str:
    """What the proposal is, in words: mode and provider idea."""
    idea = f", provider idea: {option.provider}" if option.provider else ""
    return f"{mode_words(option.mode)}{idea}"


def published(option: ProposedOption) -> dict[str, Any]:
    """One proposal as the published record shows it."""
    from workbench.monitoring.answers import STATE_WORDS

    last = option.answers[-1] if option.answers else None
    c = option.accepted
    return {"key": option.key, "service": option.service, "mode": option.mode,
            "provider": option.provider or None, "rough_cost": list(option.rough_cost),
            "expected_scores": option.scores, "rationale": option.rationale,
            "proposed_by": option.proposed_by, "state": option.state,
            "state_words": STATE_WORDS[option.state],
            "accepted_into_version": c.scenario_version if c else None,
            "costing": {"cost": list(c.cost), "one_off": c.one_off, "scores": c.scores,
                        "by": c.by} if c else None,
            "answer": last.text if last else None, "answered_by": last.by if last else None,
            "answered_at": last.at.isoformat() if last else None,
            "history": [{"state": a.state, "text": a.text, "by": a.by,
                         "at": a.at.isoformat()} for a in option.answers]}
