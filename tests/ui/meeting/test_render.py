"""The meeting page's HTML from plain data: names not ids, text escaped, limits in words."""

from __future__ import annotations

from tests.conftest import SCENARIOS
from workbench.optimiser import recommend
from workbench.scenario import load_scenario
from workbench.ui.common import esc
from workbench.ui.common.givens import givens_html
from workbench.ui.meeting.render import changes_html, comparison_html, portfolio_html
from workbench.ui.meeting.state import MeetingState, changes_between


def test_render_escapes_scenario_text():
    scenario = load_scenario(SCENARIOS / "teaching.yaml")
    givens = [g.model_dump(by_alias=True) for g in scenario.givens]
    givens[0]["reason"] = "<script>alert(1)</script>"
    html = givens_html(scenario.replace(givens=givens))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_givens_show_their_demands_and_limits_in_words_not_ids():
    scenario = load_scenario(SCENARIOS / "riverside.yaml")
    html = givens_html(scenario)
    assert "£71m" in html and "Care Act 2014" in html
    for g in scenario.givens:
        assert f">{g.id}<" not in html


def test_the_compare_table_names_services_and_options():
    state = MeetingState()
    assert state.open_path(SCENARIOS / "riverside.yaml")
    state.pin()
    for g in state.group_weights:
        state.set_weight(g, "staff_terms", 100)
    diff = state.comparison()
    state.close()
    assert diff["changed"]
    html = comparison_html(state.scenario, diff, True)
    for s, (_before, b) in diff["changed"].items():
        service = state.scenario.service(s)
        assert f"<th scope='row'>{esc(service.name)}</th>" in html
        assert f"<td>{esc(service.option(b).name)}</td>" in html
        assert f">{s}<" not in html and f">{b}<" not in html and "→" not in html


def test_what_a_move_changed_is_marked_in_words():
    scenario = load_scenario(SCENARIOS / "riverside.yaml")
    before = recommend(scenario, solver="highs")
    after = recommend(scenario.replace(stakeholders=[
        {**g.model_dump(by_alias=True),
         "weights": {c: 100 if c == "staff_terms" else 1 for c in scenario.criterion_ids}}
        for g in scenario.stakeholders]), solver="highs")
    changes = changes_between(before, after)
    assert changes["changed"]
    html = changes_html(scenario, changes)
    assert "Last change:" in html and "value " in html and "total cost" in html
    table = portfolio_html(scenario, after, set(changes["changed"]))
    assert table.count("changed by the last move") == len(changes["changed"])


def test_a_solve_stopped_by_its_time_limit_says_so_beside_the_sliders():
    import dataclasses

    from workbench.optimiser.status import TIME_LIMIT
    from workbench.ui.meeting.render import summary_html

    scenario = load_scenario(SCENARIOS / "teaching.yaml")
    proven = recommend(scenario)
    assert "Not proven best" not in summary_html(scenario, proven, {})
    stopped = dataclasses.replace(proven, status=TIME_LIMIT, gap=0.0123, seconds=19.6)
    said = summary_html(scenario, stopped, {})
    assert "Not proven best:</strong> the solver reached its time limit after 20 s" in said
    assert "proven gap 1.2300%" in said


def test_the_pages_solves_stop_at_the_upload_time_limit(monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_SECONDS", "7")
    state = MeetingState()
    assert state.open_path(SCENARIOS / "teaching.yaml")
    assert state._optimiser(()).time_limit == 7
