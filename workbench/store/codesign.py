"""A service's specification and contract terms set with the people affected
(commissioning-cycle.md, section 5), in a scenario's meeting: the panels are the groups.

No table of its own: every step is an event in the meeting's one history, so ``workbench
audit`` prints all of it.

- ``requirement_proposed``: a requirement of a service (text and kind), by a panel (its
  group) or the facilitator (an officer, named). Its id is ``r`` and its version.
- ``priority_given``: a group's priority for a requirement; a later one supersedes.
- ``priority_answered``: the facilitator's answer (section 2's states) to a group whose
  priority differs from the agreed one. Its own kind rather than ``answered`` about a key
  such as ``priority:REQ:GROUP``: an answer here is to a group's *latest* priority (one
  given before the group changed its mind no longer answers it), the key carries the
  service, and the review page's list of answered views stays the views'.
- ``term_proposed``: a term of a service's term sheet by topic, by the facilitator. Its id
  is ``t`` and its version.
- ``term_position``: a group's support, opposition or amendment; a later one supersedes.
- ``term_agreed``: the agreed text of a term; a later one supersedes.
- ``term_answered``: the agreed term's answer to one group's position (to its latest).

Pure readers (``codesign_of``) rebuild the core's ``Specification`` and ``TermSheet``
(workbench.tender.specification and .terms), so the core computes the agreed priorities
and ``not_answered``; a group opted out counts 0 there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from workbench.errors import InputError, RateLimited
from workbench.monitoring.answers import NEEDS_REASON, STATE_WORDS, STATES, Answer, state_of
from workbench.store.checks import check_text
from workbench.store.cycle import FACILITATOR, MAX_NAME, opted_out_of
from workbench.store.engine import reading
from workbench.store.guard import guarded
from workbench.store.guard import now as now_utc
from workbench.store.parts import StoreParts
from workbench.store.schema import events
from workbench.tender.specification import (
    KINDS,
    PRIORITIES,
    Requirement,
    Specification,
    agreed_priorities,
    influence_of,
    kpi_target_stubs,
)
from workbench.tender.terms import (
    STANCES,
    TOPICS,
    AgreedTerm,
    Position,
    Term,
    TermAnswer,
    TermSheet,
)

if TYPE_CHECKING:
    from workbench.scenario import Scenario

# A panel may send this many requirements, priorities and positions a minute: plenty for a
# group working down a list, not enough to bury the history (each text is bounded too).
PANEL_ACTS_PER_MINUTE = 30
PANEL_KINDS = ("requirement_proposed", "priority_given", "term_position")
CODESIGN_KINDS = ("requirement_proposed", "priority_given", "priority_answered",
                  "term_proposed", "term_position", "term_agreed", "term_answered")
KIND_WORDS = {"outcome": "outcome", "standard": "service standard",
              "kpi": "performance indicator", "social_value": "social value"}
PRIORITY_WORDS = {"must": "Must have", "should": "Should have", "could": "Could have",
                  "wont": "Won't have"}
STANCE_WORDS = {"support": "supports", "oppose": "opposes", "amend": "asks to amend"}


@dataclass(frozen=True)
class Codesign:
    """One service's specification and term sheet as the meeting has them now.

    ``spec`` and ``sheet`` are the core's objects; ``agreed`` the core's agreed priority of
    each requirement; ``priority_answers[(requirement, group)]`` every answer to a group's
    latest priority, oldest first; ``term_answers[(term, group)]`` likewise for positions
    (the one in force is in ``sheet.agreed``); ``proposers`` who proposed each requirement,
    in words."""

    service: str
    spec: Specification
    sheet: TermSheet
    influence: Mapping[str, float]
    agreed: Mapping[str, str | None]
    priority_answers: Mapping[tuple[str, str], tuple[Answer, ...]] = field(
        default_factory=lambda: MappingProxyType({}))
    term_answers: Mapping[tuple[str, str], tuple[Answer, ...]] = field(
        default_factory=lambda: MappingProxyType({}))
    opted_out: tuple[str, ...] = ()

    def differs(self, requirement: str, group: str) -> bool:
        """The group gave a priority for ``requirement`` other than the agreed one."""
        given = self.spec.priorities.get(group, {}).get(requirement)
        return given is not None and given != self.agreed.get(requirement)

    def priority_state(self, requirement: str, group: str) -> str:
        """The answer in force to the group's priority (``not_answered`` until one)."""
        return state_of(self.priority_answers.get((requirement, group), ()))

    def to_answer(self) -> list[tuple[str, str]]:
        """(requirement, group) pairs whose priority differs and has no answer yet."""
        return [(r.id, g) for r in self.spec.requirements for g in self.spec.priorities
                if self.differs(r.id, g) and self.priority_state(r.id, g) == "not_answered"]

    def kpi_stubs(self) -> list[dict[str, Any]]:
        """The kpi requirements as section 3's target stubs (the core's)."""
        return kpi_target_stubs(self.spec, self.influence, self.service)

    @property
    def empty(self) -> bool:
        return not self.spec.requirements and not self.sheet.terms


def _answer(e: Any) -> Answer:
    d = e.detail
    return Answer(d["state"], d.get("text") or "", d.get("by") or "", e.at)


def codesign_of(history: Sequence[Any], scenario: Scenario, service: str) -> Codesign:
    """``service``'s specification and term sheet at the end of ``history`` (plain: the
    record and the exports use it too)."""
    requirements: list[Requirement] = []
    given: dict[str, dict[str, Any]] = {}
    given_at: dict[tuple[str, str], int] = {}
    p_answers: dict[tuple[str, str], list[tuple[int, Answer]]] = {}
    terms: list[Term] = []
    positions: dict[tuple[str, str], tuple[int, Position]] = {}
    agreed_text: dict[str, str] = {}
    t_answers: dict[tuple[str, str], list[tuple[int, Answer]]] = {}
    for e in history:
        d = e.detail
        if e.kind not in CODESIGN_KINDS or d.get("service") != service:
            continue
        version = e.version or 0
        if e.kind == "requirement_proposed":
            by = e.actor if e.actor != FACILITATOR else (d.get("by") or FACILITATOR)
            requirements.append(Requirement(f"r{version}", d["text"], d["kind"], by))
        elif e.kind == "priority_given":
            given.setdefault(e.actor, {})[d["requirement"]] = d["priority"]
            given_at[(d["requirement"], e.actor)] = version
        elif e.kind == "priority_answered":
            p_answers.setdefault((d["requirement"], d["group"]), []).append(
                (version, _answer(e)))
        elif e.kind == "term_proposed":
            terms.append(Term(f"t{version}", d["topic"], d["text"]))
        elif e.kind == "term_position":
            positions[(e.actor, d["term"])] = (version, Position(
                e.actor, d["term"], d["stance"], d.get("text") or None))
        elif e.kind == "term_agreed":
            agreed_text[d["term"]] = d["text"]
        elif e.kind == "term_answered":
            t_answers.setdefault((d["term"], d["group"]), []).append((version, _answer(e)))
    out_p = {key: tuple(a for v, a in found if v > given_at.get(key, 0))
             for key, found in p_answers.items()}
    out_t: dict[tuple[str, str], tuple[Answer, ...]] = {}
    for (term_id, group), found in t_answers.items():
        since = positions[(group, term_id)][0] if (group, term_id) in positions else 0
        out_t[(term_id, group)] = tuple(a for v, a in found if v > since)
    order = {r.id: i for i, r in enumerate(requirements)}
    groups = [s.id for s in scenario.stakeholders]
    spec = Specification(tuple(requirements), MappingProxyType({
        g: MappingProxyType(dict(sorted(given[g].items(), key=lambda p: order.get(p[0], 0))))
        for g in groups if g in given}), service)
    held = sorted(positions.values(), key=lambda p: p[0])
    agreed = []
    for term in terms:
        if term.id not in agreed_text:
            continue
        answers = {g: TermAnswer(found[-1].state, found[-1].text or None)
                   for (t, g), found in out_t.items() if t == term.id and found}
        agreed.append(AgreedTerm(term.id, agreed_text[term.id], MappingProxyType(answers)))
    sheet = TermSheet(tuple(terms), tuple(p for _, p in held), tuple(agreed))
    out_out = opted_out_of(history, scenario.engagement)   # who counts 0 today
    influence = influence_of(scenario, out_out)
    return Codesign(service, spec, sheet, MappingProxyType(influence),
                    MappingProxyType(agreed_priorities(spec, influence)),
                    MappingProxyType(out_p), MappingProxyType(out_t), tuple(out_out))


class CodesignRecords(StoreParts):
    """The specification's and term sheet's methods of MeetingStore."""

    # -- requirements ------------------------------------------------------------------------
    @guarded
    def propose_requirement(self, meeting_id: str, token: str, service: str, text: str,
                            kind: str, by: str | None = None):
        """A requirement of ``service``: from a panel (proposed by its group) or the
        facilitator (``by``: the officer who proposes it). Its id is ``r`` + the version."""
        access = self._authorise(meeting_id, token, "propose_requirement",
                                 roles=("panel", FACILITATOR), after_close=True)
        self._service(meeting_id, service)
        if kind not in KINDS:
            raise InputError(f"kind: must be one of {', '.join(KINDS)} (got {str(kind)[:40]!r})")
        detail = {"service": service, "text": check_text(text, "text", required=True),
                  "kind": kind}
        if access.role == FACILITATOR:
            detail["by"] = check_text(by, "by", required=True, limit=MAX_NAME)
        else:
            self._check_panel_rate(meeting_id, access.actor)
        return self._event(meeting_id, "requirement_proposed", access.actor, detail)

    @guarded
    def give_priority(self, meeting_id: str, token: str, service: str, requirement: str,
                      priority: str):
        """A panel's priority for one requirement (must, should, could or wont); a later
        one supersedes."""
        access = self._authorise(meeting_id, token, "give_priority", roles=("panel",))
        found = self.codesign(meeting_id, service)
        if requirement not in {r.id for r in found.spec.requirements}:
            raise InputError(f"requirement: no requirement {str(requirement)[:40]!r} for "
                             f"{service}")
        if priority not in PRIORITIES:
            raise InputError(f"priority: must be one of {', '.join(PRIORITIES)} "
                             f"(got {str(priority)[:40]!r})")
        self._check_panel_rate(meeting_id, access.actor)
        return self._event(meeting_id, "priority_given", access.actor,
                           {"service": service, "requirement": requirement,
                            "priority": priority})

    @guarded
    def answer_priority(self, meeting_id: str, token: str, service: str, requirement: str,
                        group: str, state: str, text: str | None, by: str):
        """The facilitator's answer to a group whose latest priority differs from the
        agreed one (section 2's states; rejected and partly accepted need a text)."""
        self._authorise(meeting_id, token, "answer_priority", roles=(FACILITATOR,),
                        after_close=True)
        found = self.codesign(meeting_id, service)
        if requirement not in {r.id for r in found.spec.requirements}:
            raise InputError(f"requirement: no requirement {str(requirement)[:40]!r} for "
                             f"{service}")
        if not found.differs(requirement, group):
            raise InputError(f"group: {str(group)[:40]} has no priority for this requirement "
                             "that differs from the agreed one")
        return self._event(meeting_id, "priority_answered", FACILITATOR, {
            "service": service, "requirement": requirement, "group": group,
            **_checked_answer(state, text, by)})

    # -- terms -------------------------------------------------------------------------------
    @guarded
    def propose_term(self, meeting_id: str, token: str, service: str, topic: str, text: str,
                     by: str):
        """A term of ``service``'s term sheet, on one of the core's topics, by the
        facilitator. Its id is ``t`` + the version."""
        self._authorise(meeting_id, token, "propose_term", roles=(FACILITATOR,),
                        after_close=True)
        self._service(meeting_id, service)
        if topic not in TOPICS:
            raise InputError(f"topic: must be one of {', '.join(TOPICS)} "
                             f"(got {str(topic)[:40]!r})")
        return self._event(meeting_id, "term_proposed", FACILITATOR, {
            "service": service, "topic": topic,
            "text": check_text(text, "text", required=True),
            "by": check_text(by, "by", required=True, limit=MAX_NAME)})

    @guarded
    def take_position(self, meeting_id: str, token: str, service: str, term: str,
                      stance: str, text: str | None = None):
        """A panel's position on a term: support, oppose, or amend (with the amendment's
        text); a later one supersedes."""
        access = self._authorise(meeting_id, token, "take_position", roles=("panel",))
        self._term(meeting_id, service, term)
        if stance not in STANCES:
            raise InputError(f"stance: must be one of {', '.join(STANCES)} "
                             f"(got {str(stance)[:40]!r})")
        text = check_text(text, "text")
        if stance == "amend" and not text:
            raise InputError("text: an amendment needs the wording the group asks for")
        detail = {"service": service, "term": term, "stance": stance}
        if text:
            detail["text"] = text
        self._check_panel_rate(meeting_id, access.actor)
        return self._event(meeting_id, "term_position", access.actor, detail)

    @guarded
    def agree_term(self, meeting_id: str, token: str, service: str, term: str, text: str,
                   by: str):
        """The facilitator records the term's agreed text; a later one supersedes."""
        self._authorise(meeting_id, token, "agree_term", roles=(FACILITATOR,),
                        after_close=True)
        self._term(meeting_id, service, term)
        return self._event(meeting_id, "term_agreed", FACILITATOR, {
            "service": service, "term": term,
            "text": check_text(text, "text", required=True),
            "by": check_text(by, "by", required=True, limit=MAX_NAME)})

    @guarded
    def answer_position(self, meeting_id: str, token: str, service: str, term: str,
                        group: str, state: str, text: str | None, by: str):
        """The agreed term's answer to one group's latest position on it."""
        self._authorise(meeting_id, token, "answer_position", roles=(FACILITATOR,),
                        after_close=True)
        found = self.codesign(meeting_id, service)
        if term not in {a.term for a in found.sheet.agreed}:
            raise InputError("term: agree the term's text before answering its positions")
        if not any(p.term == term and p.group == group for p in found.sheet.positions):
            raise InputError(f"group: {str(group)[:40]} has no position on this term")
        return self._event(meeting_id, "term_answered", FACILITATOR, {
            "service": service, "term": term, "group": group,
            **_checked_answer(state, text, by)})

    # -- reading -----------------------------------------------------------------------------
    @guarded
    def codesign(self, meeting_id: str, service: str) -> Codesign:
        """``service``'s specification and term sheet now."""
        scenario = self._service(meeting_id, service)
        return codesign_of(self.audit(meeting_id), scenario, service)

    @guarded
    def codesign_services(self, meeting_id: str) -> list[str]:
        """The services with a requirement or a term, in the scenario's order."""
        return _used(self.audit(meeting_id), self.scenario(meeting_id))

    @guarded
    def codesigns(self, meeting_id: str) -> dict[str, Codesign]:
        """Every service with a requirement or a term -> its Codesign (one read)."""
        history, scenario = self.audit(meeting_id), self.scenario(meeting_id)
        return {s: codesign_of(history, scenario, s) for s in _used(history, scenario)}

    def _check_panel_rate(self, meeting_id: str, actor: str) -> None:
        since = now_utc() - timedelta(minutes=1)
        with reading(self.engine) as conn:
            recent = conn.execute(sa.select(sa.func.count()).select_from(events).where(
                events.c.meeting_id == meeting_id, events.c.kind.in_(PANEL_KINDS),
                events.c.actor == actor, events.c.at > since)).scalar() or 0
        if recent >= PANEL_ACTS_PER_MINUTE:
            raise RateLimited(f"{recent} requirements, priorities and positions from your "
                              "group in the last minute: wait a minute and send it again "
                              "(nothing typed is lost)", 60)

    def _service(self, meeting_id: str, service: str) -> Scenario:
        scenario = self.scenario(meeting_id)
        known = [s.id for s in scenario.services]
        if service not in known:
            raise InputError(f"service: unknown service {str(service)[:40]!r} (services are "
                             f"{', '.join(known[:20])})")
        return scenario

    def _term(self, meeting_id: str, service: str, term: str) -> None:
        if term not in {t.id for t in self.codesign(meeting_id, service).sheet.terms}:
            raise InputError(f"term: no term {str(term)[:40]!r} for {service}")


def _used(history: Sequence[Any], scenario: Scenario) -> list[str]:
    used = {e.detail.get("service") for e in history
            if e.kind in ("requirement_proposed", "term_proposed")}
    return [s.id for s in scenario.services if s.id in used]


def _checked_answer(state: str, text: str | None, by: str) -> dict[str, str]:
    if state not in STATES or state in ("not_answered", "withdrawn"):
        allowed = ", ".join(s for s in STATES if s not in ("not_answered", "withdrawn"))
        raise InputError(f"state: must be one of {allowed} (got {str(state)[:40]!r})")
    text = check_text(text, "text") or ""
    if state in NEEDS_REASON and not text:
        raise InputError(f"text: a {STATE_WORDS[state]} answer needs a text that says why")
    return {"state": state, "text": text,
            "by": check_text(by, "by", required=True, limit=MAX_NAME) or ""}


def codesign_event(event: Any) -> str | None:
    """The specification's and term sheet's events in words, for the audit."""
    d, kind = event.detail, event.kind
    if kind not in CODESIGN_KINDS:
        return None
    service = d.get("service")
    if kind == "requirement_proposed":
        by = f" for {d['by']}" if d.get("by") else ""
        return (f"requirement r{event.version} of {service} proposed{by} "
                f"({KIND_WORDS.get(d.get('kind'), d.get('kind'))}): \u201c{d.get('text')}\u201d")
    if kind == "priority_given":
        return (f"priority for requirement {d.get('requirement')} of {service}: "
                f"{PRIORITY_WORDS.get(d.get('priority'), d.get('priority'))}")
    if kind in ("priority_answered", "term_answered"):
        what = (f"the priority of {d.get('group')} for requirement {d.get('requirement')}"
                if kind == "priority_answered" else
                f"the position of {d.get('group')} on term {d.get('term')}")
        text = f": \u201c{d['text']}\u201d" if d.get("text") else ""
        return (f"answered {what} of {service} by {d.get('by')}: "
                f"{STATE_WORDS.get(d.get('state'), d.get('state'))}{text}")
    if kind == "term_proposed":
        return (f"term t{event.version} of {service} proposed by {d.get('by')} "
                f"({d.get('topic')}): \u201c{d.get('text')}\u201d")
    if kind == "term_position":
        text = f": \u201c{d['text']}\u201d" if d.get("text") else ""
        return (f"{STANCE_WORDS.get(d.get('stance'), d.get('stance'))} term {d.get('term')} "
                f"of {service}{text}")
    return (f"term {d.get('term')} of {service} agreed by {d.get('by')}: "
            f"\u201c{d.get('text')}\u201d")
