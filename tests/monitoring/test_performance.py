"""Contract performance over the 12 months ending with A, and the s.52 KPI warning."""

from __future__ import annotations

from tests.monitoring.helpers import results, small, target
from workbench.monitoring.performance import kpi_warnings, performance
from workbench.monitoring.periods import parse_month

A = parse_month("2026-06")


def test_rating_of_the_mean_in_the_window_and_overall_the_worst():
    s = small([target("a"), target("b"), target("c")])
    found = results(s, ("a", "2025-06", 0),          # outside the window: left out
                    ("a", "2025-07", 95), ("a", "2026-06", 85),  # mean 90: good
                    ("b", "2026-01", 80), ("b", "2026-02", 79))  # mean 79.5
    assert performance(s, found, A) == {"care": {"a": "good", "b": "requires_improvement",
                                                 "c": None, "overall": "requires_improvement"}}


def test_no_results_at_all_is_null_overall():
    assert performance(small(), (), A) == {"care": {"t": None, "overall": None}}


def test_services_without_targets_are_left_out():
    assert "parks" not in performance(small(), (), A)


def kpis(n: int) -> list[dict]:
    return [target(f"k{i}", kpi=True) for i in range(n)] + [target("plain")]


def test_over_five_million_needs_three_kpi_targets():
    over = small(kpis(2), cost=2_500_000.5)          # two years: 5,000,001
    (warning,) = kpi_warnings(over)
    assert warning.startswith("Care: the outsourced option “Contract” costs £5,000,001")
    assert "Procurement Act 2023 s.52" in warning and "it has 2" in warning
    assert kpi_warnings(small(kpis(3), cost=2_500_000.5)) == ()


def test_exactly_five_million_is_not_more_than_it():
    assert kpi_warnings(small(kpis(0), cost=2_500_000)) == ()


def test_the_one_off_counts_toward_the_total():
    s = small(kpis(0), cost=2_500_000)
    data = s.model_dump(by_alias=True)
    data["services"][0]["options"][0]["one_off"] = 1
    assert len(kpi_warnings(type(s).model_validate(data))) == 1


def test_only_an_outsourced_option_in_force_in_gbp():
    assert kpi_warnings(small(kpis(0), cost=9e6, mode="in_house")) == ()
    assert kpi_warnings(small(kpis(0), cost=9e6, currency="EUR")) == ()
    s = small(kpis(0), cost=9e6)
    assert kpi_warnings(s, in_force={"care": "in_house"}) == ()
    assert len(kpi_warnings(s, in_force={"care": "contract"})) == 1
