"""When a review is due: each rule of commissioning-cycle.md section 3 at its boundaries."""

from __future__ import annotations

import pytest

from tests.monitoring.helpers import challenge, results, small, target
from workbench.errors import InputError
from workbench.monitoring.due import as_of_month, reviews_due
from workbench.monitoring.periods import parse_month

A = parse_month("2026-06")


def reasons(scenario, found=(), challenges=(), as_of=A):
    return {s: [r.to_json() for r in rs]
            for s, rs in reviews_due(scenario, found, challenges, as_of).items()}


def test_three_misses_in_a_row_are_due_and_two_are_not():
    s = small()
    three = results(s, ("t", "2026-03", 90), ("t", "2026-04", 75), ("t", "2026-05", 60),
                    ("t", "2026-06", 79.9))
    due = reasons(s, three)
    assert due == {"care": [{"reason": "missed_targets", "target": "t",
                             "periods": ["2026-04", "2026-05", "2026-06"],
                             "values": [75, 60, 79.9],
                             "ratings": ["requires_improvement", "inadequate",
                                         "requires_improvement"]}]}
    one_short = results(s, ("t", "2026-05", 60), ("t", "2026-06", 79.9))
    assert reasons(s, one_short) == {}


def test_a_result_at_approaching_is_not_a_miss():
    s = small()
    found = results(s, ("t", "2026-04", 75), ("t", "2026-05", 75), ("t", "2026-06", 80))
    assert reasons(s, found) == {}


def test_a_period_with_no_result_is_skipped_and_later_results_are_not_counted():
    s = small()
    found = results(s, ("t", "2026-01", 75), ("t", "2026-03", 75), ("t", "2026-06", 75),
                    ("t", "2026-07", 99))          # after A: not counted
    assert [r["periods"] for r in reasons(s, found)["care"]] == \
        [["2026-01", "2026-03", "2026-06"]]


def test_the_rule_reads_the_scenario_review_rules():
    s = small(review_rules={"consecutive_misses": 2})
    found = results(s, ("t", "2026-05", 75), ("t", "2026-06", 75))
    assert reasons(s, found)["care"][0]["reason"] == "missed_targets"


def test_a_quarter_counts_at_its_last_month():
    s = small([target(period="quarter")])
    found = results(s, ("t", "2025-Q4", 75), ("t", "2026-Q1", 75), ("t", "2026-Q2", 75))
    assert as_of_month(found) == parse_month("2026-06")
    assert reasons(s, found, as_of=parse_month("2026-06"))["care"][0]["periods"] == \
        ["2025-Q4", "2026-Q1", "2026-Q2"]
    # as of May, 2026-Q2 (counted at June) is not yet a result up to A
    assert reasons(s, found, as_of=parse_month("2026-05")) == {}


def test_inadequate_twice_in_the_twelve_months_ending_with_a():
    s = small()
    # July 2025 is the first month of the window ending June 2026; June 2025 is outside.
    inside = results(s, ("t", "2025-07", 10), ("t", "2026-06", 69.9), ("t", "2026-05", 95))
    assert reasons(s, inside) == {"care": [{"reason": "inadequate", "target": "t",
                                            "periods": ["2025-07", "2026-06"],
                                            "from": "2025-07", "to": "2026-06"}]}
    outside = results(s, ("t", "2025-06", 10), ("t", "2026-06", 69.9))
    assert reasons(s, outside) == {}
    at_threshold = results(s, ("t", "2025-07", 70), ("t", "2026-06", 69.9))
    assert reasons(s, at_threshold) == {}


def test_challenges_from_five_distinct_challengers_in_ninety_days():
    s = small()
    # 90 days ending on 30 June 2026, both ends included: 2 April to 30 June.
    five = [challenge("2026-04-02", "A"), challenge("2026-06-30", "B"),
            challenge("2026-05-01", "C"), challenge("2026-05-02", "D"),
            challenge("2026-05-03", "E")]
    due = reasons(s, challenges=five)["care"]
    assert due == [{"reason": "challenges", "challengers": 5, "who": ["A", "B", "C", "D", "E"],
                    "challenges": 5, "from": "2026-04-02", "to": "2026-06-30"}]
    day_outside = [challenge("2026-04-01", "A"), *five[1:]]
    assert reasons(s, challenges=day_outside) == {}
    day_after = [challenge("2026-07-01", "A"), *five[1:]]
    assert reasons(s, challenges=day_after) == {}


def test_the_same_challenger_twice_counts_once_and_a_group_counts_once():
    s = small()
    four = [challenge("2026-05-01", w) for w in ("A", "B", "C", "D")]
    assert reasons(s, challenges=[*four, challenge("2026-05-09", "A")]) == {}
    panel = [challenge("2026-05-01", "Users' panel", "users"),
             challenge("2026-05-02", "Another member", "users")]
    assert reasons(s, challenges=four[:3] + panel) == {}
    due = reasons(s, challenges=four + panel)["care"][0]
    assert due["challengers"] == 5 and due["challenges"] == 6 and "users" in due["who"]
    # names are counted as written
    spelled = [challenge("2026-05-01", w) for w in ("A", "a", "B", "C", "D")]
    assert reasons(s, challenges=spelled)["care"][0]["challengers"] == 5


def test_challenges_against_another_service_do_not_count():
    s = small()
    others = [challenge("2026-05-01", w, service="parks") for w in "ABCDE"]
    assert list(reasons(s, challenges=others)) == ["parks"]


def contract(until: str | None):
    given = {"id": "lock", "kind": "require_option", "service": "care", "option": "contract",
             "category": "contractual", "reason": "A contract"}
    return small(givens=[{**given, "until": until}] if until else [given])


@pytest.mark.parametrize("until, months", [
    ("2026-06-01", 0), ("2026-06-30", 0), ("2027-06-30", 12), ("2027-07-01", None),
    ("2026-05-31", None)])
def test_contract_end_from_zero_to_twelve_months_after_a(until, months):
    due = reasons(contract(until))
    if months is None:
        assert due == {}       # too far off, or already ended
    else:
        assert due == {"care": [{"reason": "contract_end", "given": "lock",
                                 "option": "contract", "until": until, "months": months}]}


def test_a_given_without_until_never_ends():
    assert reasons(contract(None)) == {}


def test_no_results_and_no_as_of_is_refused():
    with pytest.raises(InputError, match="no as-of month"):
        as_of_month(())
    assert reasons(contract("2026-07-31"), (), as_of=A)["care"][0]["months"] == 1


def test_due_lists_reasons_in_order_and_only_services_with_one():
    s = small([target("a"), target("b")], review_rules={"inadequate_in_twelve_months": 1})
    found = results(s, ("a", "2026-04", 60), ("a", "2026-05", 60), ("a", "2026-06", 60),
                    ("b", "2026-06", 10))
    got = reasons(s, found)
    assert list(got) == ["care"]
    assert [(r["reason"], r["target"]) for r in got["care"]] == [
        ("missed_targets", "a"), ("inadequate", "a"), ("inadequate", "b")]
