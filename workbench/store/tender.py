"""A tender evaluation in the meeting store (commissioning-cycle.md, section 5).

No table of its own: a tender evaluation is a meeting whose text is the tender file (its
``scores`` and ``moderated`` left out) and whose panels are its evaluators, each with its
own token; the facilitator's token is the moderator's. The store tells the two kinds of
meeting apart by that text (``workbench.tender.stored.STORED_PREFIX``), so a tender's
tokens open only the tender's pages (roles ``evaluator`` and ``moderator``) and a
scenario's only the scenario's.

Everything else is an event of the meeting's one history: each evaluator's declaration of
interest (needed before any mark), marks (a later mark of the same bid and criterion is
the one in force, until that cell is moderated or the evaluation closes), the moderator's
marks with their reasons (once every evaluator has marked that cell), and the closing
(once no mark is missing). Each is checked under the meeting row's lock, so two pages
cannot slip a mark in after a moderation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from workbench.errors import InputError, RateLimited
from workbench.store import tokens
from workbench.store.checks import MAX_TEXT, check_text
from workbench.store.engine import reading, writing
from workbench.store.guard import guarded
from workbench.store.guard import now as now_utc
from workbench.store.links import DEFAULT_BASE_URL, tender_link
from workbench.store.parts import StoreParts
from workbench.store.schema import events, meeting_access, meetings, panels
from workbench.tender.evaluation import TenderResult, evaluate
from workbench.tender.stored import (
    CLOSED,
    DECLARED,
    MARKED,
    MODERATED,
    Evaluation,
    check_mark,
    evaluation_of,
    file_data,
    stored_tender,
    stored_text,
    tender_frame,
)

if TYPE_CHECKING:

    from workbench.store.meetings import Event

EVALUATOR, MODERATOR = "evaluator", "moderator"
TENDER_ROLES = (EVALUATOR, MODERATOR)
# An evaluator may give this many marks a minute: a whole tender's worth, not a flood.
MARKS_PER_MINUTE = 120


@dataclass(frozen=True)
class NewTender:
    """A tender evaluation just started, with the only copy of its tokens."""

    id: str
    name: str
    moderator_token: str = field(repr=False)
    evaluator_tokens: dict[str, str] = field(repr=False)
    evaluator_names: dict[str, str] = field(default_factory=dict)

    def links(self, base_url: str = DEFAULT_BASE_URL) -> dict[str, str]:
        """``moderator`` and each evaluator id, to its link."""
        out = {MODERATOR: tender_link(self.id, self.moderator_token, moderator=True,
                                      base_url=base_url)}
        for evaluator, token in self.evaluator_tokens.items():
            out[evaluator] = tender_link(self.id, token, base_url=base_url)
        return out


class TenderRecords(StoreParts):
    """The tender methods of MeetingStore (``_authorise``, ``_append``, ``_events`` and
    ``audit`` are the store's own)."""

    # -- starting ---------------------------------------------------------------------------
    @guarded
    def create_tender(self, text: str, source: str = "<tender>") -> NewTender:
        """A tender evaluation of the tender file ``text`` (checked; its ``scores`` and
        ``moderated`` are ignored), one token per evaluator and one for the moderator."""
        data = file_data(text, source)
        frame = tender_frame(data)
        kept = stored_text(data)
        sha = hashlib.sha256(kept.encode("utf-8")).hexdigest()
        meeting_id, moderator = tokens.new_meeting_id(), tokens.new_token()
        evaluator_tokens = {e.id: tokens.new_token() for e in frame.evaluators}
        now = now_utc()
        with writing(self.engine) as conn:
            conn.execute(meetings.insert().values(
                id=meeting_id, name=frame.name, scenario_text=kept, scenario_sha256=sha,
                facilitator_token_sha256=tokens.token_hash(moderator), created_at=now,
                version=0))
            conn.execute(panels.insert(), [
                {"meeting_id": meeting_id, "group_id": e.id, "name": e.name,
                 "token_sha256": tokens.token_hash(evaluator_tokens[e.id])}
                for e in frame.evaluators])
            conn.execute(meeting_access.insert().values(meeting_id=meeting_id))
            self._append(conn, meeting_id, "meeting_created", "facilitator",
                         {"name": frame.name, "tender": True, "source": source,
                          "tender_sha256": sha,
                          "evaluators": [e.id for e in frame.evaluators],
                          "ignored": "the file's scores and moderated marks, if any: the "
                                     "evaluators mark on their own pages"}, now)
        return NewTender(meeting_id, frame.name, moderator, evaluator_tokens,
                         {e.id: e.name for e in frame.evaluators})

    # -- reading ----------------------------------------------------------------------------
    @guarded
    def tender_evaluation(self, meeting_id: str, token: str | None = None) -> Evaluation:
        """Where the evaluation stands: with a token, that token's (an evaluator's or the
        moderator's, the evaluation closed or not); without, for whoever runs the store."""
        with reading(self.engine) as conn:
            if token is not None:
                self._authorise(meeting_id, token, "read", roles=TENDER_ROLES, conn=conn,
                                after_close=True)
            return self._evaluation(conn, meeting_id)

    @guarded
    def tender_result(self, meeting_id: str, token: str | None = None) -> TenderResult:
        """``evaluate`` of the stored tender; InputError lists the marks still missing."""
        return evaluate(stored_tender(self.tender_evaluation(meeting_id, token)))

    def _evaluation(self, conn: Connection, meeting_id: str) -> Evaluation:
        import json

        from workbench.tender.stored import is_stored_tender

        text = conn.execute(sa.select(meetings.c.scenario_text).where(
            meetings.c.id == meeting_id)).scalar()
        if text is None or not is_stored_tender(text):
            raise InputError(f"meeting {str(meeting_id)[:64]!r} is not a tender evaluation")
        return evaluation_of(json.loads(text), self._events(conn, meeting_id, 0, None))

    # -- writing ----------------------------------------------------------------------------
    def _locked(self, conn: Connection, meeting_id: str) -> tuple[int, Evaluation]:
        """The next version (the meeting row locked until commit), then the evaluation as
        it stands under that lock."""
        version = self._next_version(conn, meeting_id)
        evaluation = self._evaluation(conn, meeting_id)
        if evaluation.closed:
            raise InputError("the evaluation is closed: nothing more can be marked or "
                             "moderated")
        return version, evaluation

    def _write(self, conn: Connection, meeting_id: str, version: int, kind: str,
               actor: str, detail: dict[str, Any]) -> Event:
        from workbench.store.meetings import Event

        now = now_utc()
        self._insert_event(conn, meeting_id, version, kind, actor, detail, now)
        return Event(meeting_id, version, now, kind, actor, dict(detail))

    @guarded
    def declare_interest(self, meeting_id: str, token: str, interest: str | None) -> Event:
        """The evaluator's declaration, before any mark: None (or blank) is "none", else the
        interest in their own words. Declared once."""
        access = self._authorise(meeting_id, token, "declare_interest", roles=(EVALUATOR,))
        interest = check_text(interest, "interest", limit=MAX_TEXT)
        with writing(self.engine) as conn:
            version, evaluation = self._locked(conn, meeting_id)
            if access.actor in evaluation.declarations:
                raise InputError("you have already declared your interests for this tender")
            return self._write(conn, meeting_id, version, DECLARED, access.actor,
                               {"interest": interest.strip() if interest else None})

    @guarded
    def give_mark(self, meeting_id: str, token: str, bid: str, criterion: str,
                  mark: Any) -> Event:
        """The evaluator's mark of ``bid`` on ``criterion``, on the file's scale. Refused
        before the declaration of interest and once the cell is moderated."""
        access = self._authorise(meeting_id, token, "give_mark", roles=(EVALUATOR,))
        with writing(self.engine) as conn:
            version, evaluation = self._locked(conn, meeting_id)
            frame = evaluation.frame
            if access.actor not in evaluation.declarations:
                raise InputError("declare your interests (or that you have none) before you "
                                 "mark any bid")
            bid_name, criterion_name = _cell_names(evaluation, bid, criterion)
            value = check_mark(frame, mark)
            if (bid, criterion) in evaluation.moderated:
                raise InputError(f"{bid_name} on {criterion_name} has been moderated: its "
                                 "marks can no longer change")
            self._check_mark_rate(conn, meeting_id, access.actor)
            return self._write(conn, meeting_id, version, MARKED, access.actor,
                               {"bid": bid, "criterion": criterion, "mark": value})

    @guarded
    def moderate(self, meeting_id: str, token: str, bid: str, criterion: str, mark: Any,
                 reason: str) -> Event:
        """The moderator's mark of ``bid`` on ``criterion``, with its reason, once every
        evaluator has marked that cell; a later moderation of the cell supersedes."""
        access = self._authorise(meeting_id, token, "moderate", roles=(MODERATOR,))
        said = check_text(reason, "reason", limit=MAX_TEXT)
        with writing(self.engine) as conn:
            version, evaluation = self._locked(conn, meeting_id)
            bid_name, criterion_name = _cell_names(evaluation, bid, criterion)
            value = check_mark(evaluation.frame, mark)
            if said is None:
                raise InputError("reason: a moderated mark needs a reason: say why it was "
                                 "agreed")
            if not evaluation.cell_complete(bid, criterion):
                raise InputError(f"{bid_name} on {criterion_name} cannot be moderated until "
                                 "every evaluator has marked it")
            return self._write(conn, meeting_id, version, MODERATED, access.actor,
                               {"bid": bid, "criterion": criterion, "mark": value,
                                "reason": said.strip()})

    @guarded
    def close_tender(self, meeting_id: str, token: str) -> Event:
        """The moderator closes the evaluation once no mark is missing: the result is
        final and no mark or moderation can change after."""
        access = self._authorise(meeting_id, token, "close_tender", roles=(MODERATOR,))
        with writing(self.engine) as conn:
            version, evaluation = self._locked(conn, meeting_id)
            result = evaluate(stored_tender(evaluation))   # InputError lists what is missing
            return self._write(conn, meeting_id, version, CLOSED, access.actor,
                               {"winner": result.winner})

    @staticmethod
    def _check_mark_rate(conn: Connection, meeting_id: str, actor: str) -> None:
        since = now_utc() - timedelta(minutes=1)
        recent = conn.execute(sa.select(sa.func.count()).select_from(events).where(
            events.c.meeting_id == meeting_id, events.c.kind == MARKED,
            events.c.actor == actor, events.c.at > since)).scalar() or 0
        if recent >= MARKS_PER_MINUTE:
            raise RateLimited(f"{recent} marks in the last minute: wait a minute and mark "
                              "again", 60)


def _cell_names(evaluation: Evaluation, bid: Any, criterion: Any) -> tuple[str, str]:
    """The bidder's and the criterion's names, or InputError for an unknown one."""
    frame = evaluation.frame
    bids = {b.id: b.bidder for b in frame.bids}
    criteria = {c.id: c.name for c in frame.quality}
    if bid not in bids:
        raise InputError(f"bid: not a bid of this tender (got {str(bid)[:40]!r})")
    if criterion not in criteria:
        raise InputError(f"criterion: not a quality criterion of this tender (got "
                         f"{str(criterion)[:40]!r})")
    return bids[bid], criteria[criterion]
