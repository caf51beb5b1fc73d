"""The UI state model, driven without a browser."""

from __future__ import annotations

from workbench.ui.state import AppState


def test_open_loads_and_solves(teaching_path):
    state = AppState()
    state.open(teaching_path)
    assert state.scenario.name.startswith("Little Marsh")
    assert state.result.portfolio.total_cost == 190_000
    assert "optimal" in state.status and not state.busy


def test_bad_file_keeps_the_previous_scenario(teaching_path, tmp_path):
    state = AppState()
    state.open(teaching_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text(teaching_path.read_text().replace("access: 60}", "access: 600}", 1))
    state.open(bad)
    assert state.scenario.name.startswith("Little Marsh")   # still the good one
    assert "services[0].options[0].scores.access: must be 0 to 100 (got 600)" in state.status
    assert str(bad) in state.status and not state.busy


def test_render_escapes_scenario_text(teaching_path):
    from workbench.scenario import load_scenario
    from workbench.ui.render import givens_html

    scenario = load_scenario(teaching_path)
    givens = [g.model_dump(by_alias=True) for g in scenario.givens]
    givens[0]["reason"] = "<script>alert(1)</script>"
    html = givens_html(scenario.replace(givens=givens))
    assert "<script>" not in html and "&lt;script&gt;" in html
