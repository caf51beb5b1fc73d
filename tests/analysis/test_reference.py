"""Trade-off figures match an independent enumeration of the spec on held-out scenarios."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings

from tests import reference
from tests.random_scenarios import scenario_data
from workbench.analysis import analyse
from workbench.scenario.model import Scenario

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(max_examples=40, **SETTINGS)
@given(data=scenario_data())
def test_analysis_matches_reference(data):
    expected = reference.recommend(data)
    assume(expected is not None)
    result = analyse(Scenario.model_validate(data))
    rec = result.recommended
    # satisfactions
    want = reference.satisfaction(data, rec.portfolio.choices)
    for group, s in rec.satisfaction.items():
        assert 0 <= s <= 1
        assert s == pytest.approx(want[group], abs=1e-6)
    ranges = reference.group_ranges(data)
    for group, r in rec.groups.items():
        assert (r.best, r.worst) == pytest.approx(ranges[group], abs=1e-6)
    # fair portfolio
    fair = reference.fair(data)
    assert result.fair.min_satisfaction == pytest.approx(fair["min_satisfaction"], abs=1e-6)
    assert result.fair.portfolio.value == pytest.approx(fair["value"], abs=1e-6)
    assert result.fair.portfolio.total_cost == pytest.approx(fair["total_cost"], abs=1e-6)
    assert result.fair.min_satisfaction >= min(rec.satisfaction.values()) - 1e-9
    # the exact frontier, point for point
    got = [(p.total_cost, p.value) for p in result.frontier]
    want_frontier = reference.frontier(data)
    assert len(got) == len(want_frontier), (got, want_frontier)
    for (c1, v1), (c2, v2) in zip(got, want_frontier):
        assert c1 == pytest.approx(c2, abs=1e-6) and v1 == pytest.approx(v2, abs=1e-6)
    # prices of givens
    for gid, price in result.prices.items():
        lifted = reference.recommend(data, lifted=[gid])
        assert price.value >= 0
        assert price.value == pytest.approx(lifted.value - expected.value, abs=1e-6)
    # stability intervals
    want_stable = reference.stability(data, rec.portfolio.choices)
    for crit, interval in result.stability.items():
        assert interval.low <= rec.weights[crit] + 1e-9 <= interval.high + 2e-9
        assert (interval.low, interval.high) == pytest.approx(want_stable[crit], abs=0.005)
