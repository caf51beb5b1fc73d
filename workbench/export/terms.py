"""The terms of engagement and the groups that opted out, as published pages show them
(commissioning-cycle.md, section 1): the terms before the givens; a group that opted out
listed as "opted out" with its reason, never as agreeing. Plain data in, escaped HTML out."""

from __future__ import annotations

from collections.abc import Mapping

from workbench.export.page import day_words
from workbench.html import escaped as _e
from workbench.scenario.model import Scenario
from workbench.store.cycle import split_why

NO_REASON = "no reason given"


def group_names(scenario: Scenario) -> dict[str, str]:
    return {g.id: g.name for g in scenario.stakeholders}


def engagement_parts(scenario: Scenario,
                     can_change: str = "What the groups' views could change") -> list[str]:
    """The scenario's terms of engagement as HTML paragraphs, in the spec's order (empty
    when it states none); ``can_change`` heads what views can change. Pages and the
    published record share these, each with its own heading."""
    terms = scenario.engagement
    if terms is None:
        return []
    names = group_names(scenario)
    parts = []
    if terms.purpose:
        parts.append(f"<p><strong>What is being decided:</strong> {_e(terms.purpose)}</p>")
    if terms.open_to_change:
        items = "".join(f"<li>{_e(t)}</li>" for t in terms.open_to_change)
        parts.append(f"<p><strong>{_e(can_change)}:</strong></p><ul>{items}</ul>")
    if terms.stages:
        items = "".join(
            f"<li><strong>{_e(s.stage)}</strong>: {_e(day_words(s.from_))} to "
            f"{_e(day_words(s.to))}"
            + (f", with {_e(', '.join(names.get(g, g) for g in s.groups))}" if s.groups
               else "") + "</li>" for s in terms.stages)
        parts.append(f"<p><strong>The stages, and who takes part:</strong></p><ul>{items}</ul>")
    if terms.how_views_are_used:
        parts.append(f"<p><strong>How views are used:</strong> "
                     f"{_e(terms.how_views_are_used)}</p>")
    if terms.how_to_challenge:
        parts.append(f"<p><strong>How to challenge a decision or a service:</strong> "
                     f"{_e(terms.how_to_challenge)}</p>")
    return parts


def engagement_section(scenario: Scenario) -> str:
    """The scenario's terms of engagement under their own heading ("" when it states
    none): what is decided, what views can change, the stages and who takes part, how
    views are used and how to challenge."""
    parts = engagement_parts(scenario)
    if not parts:
        return ""
    return ("<h2>The terms of engagement</h2><p>What the people taking part were told at "
            "the start, before any result was shown.</p>" + "".join(parts))


def opted_out_words(reason: str | None) -> str:
    """"opted out: their reason" as every page writes it; for a stage's opt-out (a value of
    store.cycle.opted_out_of) "opted out of the STAGE stage (their reason)"."""
    stage, why = split_why(reason)
    if stage is not None:
        return f"opted out of the {stage} stage ({why or NO_REASON})"
    return f"opted out: {why or NO_REASON}"


def group_label(group: str, name: str, opted_out: Mapping[str, str]) -> str:
    """A group's name as HTML, marked "opted out" with its reason when it opted out."""
    if group not in opted_out:
        return _e(name)
    return f"{_e(name)} ({_e(opted_out_words(opted_out[group]))})"


def opted_out_section(scenario: Scenario, opted_out: Mapping[str, str]) -> str:
    """The groups opted out when the decision was made, each with its reason ("" when
    none): their say counted as 0 and they are not counted as agreeing."""
    if not opted_out:
        return ""
    names = group_names(scenario)
    items = "".join(f"<li><strong>{_e(names.get(g, g))}</strong> — "
                    f"{_e(opted_out_words(reason))}</li>" for g, reason in opted_out.items())
    return ("<h2>Groups that opted out</h2><p>These groups opted out of the meeting, or of "
            "a stage running when the decision was made. While a group is out its say counts "
            "as 0 in the agreed weights, and it is not counted as agreeing with the decision. "
            "How well the decision serves it is still shown below, from the weights it gave "
            "last.</p>"
            f'<ul class="item">{items}</ul>')
