"""Proposed options as published and as the pages describe them (commissioning-cycle.md,
section 6): each with its service, mode, provider idea, rough cost, expected scores,
rationale, who proposed it, and its answer (accepted into which scenario version, or not
and why). Plain data in, escaped HTML out."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.export.answers import answer_html
from workbench.fields import mode_words
from workbench.html import escaped as _e
from workbench.money import money
from workbench.scenario.model import Scenario
from workbench.store.options import ProposedOption, number


def costs_words(values: Sequence[float], scenario: Scenario) -> str:
    """A cost as people read it: one amount a year, or each year's."""
    if not values:
        return "not given"
    if len(values) == 1:
        return f"{money(values[0], scenario.currency)} a year"
    return "; ".join(f"{y}: {money(v, scenario.currency)}"
                     for y, v in zip(scenario.years, values))


def scores_words(scores: dict[str, float], scenario: Scenario) -> str:
    return ", ".join(f"{c.name} {scores[c.id]:g}" for c in scenario.criteria
                     if c.id in scores) or "none given"


def option_facts_html(option: ProposedOption, scenario: Scenario) -> str:
    """What was proposed, in words (escaped): the heading and its facts."""
    services = {s.id: s.name for s in scenario.services}
    groups = {g.id: g.name for g in scenario.stakeholders}
    idea = f"<p>Provider idea: {_e(option.provider)}.</p>" if option.provider else ""
    service = services.get(option.service, option.service)
    return (f"<h3>Proposed option {_e(number(option.key))}: {_e(service)}, "
            f"{_e(mode_words(option.mode))}</h3>{idea}"
            f"<p>Rough cost: {_e(costs_words(option.rough_cost, scenario))}. Expected scores: "
            f"{_e(scores_words(option.scores, scenario))}.</p>"
            f"<p>Why: {_e(option.rationale)}</p>"
            f"<p>Proposed by the panel of "
            f"{_e(groups.get(option.proposed_by, option.proposed_by))}.</p>")


def costing_html(option: ProposedOption, scenario: Scenario) -> str:
    """The officers' costing of an accepted option, in words."""
    c = option.accepted
    if c is None:
        return ""
    return (f"<p><strong>Costed and scored by the officers ({_e(c.by)})</strong>: cost "
            f"{_e(costs_words(c.cost, scenario))}, one-off cost "
            f"{_e(money(c.one_off, scenario.currency))}; scores "
            f"{_e(scores_words(c.scores, scenario))}. In scenario version "
            f"{c.scenario_version}.</p>")


def options_section(options: Sequence[ProposedOption], scenario: Scenario) -> str:
    """Every proposed option under its own heading, with its answer."""
    head = ("<h2>Options proposed by the panels</h2><p>A proposed option is never optimised "
            "as proposed: the officers cost and score it and accept it into a new version "
            "of the scenario, or say why not.</p>")
    if not options:
        return head + "<p>No option has been proposed.</p>"
    return head + "".join(
        f"<div class=\"said\">{option_facts_html(o, scenario)}{costing_html(o, scenario)}"
        + answer_html(o.answers) + "</div>" for o in options)
