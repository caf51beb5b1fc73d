"""The commissioning cycle's optional scenario keys: a v1 file without them means what it
meant; bad values are refused at their place."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from tests.monitoring.helpers import small, target
from workbench.errors import ScenarioError
from workbench.paths import SCENARIO_DIR
from workbench.scenario import dump_scenario, parse_scenario
from workbench.scenario.cycle import DEFAULT_RULES

TEACHING = (SCENARIO_DIR / "teaching.yaml").read_text()


def refused(extra: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(TEACHING + extra)
    return [f"{p.place}: {p.message}" for p in caught.value.problems]


def test_a_v1_file_without_the_keys_is_unchanged():
    s = parse_scenario(TEACHING)
    assert s.engagement is None and s.proposal is None and s.targets is None
    assert s.rules == DEFAULT_RULES and DEFAULT_RULES.model_dump() == {
        "consecutive_misses": 3, "inadequate_in_twelve_months": 2, "challenges": 5,
        "challenge_window_days": 90, "contract_end_months": 12}
    for key in ("engagement", "proposal", "targets", "review_rules", "until"):
        assert key not in dump_scenario(s)


def test_every_key_read_and_written_back():
    extra = """
engagement:
  purpose: Decide how the meals service is run
  open_to_change: [the mode of each service]
  stages: [{stage: options, from: 2026-01-05, to: 2026-02-27, groups: [users, staff]}]
  how_views_are_used: Each group's weights count by its influence
  how_to_challenge: Write to the scrutiny officer
proposal: {meals: in_house, transport: grant, library: in_house, advice: grant}
targets:
  - {id: on_time, service: meals, measure: Meals on time, unit: "%", direction: higher,
     target: 95, period: month, agreed_by: [], kpi: true}
review_rules: {challenges: 3, contract_end_months: 0}
"""
    s = parse_scenario(TEACHING + extra)
    assert s.engagement.stages[0].from_ == date(2026, 1, 5)
    assert s.targets[0].approaching_level == 95 and s.targets[0].inadequate is None
    assert s.rules.challenges == 3 and s.rules.consecutive_misses == 3
    assert parse_scenario(dump_scenario(s)) == s


def test_targets_refused_at_their_place_with_the_order_rule():
    extra = """
targets:
  - {id: a, service: meals, measure: m, unit: "%", direction: higher, target: 90,
     approaching: 80, inadequate: 85, period: month, agreed_by: []}
  - {id: b, service: meals, measure: m, unit: days, direction: lower, target: 5,
     approaching: 4, period: month, agreed_by: []}
  - {id: c, service: meals, measure: m, unit: days, direction: lower, target: 5,
     inadequate: 4, period: month, agreed_by: [users]}
  - {id: a, service: nope, measure: m, unit: x, direction: up, target: ten, period: year,
     agreed_by: [ghosts], kpi: "yes"}
  - {id: e, service: meals, measure: m, unit: x, direction: higher, target: 1, period: month}
"""
    assert sorted(refused(extra)) == sorted([
        "targets[0].inadequate: must be at most approaching (80) when higher is better "
        "(got 85)",
        "targets[1].approaching: must be at least the target (5) when lower is better (got 4)",
        "targets[2].inadequate: must be at least the target (5) when lower is better (got 4)",
        "targets[3].direction: must be one of 'higher' or 'lower' (got 'up')",
        "targets[3].target: must be a number (got 'ten')",
        "targets[3].period: must be one of 'month' or 'quarter' (got 'year')",
        "targets[3].kpi: must be true or false (got 'yes')",
        "targets[3].agreed_by[0]: unknown group 'ghosts' (groups are users, staff)",
        "targets[3].id: duplicate id 'a' (also targets[0])",
        "targets[3].service: unknown service 'nope'",
        "targets[4].agreed_by: is required",
    ])


def test_equal_thresholds_are_allowed():
    s = small([target(target=90, approaching=90, inadequate=90)])
    assert s.targets[0].inadequate == 90


def test_review_rules_proposal_engagement_and_until_refused_at_their_place():
    extra = """
review_rules: {consecutive_misses: 0, challenge_window_days: 2.5, contract_end_months: -1}
proposal: {meals: nothing, nowhere: x}
engagement:
  stages:
    - {stage: s, from: 2026-03-01, to: 2026-02-01, groups: [ghosts]}
    - {stage: t, from: 1 May, to: 2026-05-02}
"""
    got = refused(extra)
    assert "review_rules.consecutive_misses: must be at least 1 (got 0)" in got
    assert "review_rules.challenge_window_days: must be a whole number, 0 or more (got 2.5)" \
        in got
    assert "review_rules.contract_end_months: must be a whole number, 0 or more (got -1)" \
        in got
    assert any(g.startswith("proposal.meals: unknown option 'nothing' of service 'meals'")
               for g in got)
    assert "proposal.nowhere: unknown service 'nowhere'" in got
    assert any(g.startswith("proposal: must choose an option for every service") for g in got)
    assert "engagement.stages[0].to: must not be before its start (2026-03-01) " \
        "(got 2026-02-01)" in got
    assert "engagement.stages[0].groups[0]: unknown group 'ghosts' (groups are users, staff)" \
        in got
    assert "engagement.stages[1].from: must be a date written YYYY-MM-DD (got '1 May')" in got


def test_until_on_require_option():
    lock = {"id": "lock", "kind": "require_option", "service": "care", "option": "contract",
            "category": "contractual", "reason": "A contract"}
    s = small(givens=[{**lock, "until": "2030-03-31"}])
    assert s.givens[0].until == date(2030, 3, 31)
    with pytest.raises(ValidationError, match="must be a date written YYYY-MM-DD"):
        small(givens=[{**lock, "until": "March 2030"}])
