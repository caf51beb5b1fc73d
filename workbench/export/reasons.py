"""Why a review is (or was) due, in words: one wording for the review page, the published
page and the decision record. Targets by what they measure, periods and days as people write
them, never an id; who challenged only where the caller may show it (the facilitator)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.export.page import day_words, plural
from workbench.givens.require_option import require_options
from workbench.scenario.model import Scenario


def reason_words(reason: Mapping[str, Any], scenario: Scenario, *, who: bool = False) -> str:
    """A reason's facts (a ``monitoring.due`` reason's ``to_json``, as stored) in words:
    counts and periods; with ``who``, the challengers too (groups by name)."""
    kind = reason.get("reason")
    measures = {t.id: t.measure for t in scenario.targets or ()}
    measure = measures.get(str(reason.get("target")), "one of its targets")
    periods = ", ".join(str(p) for p in reason.get("periods") or ())
    if kind == "missed_targets":
        n = len(reason.get("periods") or ())
        return (f"“{measure}” missed {n} times running" + (f" ({periods})" if periods else "")
                if n else f"“{measure}” missed several times running")
    if kind == "inadequate":
        n = len(reason.get("periods") or ())
        span = f" between {reason['from']} and {reason['to']}" \
            if reason.get("from") and reason.get("to") else ""
        return f"“{measure}” inadequate in {plural(n, 'period')}{span}" + \
            (f" ({periods})" if periods else "")
    if kind == "challenges":
        return _challenges(reason, scenario, who)
    if kind == "contract_end":
        until = f" on {day_words(reason['until'])}" if reason.get("until") else ""
        months = reason.get("months")
        soon = f", {plural(months, 'month')} after the review month" \
            if isinstance(months, int) and months > 0 else ""
        return f"{_kept(reason, scenario)} ends{until}{soon}"
    if kind == "by_hand" and reason.get("why"):
        return f"opened by hand: “{reason['why']}”"
    return "opened for another reason"


def _challenges(reason: Mapping[str, Any], scenario: Scenario, who: bool) -> str:
    count = reason.get("challengers")
    people = len(count) if isinstance(count, (list, tuple)) else count
    lodged = reason.get("challenges")
    span = f" between {day_words(reason['from'])} and {day_words(reason['to'])}" \
        if reason.get("from") and reason.get("to") else ""
    if not (isinstance(people, int) and isinstance(lodged, int)):
        return f"challenges from service users{span}"
    names = ""
    if who and reason.get("who"):
        groups = {g.id: g.name for g in scenario.stakeholders}
        names = " (" + ", ".join(f"the {groups[w]} panel" if w in groups else str(w)
                                 for w in reason["who"]) + ")"
    return (f"{plural(lodged, 'challenge')} from {people} different people or "
            f"groups{names}{span}")


def _kept(reason: Mapping[str, Any], scenario: Scenario) -> str:
    """The option a ``require_option`` given keeps, by name (the contract that ends)."""
    for given in require_options(scenario.givens):
        if given.id == reason.get("given"):
            try:
                option = scenario.service(given.service).option(given.option)
                return f"the contract for “{option.name}”"
            except Exception:
                break
    return "the contract it must keep"
