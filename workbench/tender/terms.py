"""The contract terms of an outsourced service (commissioning-cycle.md, section 5): a term
sheet, each group's position on each term (support, oppose, or amend with its text), and the
agreed term with its answer to each position (section 2's states).

Plain immutable data checked at the edge (``terms_from_data``): every problem is listed at
its place. A position the agreed term does not answer is ``not_answered``, never taken as
accepted.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from workbench.errors import Problem, ScenarioError
from workbench.limits import excerpt
from workbench.monitoring.answers import NEEDS_REASON, STATES  # section 2, one list
from workbench.tender.reader import Reader, at

TOPICS = ("length", "break_clauses", "price_review", "service_credits", "right_to_challenge",
          "social_value", "tupe", "involvement")
TOPIC_WORDS = {"length": "length of the contract", "break_clauses": "break clauses",
               "price_review": "price review", "service_credits": "service credits",
               "right_to_challenge": "the service users' right to challenge and require a "
                                     "review",
               "social_value": "social value commitments", "tupe": "TUPE",
               "involvement": "the provider's own duty to involve service users"}
STANCES = ("support", "oppose", "amend")


@dataclass(frozen=True)
class Term:
    id: str
    topic: str
    text: str


@dataclass(frozen=True)
class Position:
    """A group's position on a term; ``text`` is the amendment (needed for ``amend``)."""

    group: str
    term: str
    stance: str
    text: str | None = None


@dataclass(frozen=True)
class TermAnswer:
    state: str
    text: str | None = None


@dataclass(frozen=True)
class AgreedTerm:
    """The term as agreed, and its answer to each group's position (by group)."""

    term: str
    text: str
    answers: Mapping[str, TermAnswer]


@dataclass(frozen=True)
class TermSheet:
    terms: tuple[Term, ...]
    positions: tuple[Position, ...] = ()
    agreed: tuple[AgreedTerm, ...] = ()

    def answer_to(self, position: Position) -> TermAnswer:
        """The agreed term's answer to ``position``: ``not_answered`` until it has one."""
        for agreed in self.agreed:
            if agreed.term == position.term and position.group in agreed.answers:
                return agreed.answers[position.group]
        return TermAnswer("not_answered")

    def missing_topics(self) -> tuple[str, ...]:
        """The topics of a term sheet that no term covers yet (each worth a look)."""
        covered = {t.topic for t in self.terms}
        return tuple(t for t in TOPICS if t not in covered)


def terms_from_data(data: Any, groups: Collection[str] | None = None) -> TermSheet:
    """The term sheet in plain ``data`` (``{terms: [{id, topic, text}], positions: [{group,
    term, stance, text?}], agreed: [{term, text, answers: [{group, state, text?}]}]}``);
    ScenarioError lists every problem at its place."""
    reader = Reader()
    top = reader.mapping(data, "") or {}
    seen: dict[str, str] = {}
    terms = []
    for _, place, item in reader.items(top, "terms", ""):
        ident = reader.unique(seen, reader.ident(item, "id", place), at(place, "id"))
        topic = reader.choice(item, "topic", place, TOPICS)
        text = reader.text(item, "text", place)
        if ident and topic and text:
            terms.append(Term(ident, topic, text))
    positions, held = _positions(reader, top, seen, groups)
    agreed = _agreed(reader, top, seen, held)
    if reader.problems:
        raise ScenarioError([Problem(place, message) for place, message in reader.problems])
    return TermSheet(tuple(terms), tuple(positions), tuple(agreed))


def _positions(reader: Reader, top: dict, terms: Mapping[str, str],
               groups: Collection[str] | None) -> tuple[list[Position], dict]:
    found: list[Position] = []
    held: dict[tuple[str, str], str] = {}
    for _, place, item in reader.items(top, "positions", "", required=False, empty=True):
        group = reader.ident(item, "group", place)
        if group is not None and groups is not None and group not in groups:
            reader.problem(at(place, "group"), f"unknown group {excerpt(group)}")
            group = None
        term = reader.known(reader.ident(item, "term", place), terms, "term",
                            at(place, "term"))
        stance = reader.choice(item, "stance", place, STANCES)
        text = reader.text(item, "text", place, required=stance == "amend")
        if group is None or term is None or stance is None:
            continue
        if (group, term) in held:
            reader.problem(place, f"{group} already has a position on {term} "
                                  f"({held[group, term]})")
            continue
        held[group, term] = place
        found.append(Position(group, term, stance, text))
    return found, held


def _agreed(reader: Reader, top: dict, terms: Mapping[str, str],
            held: Mapping[tuple[str, str], str]) -> list[AgreedTerm]:
    found: list[AgreedTerm] = []
    done: dict[str, str] = {}
    for _, place, item in reader.items(top, "agreed", "", required=False, empty=True):
        term = reader.known(reader.ident(item, "term", place), terms, "term",
                            at(place, "term"))
        text = reader.text(item, "text", place)
        answers: dict[str, TermAnswer] = {}
        for _, where, answer in reader.items(item, "answers", place, required=False,
                                             empty=True):
            group = reader.ident(answer, "group", where)
            state = reader.choice(answer, "state", where, STATES)
            why = reader.text(answer, "text", where, required=False)
            if state in NEEDS_REASON and why is None:
                reader.problem(at(where, "text"), f"a {state.replace('_', ' ')} answer needs a "
                                                  "text that says why")
            if group is not None and term is not None and (group, term) not in held:
                reader.problem(at(where, "group"), f"{group} has no position on {term} to "
                                                   "answer")
                continue
            if group is not None and group in answers:
                reader.problem(where, f"{group}'s position is already answered here")
                continue
            if group is not None and state is not None:
                answers[group] = TermAnswer(state, why)
        if term is not None and term in done:
            reader.problem(at(place, "term"), f"{term} is already agreed ({done[term]})")
            continue
        if term is not None and text is not None:
            done[term] = place
            found.append(AgreedTerm(term, text, MappingProxyType(answers)))
    return found
