"""The needs register (commissioning-cycle.md, section 6): needs proposed by panels or by
residents through the meeting's public link, supported, merged and answered.

Every step is an event in the meeting's one history (``need_proposed``, ``need_supported``,
``need_merged``; answers are section 2's ``answered`` events about ``need:V``, given with
``store.answer``), so ``workbench audit`` prints all of it. A resident's name and contact,
when given, live beside their event in ``contacts``, like a challenger's: only
``needs(private=True)`` reads them, and nothing published does.

Who supports: a panel is one supporter (its group); a resident is the supporter id their
page made when it opened (kept in the page's state, so a reload or another browser is a
new supporter: the register counts supports, it does not identify people). Each supporter
supports a need once, and at most ``supports_per_person`` needs in a meeting (the
scenario's ``engagement``; default DEFAULT_SUPPORTS). A need merged into another keeps
its own supports, and they count toward the one it was merged into (a supporter of both
counts once).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from workbench.errors import AccessError, InputError, RateLimited
from workbench.monitoring.answers import Answer, state_of
from workbench.store.checks import check_text
from workbench.store.cycle import FACILITATOR, MAX_NAME, PUBLIC, answers_of
from workbench.store.engine import reading, writing
from workbench.store.guard import Refused, guarded
from workbench.store.guard import now as now_utc
from workbench.store.parts import StoreParts
from workbench.store.schema import contacts, events

if TYPE_CHECKING:

    from workbench.scenario import Scenario

NEED_KINDS = ("need_proposed", "need_supported", "need_merged")
RESIDENTS = "residents"          # how residents' supports are counted, beside the groups
A_RESIDENT = "a resident"        # who proposed a resident's need, as published
DEFAULT_SUPPORTS = 3             # needs each supporter may support, unless the scenario says
MAX_AFFECTED = 1000              # characters in "who is affected"
# Through the public link, at most this many a minute on one meeting, so a flood cannot
# bury the others (each refused one says how long to wait).
PUBLIC_NEEDS_PER_MINUTE = 20
PUBLIC_SUPPORTS_PER_MINUTE = 60
SUPPORTER_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


@dataclass(frozen=True)
class Need:
    """One need as the register shows it. ``supports``: (group id or "residents", count)
    pairs, the need's own supports plus those of the needs merged into it, each supporter
    once. ``proposer_name`` and ``contact`` are filled only with ``private=True``."""

    key: str
    version: int
    text: str
    affected: str
    evidence: str
    proposed_by: str               # the group id, or "a resident"
    via: str                       # "public", or the group whose panel proposed it
    at: datetime
    supports: tuple[tuple[str, int], ...] = ()
    merged_into: str | None = None
    merge_reason: str = ""
    merged_from: tuple[str, ...] = ()
    answers: tuple[Answer, ...] = ()
    proposer_name: str = field(default="", repr=False)
    contact: str = field(default="", repr=False)

    @property
    def state(self) -> str:
        return state_of(self.answers)

    @property
    def support_count(self) -> int:
        return sum(n for _, n in self.supports)


def supports_per_person(scenario: Scenario) -> int:
    """How many needs each supporter may support in this meeting."""
    terms = scenario.engagement
    found = getattr(terms, "supports_per_person", None) if terms is not None else None
    return int(found) if found else DEFAULT_SUPPORTS


def _supporter(e: Any) -> tuple[str, str]:
    """Who gave a support: (group id or "public", the group or the page's supporter id)."""
    return e.actor, str(e.detail.get("supporter") or e.actor)


def root_of(merges: Mapping[str, str], key: str) -> str:
    """The need ``key`` ends up in after every merge (itself when never merged)."""
    seen = {key}
    while key in merges and merges[key] not in seen:
        key = merges[key]
        seen.add(key)
    return key


def needs_of(history: Sequence[Any], private: Mapping[int, tuple[str, str]] | None = None,
             groups: Sequence[str] = ()) -> list[Need]:
    """Every need in ``history``, oldest first, with its supports, merge and answers
    (``private``: version -> (name, contact), for the facilitator's own reading;
    ``groups``: the order the supports are listed in, residents last)."""
    answers = answers_of(history)
    proposed: list[Any] = []
    merges: dict[str, str] = {}
    reasons: dict[str, str] = {}
    supporters: dict[str, list[tuple[str, str]]] = {}
    for e in history:
        if e.kind == "need_proposed":
            proposed.append(e)
        elif e.kind == "need_supported":
            found = supporters.setdefault(e.detail["need"], [])
            if _supporter(e) not in found:
                found.append(_supporter(e))
        elif e.kind == "need_merged":
            merges[e.detail["need"]] = e.detail["into"]
            reasons[e.detail["need"]] = e.detail.get("reason") or ""
    order = {g: i for i, g in enumerate(groups)}
    out = []
    for e in proposed:
        key = f"need:{e.version}"
        counted = [key] + [k for k in merges if k != key and root_of(merges, k) == key]
        who: list[tuple[str, str]] = []
        for k in counted:
            who += [s for s in supporters.get(k, ()) if s not in who]
        tally: dict[str, int] = {}
        for actor, _ in who:
            label = RESIDENTS if actor == PUBLIC else actor
            tally[label] = tally.get(label, 0) + 1
        name, contact = (private or {}).get(e.version or 0, ("", ""))
        by = e.actor if e.actor != PUBLIC else (name or A_RESIDENT) if private else A_RESIDENT
        out.append(Need(
            key, e.version or 0, e.detail["text"], e.detail.get("affected") or "",
            e.detail.get("evidence") or "", by, e.actor, e.at,
            tuple(sorted(tally.items(), key=lambda p: (p[0] == RESIDENTS,
                                                        order.get(p[0], len(order)), p[0]))),
            merges.get(key), reasons.get(key, ""),
            tuple(k for k in counted if k != key), tuple(answers.get(key, ())),
            name, contact))
    return out


class NeedRecords(StoreParts):
    """The needs register's methods of MeetingStore (``_authorise``, ``_append`` and the
    rest are the store's own)."""

    # -- proposing -------------------------------------------------------------------------
    @guarded
    def propose_need(self, meeting_id: str, token: str | None, text: str, affected: str,
                     evidence: str | None = None, name: str | None = None,
                     contact: str | None = None):
        """A need, proposed by a panel (its token: proposed by its group) or by a resident
        through the public link (no token: proposed by "a resident"; the name and contact,
        both optional, are kept apart and never published). Public needs on a meeting are
        limited to PUBLIC_NEEDS_PER_MINUTE."""
        actor = self._who(meeting_id, token, "propose_need")
        text = check_text(text, "text", required=True) or ""
        affected = check_text(affected, "affected", required=True, limit=MAX_AFFECTED) or ""
        evidence = check_text(evidence, "evidence") or ""
        name = check_text(name, "name", limit=MAX_NAME) or ""
        contact = check_text(contact, "contact", limit=MAX_NAME) or ""
        detail = {"text": text, "affected": affected, "evidence": evidence}
        now = now_utc()
        with writing(self.engine) as conn:
            if actor == PUBLIC:
                self._check_rate(conn, meeting_id, now, "need_proposed",
                                 PUBLIC_NEEDS_PER_MINUTE, "needs")
            version = self._next_version(conn, meeting_id)
            event_id = self._insert_event(conn, meeting_id, version, "need_proposed", actor,
                                          detail, now)
            if actor == PUBLIC and (name or contact):
                conn.execute(contacts.insert().values(event_id=event_id, name=name,
                                                      contact=contact))
        return self._made(meeting_id, version, now, "need_proposed", actor, detail)

    # -- supporting ------------------------------------------------------------------------
    @guarded
    def support_need(self, meeting_id: str, token: str | None, need_key: str,
                     supporter: str | None = None):
        """One support of a need: by a panel (its group supports it) or by a resident
        (``supporter``: the id their page made). Each supporter supports a need once and
        at most ``supports_per_person`` needs; a merged need is supported where it went."""
        actor = self._who(meeting_id, token, "support_need")
        if actor == PUBLIC:
            if not isinstance(supporter, str) or not SUPPORTER_ID.fullmatch(supporter):
                raise InputError("supporter: a resident's support needs the page's supporter "
                                 "id (8 to 64 letters, digits, - or _)")
            who = supporter
        else:
            who = actor
        limit = supports_per_person(self.scenario(meeting_id))
        detail = {"need": str(need_key)[:80], "supporter": who}
        now = now_utc()
        with writing(self.engine) as conn:
            if actor == PUBLIC:
                self._check_rate(conn, meeting_id, now, "need_supported",
                                 PUBLIC_SUPPORTS_PER_MINUTE, "supports")
            version = self._next_version(conn, meeting_id)     # the meeting's row is locked
            history = self._events(conn, meeting_id, 0, None)
            found = {n.key: n for n in needs_of(history)}
            need = found.get(need_key)
            if need is None:
                raise InputError(f"need: no need {str(need_key)[:60]!r} in this meeting")
            if need.merged_into:
                raise InputError(f"this need was merged into need {_number(need.merged_into)}"
                                 ": support that one instead")
            given = [e.detail["need"] for e in history if e.kind == "need_supported"
                     and _supporter(e) == (actor, who)]
            if need_key in given:
                raise InputError("you have already supported this need: each person or group "
                                 "supports a need once")
            if len(given) >= limit:
                raise InputError(f"you have already supported {limit} needs, the most each "
                                 "person or group may support in this meeting")
            self._insert_event(conn, meeting_id, version, "need_supported", actor, detail, now)
        return self._made(meeting_id, version, now, "need_supported", actor, detail)

    # -- merging ---------------------------------------------------------------------------
    @guarded
    def merge_need(self, meeting_id: str, facilitator_token: str, need_key: str,
                   into_key: str, reason: str):
        """The facilitator merges a need into another, with the reason: both stay in the
        register, the merged one pointing at the other, and its supports count there."""
        self._authorise(meeting_id, facilitator_token, "merge_need", roles=(FACILITATOR,),
                        after_close=True)
        reason = check_text(reason, "reason", required=True) or ""
        detail = {"need": str(need_key)[:80], "into": str(into_key)[:80], "reason": reason}
        now = now_utc()
        with writing(self.engine) as conn:
            version = self._next_version(conn, meeting_id)
            found = {n.key: n for n in needs_of(self._events(conn, meeting_id, 0, None))}
            for place, key in (("need", need_key), ("into", into_key)):
                if key not in found:
                    raise InputError(f"{place}: no need {str(key)[:60]!r} in this meeting")
            if need_key == into_key:
                raise InputError("into: a need cannot be merged into itself")
            if found[need_key].merged_into:
                raise InputError(f"need: need {_number(need_key)} is already merged into need "
                                 f"{_number(found[need_key].merged_into or '')}")
            if found[into_key].merged_into:
                raise InputError(f"into: need {_number(into_key)} is itself merged into need "
                                 f"{_number(found[into_key].merged_into or '')}: merge into "
                                 "that one")
            self._insert_event(conn, meeting_id, version, "need_merged", FACILITATOR, detail,
                               now)
        return self._made(meeting_id, version, now, "need_merged", FACILITATOR, detail)

    # -- reading ---------------------------------------------------------------------------
    @guarded
    def needs(self, meeting_id: str, private: bool = False) -> list[Need]:
        """The register, oldest first; residents' names and contacts only with ``private``
        (the facilitator's review page), never for anything published."""
        history = self.audit(meeting_id)
        found: dict[int, tuple[str, str]] | None = None
        if private:
            with reading(self.engine) as conn:
                query = sa.select(events.c.version, contacts.c.name, contacts.c.contact
                                  ).select_from(contacts.join(
                                      events, events.c.id == contacts.c.event_id)).where(
                    events.c.meeting_id == meeting_id, events.c.kind == "need_proposed")
                found = {v: (n, c) for v, n, c in conn.execute(query)}
        groups = [g.id for g in self.scenario(meeting_id).stakeholders]
        return needs_of(history, found, groups)

    # -- who is asking ---------------------------------------------------------------------
    def _who(self, meeting_id: str, token: str | None, action: str) -> str:
        """A panel's group (its token), or "public" for the public link (no token); a
        closed meeting goes on taking needs until its links expire."""
        if token:
            return self._authorise(meeting_id, token, action, roles=("panel",),
                                   after_close=True).actor
        try:
            with reading(self.engine) as conn:
                self._check_open(conn, meeting_id, after_close=True)
        except Refused as refused:
            self._log_refusal(meeting_id, None, action, refused)
            raise AccessError(refused.reason) from None
        return PUBLIC

    @staticmethod
    def _check_rate(conn: Connection, meeting_id: str, now: datetime, kind: str,
                    most: int, what: str) -> None:
        since = now - timedelta(minutes=1)
        count = conn.execute(sa.select(sa.func.count()).select_from(events).where(
            events.c.meeting_id == meeting_id, events.c.kind == kind,
            events.c.actor == PUBLIC, events.c.at > since)).scalar() or 0
        if count >= most:
            raise RateLimited(f"many {what} have arrived through the public link in the last "
                              "minute: wait a minute and send it again (nothing typed is "
                              "lost)", 60)


def _number(key: str) -> str:
    """need:12 -> 12, as the pages call a need (its number in the meeting's history)."""
    return key.split(":", 1)[-1]


def published(need: Need) -> dict[str, Any]:
    """One need as anything published shows it: never a resident's name or contact."""
    from workbench.monitoring.answers import STATE_WORDS

    last = need.answers[-1] if need.answers else None
    return {"key": need.key, "text": need.text, "affected": need.affected,
            "evidence": need.evidence,
            "proposed_by": need.via if need.via != PUBLIC else A_RESIDENT,
            "supports": dict(need.supports), "merged_into": need.merged_into,
            "merge_reason": need.merge_reason or None, "merged_from": list(need.merged_from),
            "state": need.state, "state_words": STATE_WORDS[need.state],
            "answer": last.text if last else None, "answered_by": last.by if last else None,
            "answered_at": last.at.isoformat() if last else None,
            "history": [{"state": a.state, "text": a.text, "by": a.by,
                         "at": a.at.isoformat()} for a in need.answers]}
