"""The live spend chart (inline SVG) draws the portfolio's figures, not pixels."""

from __future__ import annotations

import re
from html import escape

import pytest

from tests.conftest import SCENARIOS
from workbench.analysis.pictures import spend_by_area
from workbench.optimiser import recommend
from workbench.scenario import load_scenario
from workbench.scenario.model import Budget
from workbench.ui.meeting.charts import round_ticks, spend_svg


def test_spend_svg_stacks_each_area_and_marks_each_budget():
    scenario = load_scenario(SCENARIOS / "riverside.yaml")
    portfolio = recommend(scenario, solver="highs").portfolio
    svg = spend_svg(portfolio, "Spend <by> year", "wb-spend-chart")
    stacks = spend_by_area(portfolio)
    budgets = [g for g in scenario.givens if isinstance(g, Budget)]
    years = len(scenario.years)
    heights = [float(h) for h in re.findall(r'<rect class="bar" x="[^"]+" y="[^"]+" width="[^"]+" '
                                            r'height="([^"]+)"', svg)]
    assert len(heights) == years * len(stacks)
    # Bar heights are in proportion to each area's spend in each year.
    first = [float(v[0]) for v in stacks.values()]
    drawn = heights[:len(stacks)]
    scale = sum(drawn) / sum(first)
    assert drawn == pytest.approx([v * scale for v in first], abs=0.15)
    assert svg.count('stroke-dasharray="') >= years * len(budgets)
    assert 'role="img"' in svg and 'aria-label="Spend &lt;by&gt; year"' in svg
    for area in stacks:
        assert escape(area or "(no area)") in svg


def test_spend_axis_ticks_are_round_numbers():
    assert round_ticks(73_500_000) == [0, 20e6, 40e6, 60e6, 80e6]
    assert round_ticks(5) == [0, 1, 2, 3, 4, 5]
    scenario = load_scenario(SCENARIOS / "riverside.yaml")
    svg = spend_svg(recommend(scenario, solver="highs").portfolio, "alt", "wb-spend-chart")
    ticks = re.findall(r'text-anchor="end" font-size="\d+">([^<]+)</text>', svg)
    assert ticks and all(float(t) % 10 == 0 for t in ticks), ticks
    assert "mtfs_envelope" not in svg and "£71m" in svg
