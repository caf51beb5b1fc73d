"""The analysis on the examples: properties, what-ifs, progress, cancelling, pictures, CLI."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from workbench.analysis import analyse, what_if
from workbench.analysis.pictures import PICTURES, write_pictures
from workbench.errors import CancelledError
from workbench.generate import generate
from workbench.optimiser.live import LiveOptimiser
from workbench.scenario import load_scenario


@pytest.fixture(scope="module")
def riverside():
    return analyse(load_scenario(ROOT / "scenarios" / "riverside.yaml"))


def test_frontier_points_are_non_dominated_and_optimal_for_their_cost(riverside):
    points = riverside.frontier
    assert len(points) > 10
    for a, b in itertools.pairwise(points):
        assert a.total_cost < b.total_cost and a.value < b.value
    live = LiveOptimiser(riverside.scenario,
                         lifted=[g.id for g in riverside.scenario.givens if g.kind == "budget"])
    # a point's portfolio is feasible without budgets and worth what it says
    for p in points[:: max(1, len(points) // 8)]:
        from workbench.optimiser.portfolio import Portfolio

        port = Portfolio.from_choices(live.arrays, p.choices, riverside.recommended.weights)
        assert port.value == pytest.approx(p.value) and port.total_cost == pytest.approx(
            p.total_cost)


def test_prices_and_stability_hold_their_properties(riverside):
    rec = riverside.recommended
    assert set(riverside.prices) == {g.id for g in riverside.scenario.givens}
    assert all(p.value >= 0 for p in riverside.prices.values())
    assert riverside.prices["mtfs_envelope"].value > 0       # the envelope binds
    assert riverside.prices["care_act"].value == 0           # never binding here
    for c, s in riverside.stability.items():
        assert s.low <= rec.weights[c] <= s.high
    assert riverside.fair.min_satisfaction >= min(rec.satisfaction.values()) - 1e-9
    assert len(riverside.decisions) == len(riverside.scenario.services)


def test_what_if_force_and_rule_out(riverside):
    live = LiveOptimiser(riverside.scenario)
    base = riverside.recommended
    forced = what_if(live, base, "home_care", "coops", chosen=True)
    assert forced.possible and forced.result.portfolio.choices["home_care"] == "coops"
    assert forced.value_change <= 1e-9
    assert set(forced.satisfaction_change) == set(base.satisfaction)
    ruled = what_if(live, base, "waste_collection", "contract", chosen=False)
    assert not ruled.possible and "waste_contract" in ruled.result.conflict
    assert live.solve().portfolio.choices == base.portfolio.choices   # nothing left behind


def test_progress_is_reported_and_cancel_stops():
    scenario = load_scenario(ROOT / "scenarios" / "teaching.yaml")
    seen = []
    analyse(scenario, progress=lambda f, m: seen.append(f))
    assert seen[0] == 0 and seen[-1] == 1 and seen == sorted(seen)
    with pytest.raises(CancelledError):
        analyse(generate(60, seed=2), cancelled=lambda: len(seen) > 3,
                progress=lambda f, m: seen.append(f))


def test_progress_messages_are_in_words_never_ids():
    """The meeting page shows these messages while the trade-offs are worked out."""
    messages = []
    riverside = load_scenario(ROOT / "scenarios" / "riverside.yaml")
    analyse(riverside, progress=lambda f, m: messages.append(m))
    ids = ({g.id for g in riverside.givens} | {c.id for c in riverside.criteria}
           | {s.id for s in riverside.services})
    assert any("price of given" in m for m in messages)
    assert "stability of Low carbon" in messages
    assert "alternatives for Home care for older and disabled adults" in messages
    ids = {i for i in ids if "_" in i}       # ("carbon" is an id and a word of "Low carbon")
    words = {w for m in messages for w in (m or "").split()}
    assert words & ids == set(), words & ids


def test_frontier_at_levels_for_large_scenarios():
    from workbench.analysis import frontier
    from workbench.arrays import ScenarioArrays
    from workbench.weights import agreed_weights

    scenario = generate(300, seed=3)
    points = frontier(ScenarioArrays(scenario), agreed_weights(scenario), levels=8)
    assert 2 <= len(points) <= 8
    assert [p.total_cost for p in points] == sorted(p.total_cost for p in points)
    assert [p.value for p in points] == sorted(p.value for p in points)


def test_pictures_carry_the_numbers(riverside, tmp_path):
    fig = PICTURES["frontier"](riverside)
    ax = fig.axes[0]
    line = next(line for line in ax.get_lines() if line.get_gid() == "frontier")
    assert list(line.get_ydata()) == pytest.approx([p.value for p in riverside.frontier])
    star = next(line for line in ax.get_lines() if line.get_gid() == "recommended")
    assert star.get_ydata()[0] == pytest.approx(riverside.recommended.portfolio.value)
    assert "million" in ax.get_xlabel() and "0 to 100" in ax.get_ylabel()
    sat = PICTURES["satisfaction"](riverside).axes[0]
    heights = [bar.get_width() for bar in sat.patches]
    assert heights == pytest.approx(list(riverside.recommended.satisfaction.values()))
    spend = PICTURES["spend"](riverside).axes[0]
    budget = next(line for line in spend.get_lines() if line.get_gid() == "budget:mtfs_envelope")
    assert list(budget.get_ydata()) == pytest.approx([71, 72, 73.5])
    stab = PICTURES["stability"](riverside).axes[0]
    interval = next(line for line in stab.get_lines() if line.get_gid() == "interval:carbon")
    assert list(interval.get_xdata()) == pytest.approx(
        [riverside.stability["carbon"].low, riverside.stability["carbon"].high])
    written = write_pictures(riverside, tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{n}.png" for n in PICTURES)
    assert all(p.stat().st_size > 10_000 for p in written)


def test_cli_analyse_json_has_every_part(tmp_path):
    done = subprocess.run([sys.executable, "-m", "workbench.cli", "analyse",
                           "scenarios/teaching.yaml", "--json", "--plots", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) >= {"recommended", "groups", "fair", "frontier", "price_of_givens",
                        "stability"}
    assert out["recommended"]["choices"]["transport"] == "grant"
    assert set(out["groups"]["users"]) >= {"best", "worst", "satisfaction", "own_best"}
    assert set(out["fair"]) == {"choices", "value", "total_cost", "min_satisfaction"}
    assert [p["total_cost"] for p in out["frontier"]] == sorted(
        p["total_cost"] for p in out["frontier"])
    assert out["price_of_givens"]["budget"]["value"] == pytest.approx(5.0)
    assert out["stability"]["quality"][0] <= 0.5 <= out["stability"]["quality"][1]
    assert (tmp_path / "frontier.png").exists()


def test_generated_frontier_points_are_optimal_for_their_cost_with_cbc():
    """Checked by CBC, independently of the HiGHS path that traced the frontier (this found
    a HiGHS 1.16 answer that took a warm start as optimal; see workbench/optimiser/highs.py)."""
    import pulp

    from workbench.analysis import frontier
    from workbench.arrays import ScenarioArrays
    from workbench.optimiser.model import build_model
    from workbench.optimiser.solver import run
    from workbench.scenario.model import Budget
    from workbench.weights import agreed_weights

    scenario = generate(40, seed=1)
    arrays, weights = ScenarioArrays(scenario), agreed_weights(scenario)
    points = frontier(arrays, weights)
    assert len(points) > 300
    value = arrays.value_coefficients(weights)
    built = build_model(arrays, lifted=[g.id for g in scenario.givens if isinstance(g, Budget)])
    built.set_objective(value, maximise=True)
    for p in points[:: len(points) // 12]:
        built.problem += (pulp.lpSum(float(c) * v for c, v in zip(arrays.total_cost, built.x))
                          <= p.total_cost + 0.4, "cap")
        best = run(built, "cbc")
        del built.problem.constraints["cap"]
        assert float(value @ best.x) == pytest.approx(p.value, abs=1e-6)
