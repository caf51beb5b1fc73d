"""The commissioning cycle in the meeting store (commissioning-cycle.md, sections 1 to 4):
opting out, answers to every view, targets set together, results, challenges and reviews.

Each is an event in the meeting's one ordered history, appended and never edited, so
``workbench audit`` prints all of it. Two things live beside their event instead: imported
results (``result_rows``, one row per target and period) and the name and contact a
challenger gave (``contacts``), which no panel's screen reads and nothing
published shows. A view is named by its ``key``: ``comment:V`` or ``dissent:V`` (V the
version of the first submission that carried that text), ``challenge:V``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from workbench.errors import AccessError, InputError, RateLimited
from workbench.monitoring.answers import NEEDS_REASON, STATE_WORDS, STATES, Answer, state_of
from workbench.monitoring.challenges import GROUNDS, Challenge
from workbench.monitoring.outcome import OUTCOMES, Review
from workbench.monitoring.periods import parse_period
from workbench.monitoring.results import Result
from workbench.scenario import Scenario
from workbench.scenario.cycle import Target
from workbench.store.checks import MAX_DETAIL, check_text, to_json
from workbench.store.engine import reading, writing
from workbench.store.guard import Refused, guarded
from workbench.store.guard import now as now_utc
from workbench.store.parts import StoreParts
from workbench.store.schema import contacts, events, result_rows

if TYPE_CHECKING:

    pass

FACILITATOR = "facilitator"
PUBLIC = "public"
VIEW_KINDS = ("comment", "dissent")
POSITIONS = ("agree", "other")
# Challenges through the public link: at most this many a minute on one meeting, so a
# flood cannot bury the others (each refused one says how long to wait).
PUBLIC_CHALLENGES_PER_MINUTE = 20
MAX_NAME = 200


@dataclass(frozen=True)
class View:
    """A comment or dissent note a panel submitted, with every answer it has had."""

    key: str
    kind: str                      # "comment" or "dissent"
    group: str
    text: str
    version: int                   # the first submission that carried this text
    at: datetime
    answers: tuple[Answer, ...] = ()
    current: bool = True           # still its group's latest text of this kind

    @property
    def state(self) -> str:
        return state_of(self.answers)


@dataclass(frozen=True)
class StoredChallenge:
    """A challenge lodged in the meeting; ``challenger`` and ``contact`` are filled only for
    the facilitator's own reading (``private=True``), never for anything published."""

    key: str
    version: int
    service: str
    group: str | None
    lodged: date
    grounds: str
    text: str
    at: datetime
    via: str                       # "public", or the group whose panel lodged it
    answers: tuple[Answer, ...] = ()
    challenger: str = field(default="", repr=False)
    contact: str = field(default="", repr=False)

    @property
    def state(self) -> str:
        return state_of(self.answers)

    def as_challenge(self) -> Challenge:
        """For the review rules: counted as its group, else by the challenger's name."""
        return Challenge(self.service, self.challenger or self.key, self.group, self.lodged,
                         self.grounds, self.text)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TargetPosition:
    """A panel's word on a proposed target: it agrees, or proposes another value."""

    version: int
    group: str
    target: str
    position: str
    value: float | None
    text: str | None
    at: datetime


@dataclass(frozen=True)
class StoredReview:
    """A review of a service as the store holds it: opened (with its reasons' facts) and,
    when closed, its outcome."""

    version: int
    opened_by: str
    reasons: tuple[dict, ...]
    review: Review
    closed_version: int | None = None
    closed_by: str | None = None


def _stamp(value: Any) -> datetime:
    return datetime.fromisoformat(value)


def _answer(detail: Mapping[str, Any], at: datetime) -> Answer:
    return Answer(detail["state"], detail.get("text") or "", detail["by"], at)


class CycleRecords(StoreParts):
    """The cycle's methods of MeetingStore (``_authorise``, ``_append`` and ``audit`` are
    the store's own)."""

    # -- section 1: opting out ---------------------------------------------------------------
    @guarded
    def opt_out(self, meeting_id: str, token: str, reason: str | None = None,
                stage: str | None = None):
        """The panel's group opts out of the meeting (``stage`` None) or of one of the
        scenario's stages: its influence counts as 0 in the agreed weights (the meeting's
        always, a stage's while that stage runs) until it opts back in; every page lists it
        as opted out, with the reason and the stage."""
        access = self._authorise(meeting_id, token, "opt_out", roles=("panel",))
        reason = check_text(reason, "reason")
        reason = reason.replace("\u2060", "") if reason else reason   # split_why's marker
        stage = self._stage(meeting_id, stage)
        if (access.group, stage) in opt_outs_of(self.audit(meeting_id)):
            raise InputError(f"your group has already opted out of {_where(stage)}")
        detail: dict[str, Any] = {"reason": reason} if reason else {}
        if stage:
            detail["stage"] = stage
        return self._event(meeting_id, "opted_out", access.actor, detail)

    @guarded
    def opt_in(self, meeting_id: str, token: str, stage: str | None = None):
        """The panel's group opts back in to the meeting or to one stage: that opt-out ends
        (and only that one); its influence counts again."""
        access = self._authorise(meeting_id, token, "opt_in", roles=("panel",))
        stage = self._stage(meeting_id, stage)
        if (access.group, stage) not in opt_outs_of(self.audit(meeting_id)):
            raise InputError(f"your group has not opted out of {_where(stage)}")
        return self._event(meeting_id, "opted_in", access.actor,
                           {"stage": stage} if stage else {})

    @guarded
    def opted_out(self, meeting_id: str, today: date | None = None) -> dict[str, str]:
        """The groups counting as 0 now (``today``: the store's date in UTC): out of the
        meeting, or out of a stage running today; group id -> why (see opted_out_of)."""
        return opted_out_of(self.audit(meeting_id), self.scenario(meeting_id).engagement,
                            today)

    def _stage(self, meeting_id: str, stage: str | None) -> str | None:
        """``stage`` checked against the scenario's stages (None: the whole meeting)."""
        stage = check_text(stage, "stage", limit=MAX_NAME)
        if stage is None:
            return None
        engagement = self.scenario(meeting_id).engagement
        names = [s.stage for s in engagement.stages] if engagement else []
        if stage not in names:
            allowed = ", ".join(repr(n) for n in names)
            raise InputError(f"stage: must be one of this meeting's stages ({allowed}) "
                             f"(got {stage!r})" if names else
                             "stage: this meeting's terms name no stages, so a group can "
                             f"only opt out of the whole meeting (got {stage!r})")
        return stage

    # -- section 2: answers ------------------------------------------------------------------
    @guarded
    def answer(self, meeting_id: str, token: str, key: str, state: str, text: str | None,
               by: str):
        """The public body's answer to one view or challenge (facilitator's token; ``by``
        names who answers). Appended: a later answer supersedes, both stay."""
        self._authorise(meeting_id, token, "answer", roles=(FACILITATOR,), after_close=True)
        return self._answer(meeting_id, FACILITATOR, key, state, text, by)

    @guarded
    def withdraw(self, meeting_id: str, token: str, key: str, text: str | None = None):
        """The author withdraws its own view or challenge (its panel's token)."""
        access = self._authorise(meeting_id, token, "withdraw", roles=("panel",))
        author = self._author(meeting_id, key)
        if author != access.group:
            raise AccessError("only the group that wrote a view can withdraw it")
        return self._answer(meeting_id, access.actor, key, "withdrawn", text,
                            self.meeting(meeting_id).groups.get(access.group, access.group))

    def _answer(self, meeting_id: str, actor: str, key: str, state: str, text: str | None,
                by: str):
        if state not in STATES or state == "not_answered":
            allowed = ", ".join(s for s in STATES if s != "not_answered")
            raise InputError(f"state: must be one of {allowed} (got {state!r})")
        if state == "withdrawn" and actor == FACILITATOR:
            raise InputError("state: only its author can withdraw a view")
        text = check_text(text, "text")
        if state in NEEDS_REASON and not text:
            raise InputError(f"text: a {STATE_WORDS[state]} answer needs a text that says why")
        by = check_text(by, "by", required=True, limit=MAX_NAME) or ""
        self._author(meeting_id, key)
        return self._event(meeting_id, "answered", actor,
                           {"about": key, "state": state, "text": text or "", "by": by})

    def _author(self, meeting_id: str, key: str) -> str:
        """The group that wrote the view ``key`` ("" for a public challenge or need);
        InputError when there is no such view, challenge or need."""
        for view in self.views(meeting_id):
            if view.key == key:
                return view.group
        for challenge in self.challenges(meeting_id):
            if challenge.key == key:
                return challenge.group if challenge.via != PUBLIC else ""
        if str(key).startswith("need:"):          # the needs register (store/needs.py)
            from workbench.store.needs import needs_of

            for need in needs_of(self.audit(meeting_id)):
                if need.key == key:
                    return need.via if need.via != PUBLIC else ""
            raise InputError(f"about: no need {str(key)[:60]!r} in this meeting")
        if str(key).startswith("option:"):        # proposed options (store/options.py)
            from workbench.store.options import options_of

            for option in options_of(self.audit(meeting_id)):
                if option.key == key:
                    return option.proposed_by
            raise InputError(f"about: no proposed option {str(key)[:60]!r} in this meeting")
        raise InputError(f"about: no view or challenge {str(key)[:60]!r} in this meeting")

    @guarded
    def views(self, meeting_id: str) -> list[View]:
        """Every distinct comment and dissent note the panels submitted, with its answers, in
        the order they were first submitted."""
        return views_of(self.audit(meeting_id))

    # -- section 3: targets ------------------------------------------------------------------
    @guarded
    def propose_target(self, meeting_id: str, token: str, target: str, position: str,
                       value: float | None = None, text: str | None = None):
        """A panel agrees with a proposed target or proposes another value (with why)."""
        access = self._authorise(meeting_id, token, "target_position", roles=("panel",))
        self._target(meeting_id, target)
        if position not in POSITIONS:
            raise InputError(f"position: must be agree or other (got {position!r})")
        detail: dict[str, Any] = {"target": target, "position": position}
        if position == "other":
            detail["value"] = _finite(value, "value")
        text = check_text(text, "text")
        if text:
            detail["text"] = text
        return self._event(meeting_id, "target_position", access.actor, detail)

    @guarded
    def agree_target(self, meeting_id: str, token: str, target: str, *, value: float,
                     approaching: float | None, inadequate: float | None,
                     agreed_by: Sequence[str], by: str):
        """The facilitator records the agreed target and who agreed it; the ordering rules of
        the scenario format are checked as a file's would be."""
        self._authorise(meeting_id, token, "agree_target", roles=(FACILITATOR,), after_close=True)
        old = self._target(meeting_id, target)
        groups = self.meeting(meeting_id).groups
        unknown = [g for g in agreed_by if g not in groups]
        if unknown:
            raise InputError(f"agreed_by: unknown group {unknown[0]!r} (groups are "
                             f"{', '.join(groups)})")
        level = _finite(value, "target")
        near = None if approaching is None else _finite(approaching, "approaching")
        low = None if inadequate is None else _finite(inadequate, "inadequate")
        who = list(dict.fromkeys(agreed_by))
        out = self.opted_out(meeting_id)
        for group in who:
            if group in out:
                stage, _ = split_why(out[group])
                raise InputError(f"agreed_by: {groups[group]} has opted out of "
                                 f"{_where(stage)}, so it cannot be recorded as agreeing")
        values = {"target": level, "approaching": near, "inadequate": low}
        try:
            Target.model_validate({**old.model_dump(by_alias=True), **values,
                                   "agreed_by": who})
        except Exception as exc:   # pydantic's words, without its traceback
            raise InputError(f"target {target}: {_first_error(exc)}") from None
        _ordered(old.direction, level, near, low)
        detail = {"target": target, "values": values, "agreed_by": who,
                  "by": check_text(by, "by", required=True, limit=MAX_NAME)}
        return self._event(meeting_id, "target_agreed", FACILITATOR, detail)

    @guarded
    def add_target(self, meeting_id: str, token: str, values: Mapping[str, Any], *,
                   by: str, requirement: str | None = None):
        """The facilitator makes a new target for the meeting, such as a specification's
        performance indicator completed with its unit, direction, level and period (section
        5: ``kpi`` requirements become targets). It is checked as a file's target would be,
        and from then on it is a target like the scenario's own: panels take positions on
        it, it is agreed, results are imported for it and the review page monitors it."""
        self._authorise(meeting_id, token, "add_target", roles=(FACILITATOR,), after_close=True)
        scenario = self.targets_in_force(meeting_id)
        data = {"agreed_by": [], **dict(values)}
        try:
            made = Target.model_validate(data)
        except Exception as exc:   # pydantic's words, without its traceback
            raise InputError(f"target: {_first_error(exc)}") from None
        if made.id in {t.id for t in scenario.targets or ()}:
            raise InputError(f"target.id: the meeting already has a target {made.id!r}")
        if made.service not in {s.id for s in scenario.services}:
            raise InputError(f"target.service: unknown service {made.service[:60]!r}")
        _ordered(made.direction, made.target, made.approaching, made.inadequate)
        detail: dict[str, Any] = {"target": made.model_dump(by_alias=True, exclude_none=True),
                                  "by": check_text(by, "by", required=True, limit=MAX_NAME)}
        if requirement:
            detail["requirement"] = check_text(requirement, "requirement", limit=MAX_NAME)
        return self._event(meeting_id, "target_added", FACILITATOR, detail)

    def _target(self, meeting_id: str, target: str) -> Target:
        found = {t.id: t for t in self.targets_in_force(meeting_id).targets or ()}
        if target not in found:
            known = ", ".join(found) or "none: the scenario has no targets"
            raise InputError(f"target: unknown target {str(target)[:60]!r} (targets are "
                             f"{known})")
        return found[target]

    @guarded
    def target_positions(self, meeting_id: str) -> list[TargetPosition]:
        return positions_of(self.audit(meeting_id))

    @guarded
    def targets_in_force(self, meeting_id: str) -> Scenario:
        """The meeting's scenario with each target as last agreed in the meeting."""
        return with_agreed_targets(self.scenario(meeting_id), self.audit(meeting_id))

    # -- section 3: results ------------------------------------------------------------------
    @guarded
    def import_results(self, meeting_id: str, token: str, results: Sequence[Result],
                       name: str, sha256: str):
        """Results read and checked by ``monitoring.read_results`` (all or nothing there),
        stored whole in one transaction; a target and period imported again is replaced in
        force by the newer value, and the older stays in the history."""
        self._authorise(meeting_id, token, "import_results", roles=(FACILITATOR,), after_close=True)
        if not results:
            raise InputError(f"{name}: no results to import")
        known = {t.id for t in self.targets_in_force(meeting_id).targets or ()}
        stray = [r.target.id for r in results if r.target.id not in known]
        if stray:
            raise InputError(f"{name}: target {stray[0]!r} is not a target of this meeting")
        before = {(t, p) for t, p, _ in self._result_rows(meeting_id)}
        replaced = sum((r.target.id, r.period.text) in before for r in results)
        detail = {"name": check_text(name, "name", required=True, limit=MAX_NAME),
                  "sha256": sha256, "rows": len(results), "replaced": replaced}
        now = now_utc()
        with writing(self.engine) as conn:
            version, event_id = self._append(conn, meeting_id, "results_imported",
                                             FACILITATOR, detail, now)
            conn.execute(result_rows.insert(), [
                {"event_id": event_id, "meeting_id": meeting_id, "target": r.target.id,
                 "period": r.period.text, "value": float(r.value)} for r in results])
        return self._made(meeting_id, version, now, "results_imported", FACILITATOR, detail)

    def _result_rows(self, meeting_id: str) -> list[tuple[str, str, float]]:
        with reading(self.engine) as conn:
            return [(r.target, r.period, r.value) for r in conn.execute(
                sa.select(result_rows.c.target, result_rows.c.period, result_rows.c.value)
                .where(result_rows.c.meeting_id == meeting_id).order_by(result_rows.c.id))]

    @guarded
    def results(self, meeting_id: str, scenario: Scenario | None = None) -> list[Result]:
        """The results in force (the latest import of each target and period), rated against
        the targets in force (``scenario``: default the meeting's with its agreed targets)."""
        scenario = scenario or self.targets_in_force(meeting_id)
        targets = {t.id: t for t in scenario.targets or ()}
        latest: dict[tuple[str, str], float] = {}
        for target, period, value in self._result_rows(meeting_id):
            latest[(target, period)] = value
        out = []
        for (target, period), value in latest.items():
            found = targets.get(target)
            parsed = parse_period(period, found.period) if found else None
            if found is not None and parsed is not None:
                out.append(Result.of(found, parsed, value))
        return out

    # -- section 4: challenges ---------------------------------------------------------------
    @guarded
    def lodge_challenge(self, meeting_id: str, *, service: str, grounds: str, text: str,
                        challenger: str, contact: str, token: str | None = None,
                        lodged: date | None = None):
        """A challenge against a service. With a panel's token it is on behalf of its group;
        without one (the public link) it needs a name and a contact, which are kept apart
        and never published. Public challenges on a meeting are limited to
        PUBLIC_CHALLENGES_PER_MINUTE."""
        if token:
            access = self._authorise(meeting_id, token, "lodge_challenge", roles=("panel",),
                                     after_close=True)
            actor, group = access.actor, access.group
        else:
            self._public(meeting_id)
            actor, group = PUBLIC, None
        scenario = self.scenario(meeting_id)
        services = {s.id: s.name for s in scenario.services}
        if service not in services:
            raise InputError(f"service: unknown service {str(service)[:60]!r}")
        if grounds not in GROUNDS:
            raise InputError(f"grounds: must be one of {', '.join(GROUNDS)} (got {grounds!r})")
        text = check_text(text, "text", required=True) or ""
        challenger = check_text(challenger, "name", required=True, limit=MAX_NAME) or ""
        contact = check_text(contact, "contact", required=not token, limit=MAX_NAME) or ""
        now = now_utc()
        day = lodged or now.date()
        detail = {"service": service, "grounds": grounds, "text": text,
                  "lodged": day.isoformat(), "group": group}
        with writing(self.engine) as conn:
            if actor == PUBLIC:
                self._check_public_rate(conn, meeting_id, now)
            version, event_id = self._append(conn, meeting_id, "challenge_lodged", actor,
                                             detail, now)
            conn.execute(contacts.insert().values(event_id=event_id,
                                                            name=challenger, contact=contact))
        return self._made(meeting_id, version, now, "challenge_lodged", actor, detail)

    def _public(self, meeting_id: str) -> None:
        """A public link works while its meeting is open (no token: the meeting's id, long
        and random, is in the link)."""
        try:
            with reading(self.engine) as conn:
                self._check_open(conn, meeting_id, after_close=True)
        except Refused as refused:
            self._log_refusal(meeting_id, None, "lodge_challenge", refused)
            raise AccessError(refused.reason) from None

    @staticmethod
    def _check_public_rate(conn: Connection, meeting_id: str, now: datetime) -> None:
        since = now - timedelta(minutes=1)
        count = conn.execute(sa.select(sa.func.count()).select_from(events).where(
            events.c.meeting_id == meeting_id, events.c.kind == "challenge_lodged",
            events.c.actor == PUBLIC, events.c.at > since)).scalar() or 0
        if count >= PUBLIC_CHALLENGES_PER_MINUTE:
            raise RateLimited("many challenges have arrived through the public link in the "
                              "last minute: wait a minute and send it again (nothing typed is "
                              "lost)", 60)

    @guarded
    def challenges(self, meeting_id: str, private: bool = False) -> list[StoredChallenge]:
        """Every challenge with its answers, oldest first; names and contacts only with
        ``private`` (the facilitator's review page, the review rules)."""
        history = self.audit(meeting_id)
        answers = answers_of(history)
        private_of: dict[int, tuple[str, str]] = {}
        if private:
            with reading(self.engine) as conn:
                query = sa.select(events.c.version, contacts.c.name,
                                  contacts.c.contact).select_from(
                    contacts.join(events,
                                            events.c.id == contacts.c.event_id)
                ).where(events.c.meeting_id == meeting_id)
                private_of = {v: (n, c) for v, n, c in conn.execute(query)}
        out = []
        for e in history:
            if e.kind != "challenge_lodged":
                continue
            key = f"challenge:{e.version}"
            name, contact = private_of.get(e.version or 0, ("", ""))
            out.append(StoredChallenge(
                key, e.version or 0, e.detail["service"], e.detail.get("group"),
                date.fromisoformat(e.detail["lodged"]), e.detail["grounds"], e.detail["text"],
                e.at, e.actor, tuple(answers.get(key, ())), name, contact))
        return out

    # -- section 4: reviews ------------------------------------------------------------------
    @guarded
    def open_review(self, meeting_id: str, token: str, service: str,
                    reasons: Sequence[Mapping[str, Any]] = (), by: str = FACILITATOR):
        """Open a review of a service, with the reasons it is due (none: opened by hand)."""
        self._authorise(meeting_id, token, "open_review", roles=(FACILITATOR,), after_close=True)
        if service not in {s.id for s in self.scenario(meeting_id).services}:
            raise InputError(f"service: unknown service {str(service)[:60]!r}")
        if any(r.review.outcome is None for r in self.reviews(meeting_id)
               if r.review.service == service):
            raise InputError(f"a review of {service} is already open")
        groups = self.meeting(meeting_id).groups
        detail = {"service": service,
                  "reasons": [_without_names(r, groups) for r in reasons],
                  "by": check_text(by, "by", required=True, limit=MAX_NAME)}
        to_json(detail, "reasons", MAX_DETAIL)
        return self._event(meeting_id, "review_opened", FACILITATOR, detail)

    @guarded
    def close_review(self, meeting_id: str, token: str, service: str, outcome: str,
                     response: str, changes: str | None = None, by: str = FACILITATOR):
        """Close the open review of a service with its outcome and the response to publish;
        ``revise`` needs the changes (monitoring.outcome.Review says what is allowed)."""
        self._authorise(meeting_id, token, "close_review", roles=(FACILITATOR,), after_close=True)
        open_ = [r for r in self.reviews(meeting_id)
                 if r.review.service == service and r.review.outcome is None]
        if not open_:
            raise InputError(f"no open review of {service}: open one first")
        if outcome not in OUTCOMES:
            raise InputError(f"outcome: must be one of {', '.join(OUTCOMES)} (got {outcome!r})")
        response = check_text(response, "response", required=True) or ""
        changes = check_text(changes, "changes")
        open_[0].review.closed(outcome, response, now_utc(), changes)   # its rules, or InputError
        detail = {"service": service, "opened": open_[0].version, "outcome": outcome,
                  "response": response, "changes": changes if outcome == "revise" else None,
                  "by": check_text(by, "by", required=True, limit=MAX_NAME)}
        return self._event(meeting_id, "review_closed", FACILITATOR, detail)

    @guarded
    def reviews(self, meeting_id: str) -> list[StoredReview]:
        """Every review, oldest first, each with its outcome once closed."""
        return reviews_of(self.audit(meeting_id))

    # -- writing one event -------------------------------------------------------------------
    def _event(self, meeting_id: str, kind: str, actor: str, detail: dict[str, Any]):
        to_json(detail, "detail", MAX_DETAIL)
        now = now_utc()
        with writing(self.engine) as conn:
            version, _ = self._append(conn, meeting_id, kind, actor, detail, now)
        return self._made(meeting_id, version, now, kind, actor, detail)

    @staticmethod
    def _made(meeting_id: str, version: int, at: datetime, kind: str, actor: str,
              detail: dict[str, Any]):
        from workbench.store.meetings import Event

        return Event(meeting_id, version, at, kind, actor, json.loads(json.dumps(detail)))

    # -- section 4: the public challenge page ------------------------------------------------
    @guarded
    def public_access(self, meeting_id: str) -> None:
        """May the public challenge page of this meeting open? It needs no token, only a
        meeting that exists and whose links have not expired (closed, its decision stage is
        over but its challenges go on, as ``lodge_challenge`` takes them); otherwise
        AccessError says why, and the refusal is logged like a token's (``access``)."""
        try:
            with reading(self.engine) as conn:
                self._check_open(conn, meeting_id, after_close=True)
        except Refused as refused:
            self._log_refusal(meeting_id, None, "open_challenge_page", refused)
            raise AccessError(refused.reason) from None


def _without_names(reason: Mapping[str, Any], groups: Mapping[str, str]) -> dict[str, Any]:
    """A review's reason as the history keeps it: a ``challenges`` reason keeps its count
    and the ids of the groups among its challengers (a group's panel is not private), never
    a person's name, since every panel reads the history and the audit prints it."""
    kept = dict(reason)
    if "who" in kept:
        who = kept.pop("who")
        if kept.get("challengers") is None and isinstance(who, (list, tuple)):
            kept["challengers"] = len(who)
        named = [w for w in who if isinstance(w, str) and w in groups] \
            if isinstance(who, (list, tuple)) else []
        if named:
            kept["who"] = named
    return kept


def _finite(value: Any, place: str) -> float:
    import math

    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            not math.isfinite(value):
        raise InputError(f"{place}: must be a number (got {value!r})")
    return float(value)


def _first_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return str(exc).splitlines()[0]


def _ordered(direction: str, target: float, approaching: float | None,
             inadequate: float | None) -> None:
    """The order the scenario format asks of a target's thresholds (section 3)."""
    approach = target if approaching is None else approaching
    sign = 1 if direction == "higher" else -1
    word = "at most" if direction == "higher" else "at least"
    if sign * (approach - target) > 0:
        raise InputError(f"approaching: must be {word} the target ({target:g}) when "
                         f"{direction} is better (got {approach:g})")
    if inadequate is not None and sign * (inadequate - approach) > 0:
        raise InputError(f"inadequate: must be {word} the approaching level ({approach:g}) "
                         f"when {direction} is better (got {inadequate:g})")


def _where(stage: str | None) -> str:
    return f"the {stage} stage" if stage else "this meeting"


# -- reading the history: plain functions of the events, so the record can use them --------
def opt_outs_of(history: Sequence[Any]) -> dict[tuple[str, str | None], str]:
    """Every opt-out in force at the end of ``history``: (group id, stage or None for the
    whole meeting) -> reason ("" when none). Opting back in ends that one only."""
    out: dict[tuple[str, str | None], str] = {}
    for e in history:
        if e.kind not in ("opted_out", "opted_in"):
            continue
        key = (e.actor, e.detail.get("stage") or None)
        if e.kind == "opted_out":
            out[key] = e.detail.get("reason") or ""
        else:
            out.pop(key, None)
    return out


# A stage's "why" starts with an invisible word joiner, so no typed reason reads as one.
STAGE_MARK = "\u2060of the "
STAGE_SEP = " stage\u2060"


def stage_words(stage: str, reason: str) -> str:
    """Why a group out of a stage counts 0: "of the STAGE stage" then its reason (parsed
    back by split_why; a page that does not parse it still reads it right)."""
    return f"{STAGE_MARK}{stage}{STAGE_SEP}" + (f" — {reason}" if reason else "")


def split_why(why: str | None) -> tuple[str | None, str]:
    """(the stage or None for the whole meeting, the reason "" when none) from a value of
    opted_out_of, or of a record's ``opted_out``."""
    why = why or ""
    if why.startswith(STAGE_MARK) and STAGE_SEP in why:
        stage, _, rest = why[len(STAGE_MARK):].partition(STAGE_SEP)
        return stage, rest.removeprefix(" — ").strip()
    return None, why.strip()


def running_stages(engagement: Any, today: date | None = None) -> set[str]:
    """The names of the stages whose from..to (both days included) holds ``today`` (the
    store's date in UTC when None)."""
    day = today or now_utc().date()
    return {s.stage for s in (engagement.stages if engagement else ())
            if s.from_ <= day <= s.to}


def opted_out_of(history: Sequence[Any], engagement: Any = None,
                 today: date | None = None) -> dict[str, str]:
    """The ONE answer to "which groups count 0 now, and why": group id -> why. A group out
    of the meeting counts 0 everywhere (why: its reason, "" when none); a group out of a
    stage counts 0 only while that stage runs today (why: "of the STAGE stage — reason").
    The meeting's opt-out wins over a stage's; without ``engagement`` only the meeting's."""
    running = running_stages(engagement, today)
    held = opt_outs_of(history)
    out = {g: reason for (g, stage), reason in held.items() if stage is None}
    for (group, stage), reason in held.items():
        if stage is not None and stage in running and group not in out:
            out[group] = stage_words(stage, reason)
    return out


def answers_of(history: Sequence[Any]) -> dict[str, list[Answer]]:
    """View key -> its answers, oldest first."""
    out: dict[str, list[Answer]] = {}
    for e in history:
        if e.kind == "answered":
            out.setdefault(e.detail["about"], []).append(_answer(e.detail, e.at))
    return out


def views_of(history: Sequence[Any]) -> list[View]:
    """Each group's distinct comments and dissent notes: a text submitted again unchanged is
    the same view (its answers carry over); ``current`` marks each group's latest text."""
    answers = answers_of(history)
    first: dict[tuple[str, str, str], tuple[int, datetime]] = {}
    latest: dict[tuple[str, str], str] = {}
    for e in history:
        if e.kind != "weights_submitted":
            continue
        for kind in VIEW_KINDS:
            text = (e.comment if kind == "comment" else e.dissent) or ""
            latest[(e.actor, kind)] = text
            if text.strip() and (e.actor, kind, text) not in first:
                first[(e.actor, kind, text)] = (e.version or 0, e.at)
    out = []
    for (group, kind, text), (version, at) in first.items():
        key = f"{kind}:{version}"
        out.append(View(key, kind, group, text, version, at, tuple(answers.get(key, ())),
                        latest.get((group, kind)) == text))
    return sorted(out, key=lambda v: (v.version, VIEW_KINDS.index(v.kind)))


def positions_of(history: Sequence[Any]) -> list[TargetPosition]:
    """Every panel's word on a target, oldest first."""
    return [TargetPosition(e.version or 0, e.actor, e.detail["target"], e.detail["position"],
                           e.detail.get("value"), e.detail.get("text"), e.at)
            for e in history if e.kind == "target_position"]


def with_agreed_targets(scenario: Scenario, history: Sequence[Any]) -> Scenario:
    """``scenario`` with the targets added in the meeting (``target_added``) after its own,
    and each target replaced by its latest ``target_agreed`` values."""
    agreed: dict[str, dict[str, Any]] = {}
    targets = [t.model_dump(by_alias=True, exclude_none=True) for t in scenario.targets or ()]
    for e in history:
        if e.kind == "target_agreed":
            agreed[e.detail["target"]] = {**e.detail["values"],
                                          "agreed_by": e.detail["agreed_by"]}
        elif e.kind == "target_added" and e.detail["target"]["id"] not in \
                {t["id"] for t in targets}:
            targets.append(dict(e.detail["target"]))
    if not agreed and len(targets) == len(scenario.targets or ()):
        return scenario
    return scenario.replace(targets=[{**t, **agreed.get(t["id"], {})} for t in targets])


def reviews_of(history: Sequence[Any]) -> list[StoredReview]:
    out: list[StoredReview] = []
    for e in history:
        if e.kind == "review_opened":
            out.append(StoredReview(e.version or 0, e.detail.get("by", FACILITATOR),
                                    tuple(e.detail.get("reasons") or ()),
                                    Review(e.detail["service"], e.at)))
        elif e.kind == "review_closed":
            for i, stored in enumerate(out):
                if stored.version == e.detail.get("opened"):
                    closed = stored.review.closed(e.detail["outcome"], e.detail["response"],
                                                  e.at, e.detail.get("changes"))
                    out[i] = StoredReview(stored.version, stored.opened_by, stored.reasons,
                                          closed, e.version, e.detail.get("by"))
    return out


def in_force(store: Any, meeting_id: str) -> dict[str, str] | None:
    """The adopted option of each service in the decision in force (None: none adopted)."""
    adopted = store.decisions(meeting_id)
    if not adopted:
        return None
    record = adopted[-1].record
    chosen = (record.get("adopted") or {}).get("choices") or \
        record["analysis"]["recommended"]["choices"]
    return dict(chosen)


def review_meeting(store: Any, meeting_id: str, as_of: int | None = None):
    """The review of a meeting's services from what the store holds: its results (rated
    against the targets in force), its challenges with their answers, and the decision in
    force for the Procurement Act warning (monitoring.review does the rest)."""
    from workbench.monitoring.review import review

    scenario = store.targets_in_force(meeting_id)
    results = store.results(meeting_id, scenario)
    stored = store.challenges(meeting_id, private=True)
    if not results and as_of is None:
        raise InputError("no results have been imported yet, so there is no month to review "
                         "as of: import results first, or give the month")
    return review(scenario, results, [c.as_challenge() for c in stored], as_of,
                  in_force(store, meeting_id),
                  {i: c.answers for i, c in enumerate(stored)})
