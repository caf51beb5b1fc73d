"""The meeting store's one small interface: meetings, panels' weights, facilitator actions,
adopted decisions and the history of all of it.

Every call is one transaction: it is stored whole or not at all. A panel's token writes only
that panel's weights; only the facilitator's token records actions and adopts decisions; a
refused token is logged (by a hash prefix, never the token) and answered with AccessError.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from workbench.errors import (
    AccessError,
    InputError,
    RateLimited,
    StaleSubmission,
    StoreError,
)
from workbench.pb.stored import STORED_PREFIX as VOTE_PREFIX
from workbench.scenario import Scenario, parse_scenario
from workbench.store import signing, tokens
from workbench.store.ballots import VOTER, BallotRecords
from workbench.store.checks import (
    MAX_DETAIL,
    MAX_RECORD,
    check_text,
    check_weights,
    to_json,
)
from workbench.store.codesign import CodesignRecords
from workbench.store.cycle import CycleRecords
from workbench.store.engine import create_engine, describe, migrate, reading, store_url, writing
from workbench.store.guard import Refused as _Refused
from workbench.store.guard import guarded as _guarded
from workbench.store.guard import now as _now
from workbench.store.guard import utc as _utc
from workbench.store.links import (
    DEFAULT_BASE_URL,
    meeting_link,
    review_link,
    specification_link,
)
from workbench.store.needs import NeedRecords
from workbench.store.options import OptionRecords
from workbench.store.schema import (
    decision_signatures,
    decisions,
    events,
    meeting_access,
    meetings,
    panels,
    refusal_windows,
    submissions,
)
from workbench.store.tender import EVALUATOR, MODERATOR, TENDER_ROLES, TenderRecords
from workbench.tender.stored import STORED_PREFIX

FACILITATOR = "facilitator"
# The events a decision record reads (workbench.store.record.build_record): one of them
# after the record's ``as_of_version`` means the record is out of date.
RECORD_READS = ("weights_submitted", "opted_out", "opted_in", "answered", "given_lifted",
                "given_restored", "need_proposed", "need_merged", "option_proposed",
                "option_accepted")
READERS = (FACILITATOR, "panel", EVALUATOR, MODERATOR, VOTER)   # any valid token may read
ACTIONS = ("given_lifted", "given_restored", "run_pinned", "note")
GIVEN_ACTIONS = ("given_lifted", "given_restored")
# Refused attempts on one meeting and action within this window are one event in the
# history (the first) and a count beside it, however many arrive.
REFUSAL_WINDOW = timedelta(seconds=60)
# A panel may submit this many times a minute: enough for anyone changing their mind, not
# enough to flood the history (30 revisions of 8,000 characters in seconds were all kept).
SUBMISSIONS_PER_MINUTE = 6


@dataclass(frozen=True)
class NewMeeting:
    """A meeting just created, with the only copy of its tokens: hand out its links now."""

    id: str
    name: str
    scenario_sha256: str
    facilitator_token: str = field(repr=False)
    panel_tokens: dict[str, str] = field(repr=False)

    def links(self, base_url: str = DEFAULT_BASE_URL) -> dict[str, str]:
        """``facilitator``, ``review`` (the facilitator's review page), ``specification``
        (the facilitator's specification and contract-terms page) and each group id, to its
        link."""
        out = {FACILITATOR: meeting_link(self.id, self.facilitator_token, facilitator=True,
                                         base_url=base_url),
               "review": review_link(self.id, self.facilitator_token, base_url=base_url),
               "specification": specification_link(self.id, self.facilitator_token,
                                                   base_url=base_url)}
        for group, token in self.panel_tokens.items():
            out[group] = meeting_link(self.id, token, base_url=base_url)
        return out


@dataclass(frozen=True)
class MeetingInfo:
    id: str
    name: str
    scenario_sha256: str
    created_at: datetime
    version: int
    groups: dict[str, str]          # group id -> name, in the scenario's order
    expires_at: datetime | None = None   # its links stop working then
    closed_at: datetime | None = None    # closed: its links no longer work


@dataclass(frozen=True)
class Verification:
    """One adopted record checked against its SHA-256 and, when a key is set, its HMAC."""

    decision_id: int
    ok: bool
    problem: str = ""


@dataclass(frozen=True)
class Access:
    """Who a token let in: the facilitator, or one group's panel."""

    meeting_id: str
    role: str        # "facilitator" or "panel"; in a tender: "moderator" or "evaluator"
    group: str | None = None

    @property
    def actor(self) -> str:
        return self.group or FACILITATOR


@dataclass(frozen=True)
class Submission:
    group: str
    revision: int                    # 1, 2, ... for this group
    version: int                     # the meeting's event number
    at: datetime
    weights: dict[str, float]
    comment: str | None = None
    dissent: str | None = None


@dataclass(frozen=True)
class Event:
    """One line of a meeting's history."""

    meeting_id: str
    version: int | None              # None: an attempt on a meeting that does not exist
    at: datetime
    kind: str
    actor: str
    detail: dict[str, Any]
    weights: dict[str, float] | None = None
    comment: str | None = None
    dissent: str | None = None


@dataclass(frozen=True)
class Changes:
    """What happened after the version a screen last saw; ``version`` is the one to ask
    from next time."""

    version: int
    events: list[Event]


@dataclass(frozen=True)
class Decision:
    id: int
    meeting_id: str
    version: int
    adopted_at: datetime
    adopted_by: str
    supersedes: int | None
    record: dict[str, Any]
    record_sha256: str


class MeetingStore(CycleRecords, NeedRecords, OptionRecords, TenderRecords, BallotRecords,
                   CodesignRecords):
    """The meeting store at ``url`` (see workbench.store.engine.store_url), schema up to date."""

    def __init__(self, url: str | None = None, *, signing_key: bytes | None = None,
                 submissions_per_minute: int = SUBMISSIONS_PER_MINUTE):
        self.url = store_url(url)
        # 0: no limit (the load tests' scripted laptops, which submit as fast as they can)
        self.submissions_per_minute = submissions_per_minute
        # adopted records are signed (HMAC) when the server has a key (see store.signing)
        self.signing_key = signing_key if signing_key is not None else signing.signing_key()
        self.where = describe(self.url)
        self.engine = create_engine(self.url)
        self._scenarios: dict[str, Scenario] = {}
        try:
            migrate(self.engine)
        except sa.exc.SQLAlchemyError as exc:
            self.engine.dispose()
            cause = getattr(exc, "orig", None) or exc
            first = str(cause).strip().splitlines()[0] if str(cause).strip() else \
                type(cause).__name__
            raise StoreError(f"the meeting store {self.where} could not be opened: "
                             f"{first}") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> MeetingStore:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # -- meetings -------------------------------------------------------------------------
    @_guarded
    def create_meeting(self, scenario_text: str, *, name: str | None = None,
                       source: str = "<scenario>",
                       expires_at: datetime | None = None) -> NewMeeting:
        """A meeting on this scenario (checked first), with one token per group and one for
        the facilitator. The tokens are returned once and stored only as hashes; with
        ``expires_at`` (an aware time in the future) every link stops working then."""
        if expires_at is not None:
            if not isinstance(expires_at, datetime) or expires_at.tzinfo is None:
                raise InputError("expires_at: must be a time with its time zone")
            if expires_at <= _now():
                raise InputError(f"expires_at: must be in the future (got "
                                 f"{expires_at:%Y-%m-%d %H:%M}Z)")
        scenario = parse_scenario(scenario_text, source)
        name = check_text(name, "name") or scenario.name
        sha = hashlib.sha256(scenario_text.encode("utf-8")).hexdigest()
        meeting_id = tokens.new_meeting_id()
        facilitator = tokens.new_token()
        panel_tokens = {g.id: tokens.new_token() for g in scenario.stakeholders}
        now = _now()
        with writing(self.engine) as conn:
            conn.execute(meetings.insert().values(
                id=meeting_id, name=name, scenario_text=scenario_text, scenario_sha256=sha,
                facilitator_token_sha256=tokens.token_hash(facilitator), created_at=now,
                version=0))
            conn.execute(panels.insert(), [
                {"meeting_id": meeting_id, "group_id": g.id, "name": g.name,
                 "token_sha256": tokens.token_hash(panel_tokens[g.id])}
                for g in scenario.stakeholders])
            conn.execute(meeting_access.insert().values(meeting_id=meeting_id,
                                                        expires_at=expires_at))
            detail = {"name": name, "scenario_name": scenario.name, "scenario_sha256": sha,
                      "source": source, "groups": [g.id for g in scenario.stakeholders]}
            if expires_at is not None:
                detail["expires_at"] = _utc(expires_at).isoformat()
            self._append(conn, meeting_id, "meeting_created", FACILITATOR, detail, now)
        self._scenarios[meeting_id] = scenario
        return NewMeeting(meeting_id, name, sha, facilitator, panel_tokens)

    @_guarded
    def meetings(self) -> list[MeetingInfo]:
        """Every meeting, oldest first."""
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(meetings.c.id).order_by(
                meetings.c.created_at, meetings.c.id)).scalars().all()
            return [self._info(conn, m) for m in rows]

    @_guarded
    def meeting(self, meeting_id: str) -> MeetingInfo:
        with reading(self.engine) as conn:
            return self._info(conn, meeting_id)

    @_guarded
    def scenario(self, meeting_id: str) -> Scenario:
        """The meeting's scenario, exactly as it was when the meeting was created."""
        if meeting_id not in self._scenarios:
            with reading(self.engine) as conn:
                text = conn.execute(sa.select(meetings.c.scenario_text).where(
                    meetings.c.id == meeting_id)).scalar()
            if text is None:
                raise StoreError(f"no meeting {meeting_id!r} in the store {self.where}")
            self._scenarios[meeting_id] = parse_scenario(text, f"meeting {meeting_id}")
        return self._scenarios[meeting_id]

    @_guarded
    def scenario_text(self, meeting_id: str) -> str:
        with reading(self.engine) as conn:
            text = conn.execute(sa.select(meetings.c.scenario_text).where(
                meetings.c.id == meeting_id)).scalar()
        if text is None:
            raise StoreError(f"no meeting {meeting_id!r} in the store {self.where}")
        return text

    def _info(self, conn: Connection, meeting_id: str) -> MeetingInfo:
        row = conn.execute(sa.select(meetings).where(meetings.c.id == meeting_id)).first()
        if row is None:
            raise StoreError(f"no meeting {meeting_id!r} in the store {self.where}")
        groups = conn.execute(sa.select(panels.c.group_id, panels.c.name).where(
            panels.c.meeting_id == meeting_id).order_by(panels.c.id)).all()
        expires, closed = self._lifetime(conn, meeting_id)
        return MeetingInfo(row.id, row.name, row.scenario_sha256, _utc(row.created_at),
                           row.version, {g: n for g, n in groups}, expires, closed)

    @staticmethod
    def _lifetime(conn: Connection, meeting_id: str) -> tuple[datetime | None, datetime | None]:
        """When the meeting's links expire and when it was closed (None: not set)."""
        row = conn.execute(sa.select(meeting_access.c.expires_at, meeting_access.c.closed_at)
                           .where(meeting_access.c.meeting_id == meeting_id)).first()
        if row is None:
            return None, None
        return (_utc(row.expires_at) if row.expires_at else None,
                _utc(row.closed_at) if row.closed_at else None)

    # -- closing ----------------------------------------------------------------------------
    @_guarded
    def close_meeting(self, meeting_id: str, facilitator_token: str) -> Event:
        """The facilitator closes the meeting: from now on every link of it is refused (its
        history, decisions and audit stay readable to whoever runs the store)."""
        self._authorise(meeting_id, facilitator_token, "close_meeting", roles=(FACILITATOR,))
        return self.end_meeting(meeting_id, by=FACILITATOR)

    @_guarded
    def end_meeting(self, meeting_id: str, by: str = "store") -> Event:
        """Close the meeting without a token (``workbench meeting close``, for whoever runs
        the store). Closing a closed meeting changes nothing and says when it was closed."""
        now = _now()
        with writing(self.engine) as conn:
            self._info(conn, meeting_id)
            _, closed = self._lifetime(conn, meeting_id)
            if closed is not None:
                raise InputError(f"meeting {meeting_id} was already closed at "
                                 f"{closed:%Y-%m-%d %H:%M}Z")
            done = conn.execute(meeting_access.update().where(
                meeting_access.c.meeting_id == meeting_id).values(closed_at=now))
            if done.rowcount == 0:     # a meeting from before migration 0002
                conn.execute(meeting_access.insert().values(meeting_id=meeting_id,
                                                            closed_at=now))
            version, _ = self._append(conn, meeting_id, "meeting_closed", by, {}, now)
        return Event(meeting_id, version, now, "meeting_closed", by, {})

    # -- tokens ---------------------------------------------------------------------------
    @_guarded
    def access(self, meeting_id: str, token: str | None, *,
               after_close: bool = False) -> Access:
        """Who this token is in this meeting (any valid token may read the meeting). With
        ``after_close`` a closed meeting still answers: the review page and the public
        challenge page go on after the decision (an expired link never does)."""
        return self._authorise(meeting_id, token, "read", roles=READERS,
                               after_close=after_close)

    def _authorise(self, meeting_id: Any, token: Any, action: str,
                   roles: tuple[str, ...], conn: Connection | None = None, *,
                   after_close: bool = False) -> Access:
        try:
            if conn is None:
                with reading(self.engine) as own:
                    return self._check(own, meeting_id, token, action, roles, after_close)
            return self._check(conn, meeting_id, token, action, roles, after_close)
        except _Refused as refused:
            self._log_refusal(meeting_id, token, action, refused)
            raise AccessError(refused.reason) from None

    def _check(self, conn: Connection, meeting_id: Any, token: Any, action: str,
               roles: tuple[str, ...], after_close: bool = False) -> Access:
        if not isinstance(meeting_id, str) or \
                not tokens.MEETING_ID_PATTERN.fullmatch(meeting_id):
            raise _Refused(f"no meeting {str(meeting_id)[:64]!r}: check the link")
        if token is None or token == "":
            raise _Refused("no token: open the meeting from the link you were given")
        if not tokens.well_formed(token):
            raise _Refused("the token in the link is malformed: check that the whole link "
                           "was copied")
        facilitator = self._check_open(conn, meeting_id, after_close)
        access = None
        if tokens.matches(token, facilitator):
            access = Access(meeting_id, FACILITATOR)
        else:
            for group, stored in conn.execute(sa.select(panels.c.group_id,
                                                        panels.c.token_sha256).where(
                    panels.c.meeting_id == meeting_id)):
                if tokens.matches(token, stored):
                    access = Access(meeting_id, "panel", group)
        if access is None:
            raise _Refused(f"this token does not open meeting {meeting_id}")
        if self._is_tender(conn, meeting_id):      # its panels are evaluators
            access = Access(meeting_id, EVALUATOR if access.role == "panel" else MODERATOR,
                            access.group)
        elif access.role == "panel" and self._is_vote(conn, meeting_id):
            access = Access(meeting_id, VOTER, access.group)   # its panels are voter links
        if access.role not in roles:
            if access.role == VOTER:
                raise _Refused(f"a voter's link can only vote: it cannot "
                               f"{action.replace('_', ' ')}", access.actor)
            if roles == (VOTER,):
                raise _Refused("a ballot is cast from a voter's own link, not the "
                               "facilitator's", access.actor)
            if access.role in TENDER_ROLES:
                raise _Refused(f"the {access.role}'s link of a tender evaluation cannot "
                               f"{action.replace('_', ' ')}", access.actor)
            if all(r in TENDER_ROLES for r in roles):
                raise _Refused(f"meeting {meeting_id} is not a tender evaluation: this link "
                               f"cannot {action.replace('_', ' ')}", access.actor)
            if access.role == "panel":
                raise _Refused(f"a panel's link cannot {action.replace('_', ' ')}; only the "
                               "facilitator's can", access.actor)
            raise _Refused("weights are submitted from each panel's own link, not the "
                           "facilitator's", access.actor)
        return access

    @staticmethod
    def _is_tender(conn: Connection, meeting_id: str) -> bool:
        """A tender evaluation (its text is a stored tender file), not a scenario's meeting."""
        head = sa.func.substr(meetings.c.scenario_text, 1, len(STORED_PREFIX))
        return bool(conn.execute(sa.select(head == STORED_PREFIX).where(
            meetings.c.id == meeting_id)).scalar())

    @staticmethod
    def _is_vote(conn: Connection, meeting_id: str) -> bool:
        """A participatory-budgeting vote (its text is a stored vote): panels are voters."""
        head = sa.func.substr(meetings.c.scenario_text, 1, len(VOTE_PREFIX))
        return bool(conn.execute(sa.select(head == VOTE_PREFIX).where(
            meetings.c.id == meeting_id)).scalar())

    def _check_open(self, conn: Connection, meeting_id: Any, after_close: bool = False) -> str:
        """The meeting's facilitator token hash, once it is known to exist and be open (or,
        ``after_close``, closed but not expired)."""
        if not isinstance(meeting_id, str) or \
                not tokens.MEETING_ID_PATTERN.fullmatch(meeting_id):
            raise _Refused(f"no meeting {str(meeting_id)[:64]!r}: check the link")
        facilitator = conn.execute(sa.select(meetings.c.facilitator_token_sha256).where(
            meetings.c.id == meeting_id)).scalar()
        if facilitator is None:
            raise _Refused(f"no meeting {meeting_id!r}: check the link")
        expires, closed = self._lifetime(conn, meeting_id)
        if closed is not None and not after_close:
            raise _Refused(f"meeting {meeting_id} was closed at {closed:%Y-%m-%d %H:%M} UTC: "
                           "its links no longer work")
        if expires is not None and expires <= _now():
            raise _Refused(f"the links of meeting {meeting_id} expired at "
                           f"{expires:%Y-%m-%d %H:%M} UTC")
        return facilitator

    def _log_refusal(self, meeting_id: Any, token: Any, action: str,
                     refused: _Refused) -> None:
        """Keep the attempt (never the token): on the meeting's history when it exists. The
        first refusal of a meeting, action and reason in REFUSAL_WINDOW is an event; the others
        in that window are counted in ``refusal_windows`` (see ``refusals``), not appended."""
        key = str(meeting_id)[:64]
        fingerprint = tokens.fingerprint(token)
        detail = {"action": action, "reason": refused.reason, "token": fingerprint}
        now, reason = _now(), refused.reason[:200]
        with writing(self.engine) as conn:
            window = conn.execute(sa.select(refusal_windows.c.id).where(
                refusal_windows.c.meeting_id == key, refusal_windows.c.action == action[:40],
                refusal_windows.c.reason == reason,
                refusal_windows.c.opened_at > now - REFUSAL_WINDOW)
                .order_by(refusal_windows.c.opened_at.desc()).limit(1)).scalar()
            if window is not None:
                conn.execute(refusal_windows.update().where(refusal_windows.c.id == window)
                             .values(attempts=refusal_windows.c.attempts + 1, last_at=now,
                                     last_token=fingerprint))
                return
            conn.execute(refusal_windows.insert().values(
                meeting_id=key, action=action[:40], reason=reason, opened_at=now, last_at=now,
                attempts=1,
                last_token=fingerprint))
            detail["coalesced"] = (f"further refusals like this one in the next "
                                   f"{REFUSAL_WINDOW.seconds} s are counted, not listed")
            exists = isinstance(meeting_id, str) and conn.execute(
                sa.select(meetings.c.id).where(meetings.c.id == meeting_id)).first()
            if exists:
                self._append(conn, key, "refused", refused.actor, detail, now)
            else:
                conn.execute(events.insert().values(meeting_id=key, version=None, at=now,
                                                    kind="refused", actor=refused.actor,
                                                    detail=to_json(detail, "detail",
                                                                   MAX_DETAIL)))

    @_guarded
    def refusals(self, meeting_id: str) -> list[tuple[datetime, datetime, str, int]]:
        """Every window of refused attempts on ``meeting_id``: (first, last, action, count),
        oldest first; the first of each window is also an event in the history."""
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(refusal_windows).where(
                refusal_windows.c.meeting_id == str(meeting_id)[:64])
                .order_by(refusal_windows.c.opened_at, refusal_windows.c.id)).all()
        return [(_utc(r.opened_at), _utc(r.last_at), r.action, r.attempts) for r in rows]

    def _append(self, conn: Connection, meeting_id: str, kind: str, actor: str,
                detail: Mapping[str, Any], at: datetime | None = None) -> tuple[int, int]:
        """Take the meeting's next version and append one event: (version, event id)."""
        version = self._next_version(conn, meeting_id)
        return version, self._insert_event(conn, meeting_id, version, kind, actor, detail, at)

    def _next_version(self, conn: Connection, meeting_id: str) -> int:
        """The meeting's next version. The update locks the meeting's row until commit, so
        versions are taken, and committed, one after another."""
        version = conn.execute(meetings.update().where(meetings.c.id == meeting_id).values(
            version=meetings.c.version + 1).returning(meetings.c.version)).scalar()
        if version is None:
            raise StoreError(f"no meeting {meeting_id!r} in the store {self.where}")
        return version

    @staticmethod
    def _insert_event(conn: Connection, meeting_id: str, version: int, kind: str, actor: str,
                      detail: Mapping[str, Any], at: datetime | None = None) -> int:
        return conn.execute(events.insert().values(
            meeting_id=meeting_id, version=version, at=at or _now(), kind=kind, actor=actor,
            detail=to_json(dict(detail), "detail", MAX_DETAIL)).returning(events.c.id)).scalar()

    # -- panels ---------------------------------------------------------------------------
    @_guarded
    def submit_weights(self, meeting_id: str, token: str, weights: Mapping[str, float],
                       comment: str | None = None, dissent: str | None = None, *,
                       based_on: int | None = None) -> Submission:
        """Store a panel's weights (a new revision; earlier ones are kept) with its optional
        comment and dissent note. Returns once it is committed.

        ``based_on`` is the latest revision the submitting page has seen (0 for none): when
        the panel has a newer one, nothing is stored and ``StaleSubmission`` carries it, so
        two tabs on one link never silently overwrite each other."""
        access = self._authorise(meeting_id, token, "submit_weights", roles=("panel",))
        clean = check_weights(self.scenario(meeting_id), weights)
        comment = check_text(comment, "comment")
        dissent = check_text(dissent, "dissent")
        now = _now()
        with writing(self.engine) as conn:
            version = self._next_version(conn, meeting_id)   # the lock first, then read
            panel_id = conn.execute(sa.select(panels.c.id).where(
                panels.c.meeting_id == meeting_id, panels.c.group_id == access.group)).scalar()
            revision = conn.execute(sa.select(sa.func.coalesce(sa.func.max(
                submissions.c.revision), 0)).where(submissions.c.panel_id == panel_id)
            ).scalar() + 1
            self._check_submission_rate(conn, panel_id, now, self.submissions_per_minute)
            if based_on is not None and based_on != revision - 1:
                latest = self._latest_of(conn, panel_id)
                raise StaleSubmission(based_on, latest)
            event_id = self._insert_event(conn, meeting_id, version, "weights_submitted",
                                          access.actor, {"revision": revision}, now)
            conn.execute(submissions.insert().values(
                event_id=event_id, meeting_id=meeting_id, panel_id=panel_id, revision=revision,
                weights=to_json(clean, "weights", MAX_DETAIL), comment=comment,
                dissent=dissent))
        return Submission(access.group, revision, version, now, clean, comment, dissent)

    @staticmethod
    def _check_submission_rate(conn: Connection, panel_id: Any, now: datetime,
                               limit: int) -> None:
        """At most ``limit`` submissions of one panel in any minute (0: no limit)."""
        if limit <= 0:
            return
        since = now - timedelta(minutes=1)
        recent = conn.execute(sa.select(events.c.at).select_from(
            submissions.join(events, events.c.id == submissions.c.event_id)).where(
            submissions.c.panel_id == panel_id, events.c.at > since)
            .order_by(events.c.at)).scalars().all()
        if len(recent) >= limit:
            wait = max(1, int((_utc(recent[0]) - since).total_seconds()) + 1)
            raise RateLimited(f"this panel has submitted {len(recent)} times in the last "
                              f"minute: wait {wait} seconds and submit again (nothing typed "
                              "is lost)", wait)

    def _latest_of(self, conn: Connection, panel_id: Any) -> Submission | None:
        row = conn.execute(self._submission_query().where(
            submissions.c.panel_id == panel_id).order_by(submissions.c.revision.desc())
            .limit(1)).first()
        return self._submission(row) if row is not None else None

    @_guarded
    def latest_submissions(self, meeting_id: str) -> dict[str, Submission]:
        """Each group's newest submission (groups that have not submitted are absent)."""
        newest = sa.select(submissions.c.panel_id,
                           sa.func.max(submissions.c.revision).label("revision")).where(
            submissions.c.meeting_id == meeting_id).group_by(submissions.c.panel_id).subquery()
        query = self._submission_query().join(newest, sa.and_(
            newest.c.panel_id == submissions.c.panel_id,
            newest.c.revision == submissions.c.revision)).order_by(events.c.version)
        with reading(self.engine) as conn:
            return {s.group: s for s in map(self._submission, conn.execute(query))}

    @_guarded
    def submissions(self, meeting_id: str) -> list[Submission]:
        """Every submission of the meeting, in the order they were stored."""
        query = self._submission_query().where(submissions.c.meeting_id == meeting_id) \
            .order_by(events.c.version)
        with reading(self.engine) as conn:
            return [self._submission(row) for row in conn.execute(query)]

    @staticmethod
    def _submission_query() -> sa.Select:
        return sa.select(panels.c.group_id, submissions.c.revision, events.c.version,
                         events.c.at, submissions.c.weights, submissions.c.comment,
                         submissions.c.dissent).select_from(
            submissions.join(events, events.c.id == submissions.c.event_id)
            .join(panels, panels.c.id == submissions.c.panel_id))

    @staticmethod
    def _submission(row) -> Submission:
        return Submission(row.group_id, row.revision, row.version, _utc(row.at),
                          json.loads(row.weights), row.comment, row.dissent)

    # -- the facilitator ------------------------------------------------------------------
    @_guarded
    def record_action(self, meeting_id: str, token: str, kind: str,
                      detail: Mapping[str, Any] | None = None) -> Event:
        """A facilitator's action for the record: a given lifted or restored for a what-if
        (``detail`` names the ``given`` and may give a ``reason``), a run pinned, a note."""
        self._authorise(meeting_id, token, kind if kind in ACTIONS else "record_action",
                        roles=(FACILITATOR,))
        if kind not in ACTIONS:
            raise InputError(f"kind: must be one of {', '.join(ACTIONS)} (got {kind!r})")
        if detail is not None and not isinstance(detail, Mapping):
            raise InputError("detail: must be a mapping")
        detail = dict(detail or {})
        if kind in GIVEN_ACTIONS:
            givens = [g.id for g in self.scenario(meeting_id).givens]
            if detail.get("given") not in givens:
                raise InputError(f"detail.given: must be one of the scenario's givens "
                                 f"({', '.join(givens)}) (got {detail.get('given')!r})")
        for key in ("reason", "note"):
            if key in detail:
                check_text(detail[key], f"detail.{key}")
        to_json(detail, "detail", MAX_DETAIL)
        now = _now()
        with writing(self.engine) as conn:
            version, _ = self._append(conn, meeting_id, kind, FACILITATOR, detail, now)
        return Event(meeting_id, version, now, kind, FACILITATOR, detail)

    @_guarded
    def adopt(self, meeting_id: str, token: str, record: Mapping[str, Any],
              adopted_by: str) -> Decision:
        """Adopt a decision: stored whole, never editable, only superseded by a later one.
        ``record`` (see workbench.store.record.build_record) must be for this meeting's
        scenario; the store adds who adopted it, when, and which decision it supersedes."""
        self._authorise(meeting_id, token, "adopt_decision", roles=(FACILITATOR,))
        adopted_by = check_text(adopted_by, "adopted_by", required=True, limit=200)
        if not isinstance(record, Mapping):
            raise InputError("record: must be a mapping (see build_record)")
        info = self.meeting(meeting_id)
        if record.get("scenario_sha256") != info.scenario_sha256:
            raise InputError(f"record.scenario_sha256: must be this meeting's scenario "
                             f"({info.scenario_sha256}) (got {record.get('scenario_sha256')!r})")
        as_of = record.get("as_of_version")
        if as_of is not None and (isinstance(as_of, bool) or not isinstance(as_of, int)):
            raise InputError(f"record.as_of_version: must be a whole number (got {as_of!r})")
        to_json(dict(record), "record", MAX_RECORD)
        now = _now()
        with writing(self.engine) as conn:
            version = self._next_version(conn, meeting_id)
            if as_of is not None:       # a record without it (made by hand) is taken as is
                self._check_unchanged(conn, meeting_id, as_of, info.groups)
            previous = conn.execute(sa.select(sa.func.max(decisions.c.id)).where(
                decisions.c.meeting_id == meeting_id)).scalar()
            full = {**record, "meeting": meeting_id, "version": version,
                    "adopted_by": adopted_by, "adopted_at": now.isoformat(),
                    "supersedes": previous}
            text = to_json(full, "record", MAX_RECORD)
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            event_id = self._insert_event(conn, meeting_id, version, "decision_adopted",
                                          FACILITATOR, {"adopted_by": adopted_by,
                                                        "record_sha256": sha,
                                                        "supersedes": previous,
                                                        **_what_was_decided(record)}, now)
            decision_id = conn.execute(decisions.insert().values(
                event_id=event_id, meeting_id=meeting_id, supersedes=previous, record=text,
                record_sha256=sha).returning(decisions.c.id)).scalar()
            if self.signing_key is not None:
                conn.execute(decision_signatures.insert().values(
                    decision_id=decision_id, key_id=signing.key_id(self.signing_key),
                    hmac_sha256=signing.sign(self.signing_key, text)))
        return Decision(decision_id, meeting_id, version, now, adopted_by, previous,
                        json.loads(text), sha)

    def _check_unchanged(self, conn: Connection, meeting_id: str, as_of: int,
                         groups: Mapping[str, str]) -> None:
        """Refuse to adopt a record when something it reads arrived after it was built (a
        dissent note, an answer, an opt-out, a lifted given...), under the meeting's lock so
        nothing slips in between; a resident's need or support does not hold adoption up."""
        row = conn.execute(sa.select(events.c.kind, events.c.actor, events.c.detail).where(
            events.c.meeting_id == meeting_id, events.c.version > as_of,
            events.c.kind.in_(RECORD_READS), events.c.actor != "public",
            events.c.kind != "need_supported").order_by(events.c.version).limit(1)).first()
        if row is not None:
            detail = row.detail if isinstance(row.detail, Mapping) else \
                json.loads(row.detail or "{}")
            raise InputError("The meeting changed while the decision record was being made ("
                             f"{_change_words(row.kind, row.actor, detail, groups)}): adopt "
                             "again to include it.")

    @_guarded
    def decisions(self, meeting_id: str) -> list[Decision]:
        """Every adopted decision, oldest first (the last is in force); each is checked
        against its SHA-256."""
        query = sa.select(decisions, events.c.version, events.c.at).select_from(
            decisions.join(events, events.c.id == decisions.c.event_id)).where(
            decisions.c.meeting_id == meeting_id).order_by(events.c.version)
        out = []
        with reading(self.engine) as conn:
            for row in conn.execute(query):
                if hashlib.sha256(row.record.encode("utf-8")).hexdigest() != row.record_sha256:
                    raise StoreError(f"decision {row.id} of meeting {meeting_id} does not "
                                     "match its SHA-256: the store has been tampered with")
                record = json.loads(row.record)
                out.append(Decision(row.id, meeting_id, row.version, _utc(row.at),
                                    record["adopted_by"], row.supersedes, record,
                                    row.record_sha256))
        return out

    @_guarded
    def verify(self, meeting_id: str, key: bytes | None = None) -> list[Verification]:
        """Check every adopted record of the meeting: its text against its SHA-256 and, with
        ``key`` (default: the store's signing key), against its HMAC. Needs a key."""
        key = key if key is not None else self.signing_key
        if key is None:
            raise StoreError("no signing key: set WORKBENCH_SIGNING_KEY or "
                             "WORKBENCH_SIGNING_KEY_FILE (or give --key-file)")
        query = sa.select(decisions.c.id, decisions.c.record, decisions.c.record_sha256,
                          decision_signatures.c.key_id, decision_signatures.c.hmac_sha256
                          ).select_from(decisions.outerjoin(
                              decision_signatures,
                              decision_signatures.c.decision_id == decisions.c.id)).where(
            decisions.c.meeting_id == meeting_id).order_by(decisions.c.id)
        out = []
        with reading(self.engine) as conn:
            self._info(conn, meeting_id)
            for row in conn.execute(query):
                if hashlib.sha256(row.record.encode("utf-8")).hexdigest() != row.record_sha256:
                    problem = "its text does not match its SHA-256"
                elif row.hmac_sha256 is None:
                    problem = "it was never signed (adopted with no signing key)"
                elif row.key_id != signing.key_id(key):
                    problem = f"it was signed with another key ({row.key_id})"
                elif not signing.verifies(key, row.record, row.hmac_sha256):
                    problem = "its signature does not match: the record or its signature " \
                              "was changed"
                else:
                    problem = ""
                out.append(Verification(row.id, not problem, problem))
        return out

    # -- history --------------------------------------------------------------------------
    @_guarded
    def changes_since(self, meeting_id: str, token: str, version: int = 0, *,
                      after_close: bool = False) -> Changes:
        """What happened after ``version``: one primary-key look-up when nothing did, so a
        screen may poll it every second (``after_close``: see ``access``)."""
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise InputError(f"version: must be a whole number, 0 or more (got {version!r})")
        with reading(self.engine) as conn:
            try:
                self._check(conn, meeting_id, token, "read", READERS, after_close)
            except _Refused as refused:
                failed = refused
            else:
                failed = None
                now = conn.execute(sa.select(meetings.c.version).where(
                    meetings.c.id == meeting_id)).scalar()
                if now <= version:
                    return Changes(now, [])
                found = self._events(conn, meeting_id, version, now)
        if failed is not None:
            self._log_refusal(meeting_id, token, "read", failed)
            raise AccessError(failed.reason)
        return Changes(now, found)

    @_guarded
    def audit(self, meeting_id: str) -> list[Event]:
        """The meeting's whole history, in order (for whoever runs the store, no token)."""
        with reading(self.engine) as conn:
            self._info(conn, meeting_id)
            return self._events(conn, meeting_id, 0, None)

    def _events(self, conn: Connection, meeting_id: str, after: int,
                upto: int | None) -> list[Event]:
        # Bounded by the version read first: every version up to it is committed (each was
        # taken under the meeting row's lock, in order), so no poll can skip one.
        query = sa.select(events, submissions.c.weights, submissions.c.comment,
                          submissions.c.dissent).select_from(
            events.outerjoin(submissions, submissions.c.event_id == events.c.id)).where(
            events.c.meeting_id == meeting_id)
        if upto is None:
            query = query.where(sa.or_(events.c.version > after, events.c.version.is_(None)))
        else:
            query = query.where(events.c.version > after, events.c.version <= upto)
        query = query.order_by(events.c.version.is_(None), events.c.version, events.c.id)
        return [Event(row.meeting_id, row.version, _utc(row.at), row.kind, row.actor,
                      json.loads(row.detail),
                      json.loads(row.weights) if row.weights is not None else None,
                      row.comment, row.dissent)
                for row in conn.execute(query)]

    # -- links ------------------------------------------------------------------------------
    @_guarded
    def reissue(self, meeting_id: str, group: str | None = None) -> str:
        """A new token for a group's panel (or, with no group, the facilitator); the old one
        stops working at once. For whoever runs the store, when a link was lost or leaked."""
        token = tokens.new_token()
        with writing(self.engine) as conn:
            self._info(conn, meeting_id)
            if group is None:
                conn.execute(meetings.update().where(meetings.c.id == meeting_id).values(
                    facilitator_token_sha256=tokens.token_hash(token)))
            else:
                done = conn.execute(panels.update().where(
                    panels.c.meeting_id == meeting_id, panels.c.group_id == group).values(
                    token_sha256=tokens.token_hash(token)))
                if done.rowcount != 1:
                    raise InputError(f"group: {group!r} is not a group of meeting "
                                     f"{meeting_id}")
            self._append(conn, meeting_id, "link_reissued", "store",
                         {"for": group or FACILITATOR})
        return token


MAX_WHY_IN_HISTORY = 300     # characters of a departure's reason kept in the history


def _what_was_decided(record: Mapping[str, Any]) -> dict[str, Any]:
    """What the audit says of an adoption (small and bounded; the record has it all): the
    portfolio's source, each departure from the recommendation with its reason, and the
    dissent notes adopted "not answered". Empty for a record made by hand."""
    adopted = record.get("adopted")
    out: dict[str, Any] = {}
    if isinstance(adopted, Mapping):
        out["source"] = str(adopted.get("source") or "")[:40]
        departures = adopted.get("departures")
        out["departures"] = [
            {"service": str(d.get("service"))[:200],
             "recommended": str(d.get("recommended"))[:200],
             "adopted": str(d.get("adopted"))[:200],
             "reason": _cut(str(d.get("reason") or ""), MAX_WHY_IN_HISTORY)}
            for d in departures[:100] if isinstance(d, Mapping)] \
            if isinstance(departures, list) else []
    keys = record.get("not_answered")
    if isinstance(keys, list):
        out["not_answered"] = [str(k)[:60] for k in keys[:200]]
    return out


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _change_words(kind: str, actor: str, detail: Mapping[str, Any],
                  groups: Mapping[str, str]) -> str:
    """An event that makes a record out of date, in words for the facilitator."""
    who = groups.get(actor, "the facilitator" if actor == FACILITATOR else actor)
    given = str(detail.get("given") or "a given")
    return {
        "weights_submitted": f"new weights or views from {who}",
        "opted_out": f"{who} opted out", "opted_in": f"{who} opted back in",
        "answered": f"an answer by {detail.get('by') or who}",
        "given_lifted": f"given {given} lifted for a what-if",
        "given_restored": f"given {given} restored",
        "need_proposed": f"a need proposed by {who}", "need_merged": "two needs merged",
        "option_proposed": f"an option proposed by {who}",
        "option_accepted": "a proposed option accepted",
    }.get(kind, kind.replace("_", " "))


def open_store(url: str | None = None) -> MeetingStore:
    """The meeting store: ``url``, else $WORKBENCH_STORE_URL, else the file in data_folder()."""
    return MeetingStore(url)
