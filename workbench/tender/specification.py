"""The specification of an outsourced service (commissioning-cycle.md, section 5): its
requirements, each group's priority for each, the agreed priority (the influence-weighted
median), and the ``kpi`` requirements as target stubs (section 3's keys).

Plain immutable data checked at the edge (``specification_from_data``); the rest are pure
functions. The groups' influence comes from the scenario's stakeholders (``influence_of``),
a group that has opted out counting 0 (section 1).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

from workbench.errors import InputError, Problem, ScenarioError
from workbench.limits import excerpt
from workbench.scenario import Scenario
from workbench.tender.reader import Reader, at, exact

KINDS = ("outcome", "standard", "kpi", "social_value")
PRIORITIES = ("must", "should", "could", "wont")      # from the highest down
Priority = Literal["must", "should", "could", "wont"]


@dataclass(frozen=True)
class Requirement:
    id: str
    text: str
    kind: Literal["outcome", "standard", "kpi", "social_value"]
    proposed_by: str                  # a group id or a person, as written


@dataclass(frozen=True)
class Specification:
    """The requirements, and ``priorities[group][requirement]`` as each group gave them."""

    requirements: tuple[Requirement, ...]
    priorities: Mapping[str, Mapping[str, Priority]] = field(
        default_factory=lambda: MappingProxyType({}))
    service: str | None = None


def specification_from_data(data: Any, groups: Collection[str] | None = None) -> Specification:
    """The specification in plain ``data`` (``{service?, requirements: [{id, text, kind,
    proposed_by}], priorities: {group: {requirement: priority}}}``); ScenarioError lists every
    problem at its place. ``groups``, when given, are the only groups allowed."""
    reader = Reader()
    top = reader.mapping(data, "") or {}
    service = reader.ident(top, "service", "", required=False)
    seen: dict[str, str] = {}
    requirements = []
    for _, place, item in reader.items(top, "requirements", ""):
        ident = reader.unique(seen, reader.ident(item, "id", place), at(place, "id"))
        text = reader.text(item, "text", place)
        kind = reader.choice(item, "kind", place, KINDS)
        by = reader.text(item, "proposed_by", place)
        if ident and text and kind and by:
            requirements.append(Requirement(ident, text, kind, by))  # type: ignore[arg-type]
    priorities: dict[str, Mapping[str, Priority]] = {}
    given = top.get("priorities")
    for group, own in (reader.mapping(given, "priorities") or {} if given is not None
                       else {}).items():
        place = at("priorities", str(group))
        if reader.ident({group: group}, group, "priorities") is None:
            continue
        if groups is not None and group not in groups:
            reader.problem(place, f"unknown group {excerpt(group)}")
            continue
        chosen: dict[str, Priority] = {}
        for requirement in reader.mapping(own, place) or {}:
            where = at(place, str(requirement))
            if reader.known(str(requirement), seen, "requirement", where) is None:
                continue
            priority = reader.choice(own, requirement, place, PRIORITIES)
            if priority is not None:
                chosen[str(requirement)] = priority  # type: ignore[assignment]
        priorities[str(group)] = MappingProxyType(chosen)
    if reader.problems:
        raise ScenarioError([Problem(place, message) for place, message in reader.problems])
    return Specification(tuple(requirements), MappingProxyType(priorities), service)


def influence_of(scenario: Scenario, opted_out: Collection[str] = ()) -> dict[str, float]:
    """Each stakeholder group's influence; a group that has opted out counts 0."""
    return {s.id: (0.0 if s.id in opted_out else s.influence) for s in scenario.stakeholders}


def agreed_priority(given: Mapping[str, str], influence: Mapping[str, float]) -> Priority | None:
    """The influence-weighted median of the groups' priorities for one requirement: the
    first priority, from ``must`` down, at which the cumulative influence of the groups
    that gave it or a higher one reaches half the total influence of the groups that gave
    one. None when no group with influence gave one. Exact: a tie at half goes to the
    higher priority, as "reaches" says."""
    unknown = sorted(set(given) - set(influence))
    if unknown:
        raise InputError(f"no influence for the group(s) {', '.join(map(excerpt, unknown))}")
    bad = sorted({p for p in given.values() if p not in PRIORITIES})
    if bad:
        raise InputError(f"priorities must be one of {', '.join(PRIORITIES)} "
                         f"(got {', '.join(map(excerpt, bad))})")
    weight = {g: exact(influence[g]) for g in given}
    total = sum(weight.values(), Fraction(0))
    if total <= 0:
        return None
    cumulative = Fraction(0)
    for priority in PRIORITIES:
        cumulative += sum((weight[g] for g, p in given.items() if p == priority), Fraction(0))
        if 2 * cumulative >= total:
            return priority  # type: ignore[return-value]
    raise AssertionError("unreachable: the cumulative influence reaches the total")


def priorities_of(spec: Specification, requirement: str) -> dict[str, str]:
    """``group -> priority`` for one requirement, from the groups that gave one."""
    return {g: own[requirement] for g, own in spec.priorities.items() if requirement in own}


def agreed_priorities(spec: Specification, influence: Mapping[str, float]
                      ) -> dict[str, Priority | None]:
    """Every requirement's agreed priority, in the specification's order."""
    return {r.id: agreed_priority(priorities_of(spec, r.id), influence)
            for r in spec.requirements}


def kpi_target_stubs(spec: Specification, influence: Mapping[str, float],
                     service: str | None = None) -> list[dict[str, Any]]:
    """The ``kpi`` requirements as targets to complete (section 3's keys, as plain data):
    the measure in words is the requirement's text; the unit, direction, target and period
    are for officers to set (None until then), and ``agreed_by`` is empty because no group
    has agreed a target value yet. A requirement agreed as ``wont`` makes no target."""
    agreed = agreed_priorities(spec, influence)
    return [{"id": r.id, "service": service or spec.service, "measure": r.text, "unit": None,
             "direction": None, "target": None, "period": None, "agreed_by": [], "kpi": True}
            for r in spec.requirements if r.kind == "kpi" and agreed[r.id] != "wont"]
