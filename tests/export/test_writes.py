"""Exports are whole or not there at all, and a failure says why; bad decisions are refused."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, SCENARIOS
from tests.test_cli import run
from workbench.atomic import write_atomically
from workbench.errors import WorkbenchError
from workbench.export import DecisionExport, NothingToExport, decision_from_file, write_exports
from workbench.optimiser import recommend
from workbench.scenario import load_scenario


@pytest.fixture(scope="module")
def teaching():
    return decision_from_file(SCENARIOS / "teaching.yaml")


def test_missing_folder_is_named_and_nothing_is_left(tmp_path, teaching):
    target = tmp_path / "absent" / "out.xlsx"
    with pytest.raises(WorkbenchError) as caught:
        write_exports(teaching, xlsx=target)
    assert str(target) in str(caught.value) and "does not exist" in str(caught.value)
    assert not (tmp_path / "absent").exists()


def test_a_folder_in_the_way_is_named_and_no_temporary_file_stays(tmp_path, teaching):
    target = tmp_path / "out.csv"
    target.mkdir()                                   # os.replace onto a folder fails
    with pytest.raises(WorkbenchError) as caught:
        write_exports(teaching, csv=target)
    assert "is a folder" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert list(target.iterdir()) == []


def test_failure_while_building_writes_nothing(tmp_path, teaching):
    """The record needs the analysis; asking for it too must not leave the workbook alone."""
    with pytest.raises(WorkbenchError, match="needs the trade-off analysis"):
        write_exports(teaching, xlsx=tmp_path / "out.xlsx", html=tmp_path / "out.html")
    assert list(tmp_path.iterdir()) == []


def test_an_old_file_is_replaced_whole(tmp_path, teaching):
    target = tmp_path / "out.csv"
    target.write_text("old")
    write_exports(teaching, csv=target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfService id,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    assert target.stat().st_mode & 0o044                  # readable by the finance team


def test_write_atomically_keeps_the_old_file_when_the_move_fails(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "keep").write_text("x")
    with pytest.raises(WorkbenchError):
        write_atomically(folder, b"new")              # the target is a non-empty folder
    assert (folder / "keep").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_cli_says_why_in_one_line(tmp_path):
    done = run("export", "scenarios/teaching.yaml", "--xlsx", str(tmp_path / "no" / "o.xlsx"))
    assert done.returncode == 1
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr
    done = run("export", "scenarios/teaching.yaml")
    assert done.returncode == 2 and "--xlsx" in done.stderr


def test_infeasible_scenario_exports_nothing_and_exits_3(tmp_path):
    text = (ROOT / "scenarios" / "teaching.yaml").read_text()
    path = tmp_path / "tight.yaml"
    path.write_text(text.replace("limit: 200000", "limit: 150000"))
    done = run("export", str(path), "--xlsx", str(tmp_path / "o.xlsx"))
    assert done.returncode == 3
    assert "no portfolio to export" in done.stderr and "The precept" in done.stderr
    assert not (tmp_path / "o.xlsx").exists()
    with pytest.raises(NothingToExport):
        decision_from_file(path)


def test_a_what_if_is_not_a_decision(teaching):
    scenario = load_scenario(SCENARIOS / "teaching.yaml")
    lifted = recommend(scenario, lifted=["budget"])
    with pytest.raises(WorkbenchError, match="what-if"):
        DecisionExport(scenario, lifted)
    with pytest.raises(WorkbenchError, match="unknown group"):
        DecisionExport(scenario, teaching.recommendation, comments={"nobody": "hi"})


def test_analysis_of_another_portfolio_is_refused(teaching):
    from workbench.analysis import Analysis

    scenario = teaching.scenario
    other = Analysis(scenario, recommend(scenario, whatif=[("advice", "grant", True)]))
    assert other.recommended.portfolio.choices != teaching.portfolio.choices
    with pytest.raises(WorkbenchError, match="different portfolio"):
        DecisionExport(scenario, teaching.recommendation, other)
