"""A participatory-budgeting vote in the meeting store (commissioning-cycle.md, section 6).

No table of its own, as a tender evaluation: a vote is a meeting whose text is the vote's
projects and budget (``workbench.pb.stored.STORED_PREFIX`` tells it apart) and whose panels
are its voter links ``voter-1`` .. ``voter-N``, each with its own token; the facilitator's
token closes the vote and reads the result. A voter link's token opens only the ballot page
(role ``voter``).

Ballots are ``ballot_cast`` events of the meeting's one history: a voter's later ballot
replaces their earlier one until ``vote_closed`` (each checked under the meeting row's
lock), so a voter link never has two ballots in force.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from workbench.errors import InputError, RateLimited
from workbench.pb.election import Election, number_text
from workbench.pb.stored import (
    CAST,
    CLOSED,
    MAX_DESCRIPTION,
    MAX_NAME,
    Vote,
    VoteProject,
    check_ballot,
    check_projects,
    is_stored_vote,
    stored_election,
    stored_text,
    vote_of,
)
from workbench.store import tokens
from workbench.store.checks import check_text
from workbench.store.engine import reading, writing
from workbench.store.guard import guarded
from workbench.store.guard import now as now_utc
from workbench.store.links import DEFAULT_BASE_URL, ballot_link, pb_link
from workbench.store.parts import StoreParts
from workbench.store.schema import events, meeting_access, meetings, panels

if TYPE_CHECKING:

    from workbench.store.meetings import Event

VOTER = "voter"
MAX_VOTERS = 20_000
# A voter may cast this many ballots a minute: room to change one's mind, not a flood.
BALLOTS_PER_MINUTE = 10


@dataclass(frozen=True)
class NewVote:
    """A vote just started, with the only copy of its tokens: print the links now."""

    id: str
    name: str
    facilitator_token: str = field(repr=False)
    voter_tokens: dict[str, str] = field(repr=False)
    projects: tuple[VoteProject, ...] = ()
    skipped: tuple[str, ...] = ()          # in words: what was left out, and why

    def links(self, base_url: str = DEFAULT_BASE_URL) -> dict[str, str]:
        """``facilitator`` (the result page) and each voter link's id, to its link."""
        out = {"facilitator": pb_link(self.id, self.facilitator_token, base_url=base_url)}
        for voter, token in self.voter_tokens.items():
            out[voter] = ballot_link(self.id, token, base_url=base_url)
        return out


def clean_line(text: str, limit: int) -> str:
    """One line of text (a project's name or description in the ``.pb`` file)."""
    return re.sub(r"\s+", " ", text).strip()[:limit]


class BallotRecords(StoreParts):
    """The vote methods of MeetingStore (``_authorise``, ``_append``, ``_events`` and
    ``needs`` are the store's own)."""

    # -- starting ---------------------------------------------------------------------------
    @guarded
    def create_vote(self, name: str, budget: Any, projects: list[VoteProject], voters: int,
                    *, source: str = "<vote>", currency: str = "",
                    skipped: tuple[str, ...] = (), ignored: str | None = None) -> NewVote:
        """A vote on ``projects`` for ``budget``, with ``voters`` voter links (each a token)
        and the facilitator's; every link is returned once, stored only as hashes."""
        amount = check_projects(budget, projects)
        if isinstance(voters, bool) or not isinstance(voters, int) or \
                not 1 <= voters <= MAX_VOTERS:
            raise InputError(f"voters: must be a whole number from 1 to {MAX_VOTERS:,} (got "
                             f"{voters!r})")
        name = check_text(name, "name", required=True, limit=MAX_NAME) or "the vote"
        kept = stored_text(name, amount, projects, currency)
        sha = hashlib.sha256(kept.encode("utf-8")).hexdigest()
        meeting_id, facilitator = tokens.new_meeting_id(), tokens.new_token()
        voter_tokens = {f"voter-{k}": tokens.new_token() for k in range(1, voters + 1)}
        now = now_utc()
        with writing(self.engine) as conn:
            conn.execute(meetings.insert().values(
                id=meeting_id, name=name, scenario_text=kept, scenario_sha256=sha,
                facilitator_token_sha256=tokens.token_hash(facilitator), created_at=now,
                version=0))
            conn.execute(panels.insert(), [
                {"meeting_id": meeting_id, "group_id": v, "name": f"Voter {k}",
                 "token_sha256": tokens.token_hash(t)}
                for k, (v, t) in enumerate(voter_tokens.items(), 1)])
            conn.execute(meeting_access.insert().values(meeting_id=meeting_id))
            detail: dict[str, Any] = {
                "name": name, "vote": True, "source": source, "vote_sha256": sha,
                "budget": number_text(amount), "projects": [p.id for p in projects],
                "voters": voters}
            if skipped:
                detail["skipped"] = list(skipped)[:50]
            if ignored:
                detail["ignored"] = ignored
            self._append(conn, meeting_id, "meeting_created", "facilitator", detail, now)
        return NewVote(meeting_id, name, facilitator, voter_tokens, tuple(projects),
                       tuple(skipped))

    @guarded
    def create_vote_from_election(self, election: Election, voters: int,
                                  source: str = "<election>") -> NewVote:
        """A vote on a ``.pb`` file's projects and budget; its VOTES are ignored (the
        voters vote on their own links) and every ballot is an approval ballot."""
        projects = [VoteProject(p.id, p.cost,
                                clean_line(p.column("name") or p.column("title") or p.id,
                                           MAX_NAME),
                                clean_line(p.column("description"), MAX_DESCRIPTION))
                    for p in election.projects]
        name = clean_line(election.meta_value("description") or " ".join(
            v for v in (election.meta_value("unit"), election.meta_value("instance")) if v)
            or source, MAX_NAME)
        return self.create_vote(name, election.budget, projects, voters, source=source,
                                currency=clean_line(election.meta_value("currency"), 10),
                                ignored="the file's VOTES (and its vote type): each voter "
                                        "approves projects on their own ballot page")

    @guarded
    def create_vote_from_needs(self, meeting_id: str, budget: Any, voters: int,
                               costs: Mapping[str, Fraction], name: str | None = None
                               ) -> NewVote:
        """A vote on the needs register of meeting ``meeting_id``: each need whose answer
        is accepted and which has a cost in ``costs`` (need number -> cost) is a project.
        Needs merged into another are counted in that one; the rest are left out and said."""
        from workbench.errors import ScenarioError

        try:
            register = self.needs(meeting_id)
        except ScenarioError:
            raise InputError(f"meeting {meeting_id} is not a scenario's meeting: only a "
                             "scenario's meeting has a needs register") from None
        numbers = {n.key.split(":", 1)[1]: n for n in register}
        for number in costs:
            if number not in numbers:
                raise InputError(f"costs: need {number} is not in the needs register of "
                                 f"meeting {meeting_id}")
        projects: list[VoteProject] = []
        skipped: list[str] = []
        for number, need in numbers.items():
            if need.merged_into:
                if number in costs:
                    skipped.append(f"need {number} has a cost but was merged into need "
                                   f"{need.merged_into.split(':', 1)[1]}: left out")
                continue
            if need.state != "accepted":
                if number in costs:
                    skipped.append(f"need {number} has a cost but its answer is not "
                                   f"accepted ({need.state.replace('_', ' ')}): left out")
                continue
            if number not in costs:
                skipped.append(f"need {number} is accepted but has no cost: left out")
                continue
            text = clean_line(need.text, MAX_NAME)
            about = clean_line(" ".join(x for x in (
                need.text if len(need.text) > MAX_NAME else "",
                f"Who is affected: {need.affected}." if need.affected else "") if x),
                MAX_DESCRIPTION)
            projects.append(VoteProject(number, costs[number], text, about))
        if not projects:
            raise InputError(f"meeting {meeting_id} has no accepted need with a cost: answer "
                             "needs as accepted on the review page and give each a cost")
        title = name or f"Participatory budget: {self.meeting(meeting_id).name}"
        return self.create_vote(title, budget, projects, voters,
                                source=f"the needs register of meeting {meeting_id}",
                                currency=self.scenario(meeting_id).currency,
                                skipped=tuple(skipped))

    # -- reading ----------------------------------------------------------------------------
    @guarded
    def is_vote(self, meeting_id: str) -> bool:
        """Whether the meeting is a participatory-budgeting vote (the gate asks, so a vote's
        facilitator link opens the PB page only, not a scenario meeting's pages)."""
        with reading(self.engine) as conn:
            text = conn.execute(sa.select(sa.func.substr(meetings.c.scenario_text, 1, 40))
                                .where(meetings.c.id == meeting_id)).scalar()
        return text is not None and is_stored_vote(text)

    @guarded
    def vote(self, meeting_id: str, token: str | None = None) -> Vote:
        """Where the vote stands (with a token: a voter's or the facilitator's, checked)."""
        with reading(self.engine) as conn:
            if token is not None:
                self._authorise(meeting_id, token, "read", roles=(VOTER, "facilitator"),
                                conn=conn, after_close=True)
            return self._vote(conn, meeting_id)

    @guarded
    def my_ballot(self, meeting_id: str, token: str) -> tuple[Vote, tuple[str, ...] | None]:
        """The vote and this voter link's ballot in force (None: not voted yet)."""
        with reading(self.engine) as conn:
            access = self._authorise(meeting_id, token, "read", roles=(VOTER,), conn=conn,
                                     after_close=True)
            vote = self._vote(conn, meeting_id)
        return vote, vote.ballots.get(access.actor)

    @guarded
    def vote_election(self, meeting_id: str, token: str | None = None) -> Election:
        """The ballots so far as an approval election (voters 1..n, never a token)."""
        if token is not None:
            self._authorise(meeting_id, token, "read_result", roles=("facilitator",),
                            after_close=True)
        return stored_election(self.vote(meeting_id))

    def _vote(self, conn: Connection, meeting_id: str) -> Vote:
        text = conn.execute(sa.select(meetings.c.scenario_text).where(
            meetings.c.id == meeting_id)).scalar()
        if text is None or not is_stored_vote(text):
            raise InputError(f"meeting {str(meeting_id)[:64]!r} is not a participatory-"
                             "budgeting vote")
        voters = conn.execute(sa.select(panels.c.group_id).where(
            panels.c.meeting_id == meeting_id).order_by(panels.c.id)).scalars().all()
        history = self._events(conn, meeting_id, 0, None)
        return vote_of(json.loads(text), voters, history)

    # -- writing ----------------------------------------------------------------------------
    @guarded
    def cast_ballot(self, meeting_id: str, token: str, projects: Any) -> Event:
        """The voter link's approval ballot: the projects it approves (any number: the
        rules keep within the budget). Replaces its earlier ballot until the vote closes."""
        from workbench.store.meetings import Event

        access = self._authorise(meeting_id, token, "cast_ballot", roles=(VOTER,))
        with writing(self.engine) as conn:
            version = self._next_version(conn, meeting_id)     # the lock, then read
            vote = self._vote(conn, meeting_id)
            if vote.closed:
                raise InputError("the vote is closed: ballots can no longer be cast or "
                                 "changed")
            chosen = check_ballot(vote, projects)
            self._check_ballot_rate(conn, meeting_id, access.actor)
            detail = {"projects": list(chosen), "replaces": access.actor in vote.ballots}
            now = now_utc()
            self._insert_event(conn, meeting_id, version, CAST, access.actor, detail, now)
        return Event(meeting_id, version, now, CAST, access.actor, detail)

    @guarded
    def close_vote(self, meeting_id: str, token: str) -> Event:
        """The facilitator closes the vote: the ballots in force are final."""
        from workbench.store.meetings import Event

        access = self._authorise(meeting_id, token, "close_vote", roles=("facilitator",))
        with writing(self.engine) as conn:
            version = self._next_version(conn, meeting_id)
            vote = self._vote(conn, meeting_id)
            if vote.closed:
                raise InputError("the vote is already closed")
            detail = {"voted": vote.voted, "voters": len(vote.voters)}
            now = now_utc()
            self._insert_event(conn, meeting_id, version, CLOSED, access.actor, detail, now)
        return Event(meeting_id, version, now, CLOSED, access.actor, detail)

    @staticmethod
    def _check_ballot_rate(conn: Connection, meeting_id: str, actor: str) -> None:
        since = now_utc() - timedelta(minutes=1)
        recent = conn.execute(sa.select(sa.func.count()).select_from(events).where(
            events.c.meeting_id == meeting_id, events.c.kind == CAST,
            events.c.actor == actor, events.c.at > since)).scalar() or 0
        if recent >= BALLOTS_PER_MINUTE:
            raise RateLimited(f"{recent} ballots from this link in the last minute: wait a "
                              "minute and send it again (your ticks are kept)", 60)
