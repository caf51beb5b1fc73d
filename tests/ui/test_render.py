"""Scenario text reaches the page escaped: names are data, never markup."""

from __future__ import annotations

from tests.conftest import SCENARIOS
from workbench.scenario import load_scenario
from workbench.ui.render import givens_html


def test_render_escapes_scenario_text():
    scenario = load_scenario(SCENARIOS / "teaching.yaml")
    givens = [g.model_dump(by_alias=True) for g in scenario.givens]
    givens[0]["reason"] = "<script>alert(1)</script>"
    html = givens_html(scenario.replace(givens=givens))
    assert "<script>" not in html and "&lt;script&gt;" in html
