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
from workbench.ui.charts import spend_svg


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
