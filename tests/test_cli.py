"""The command line: clear lines and exit codes, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_validate_good_files():
    done = run("validate", "scenarios/riverside.yaml", "scenarios/teaching.yaml")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(": valid") == 2


def test_validate_reports_every_problem_with_file_and_place(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (ROOT / "scenarios" / "teaching.yaml").read_text()
    text = text.replace("scores: {quality: 80, access: 60}", "scores: {quality: 80, access: 160}")
    text = text.replace("mode: outsource", "mode: outsauce")
    bad.write_text(text)
    done = run("validate", str(bad), "scenarios/teaching.yaml")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert f"{bad}: services[0].options[0].scores.access: must be 0 to 100 (got 160)" in \
        done.stderr
    assert any("services[0].options[1].mode: must be one of" in line for line in lines)
    assert "Traceback" not in done.stderr + done.stdout
    assert "teaching.yaml: valid" in done.stdout


def test_validate_broken_yaml_and_missing_file(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n")
    done = run("validate", str(broken), str(tmp_path / "absent.yaml"))
    assert done.returncode == 2
    assert "is not valid YAML" in done.stderr and "(line " in done.stderr
    assert "absent.yaml: no such file" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("solver", ["cbc", "highs"])
def test_solve_json(solver):
    done = run("solve", "scenarios/teaching.yaml", "--json", "--solver", solver)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)    # nothing but JSON on stdout (no solver banner)
    assert out["status"] == "optimal" and out["gap"] == 0
    assert out["value"] == pytest.approx(68.75) and out["total_cost"] == 190000
    assert out["choices"]["transport"] == "grant"
    assert set(out["groups"]) == {"users", "staff"}


def test_solve_table_is_readable():
    done = run("solve", "scenarios/riverside.yaml")
    assert done.returncode == 0, done.stderr
    assert "home_care" in done.stdout and "Satisfaction of each group" in done.stdout
    assert "Givens (all kept)" in done.stdout


def test_solve_infeasible_exits_3_with_the_conflict(tmp_path):
    text = (ROOT / "scenarios" / "teaching.yaml").read_text()
    path = tmp_path / "tight.yaml"
    path.write_text(text.replace("limit: 200000", "limit: 150000"))  # needs 180k with the library
    done = run("solve", str(path), "--json")
    assert done.returncode == 3
    out = json.loads(done.stdout)
    assert out["status"] == "infeasible"
    assert sorted(out["conflict"]) == ["budget", "library_duty"]
    assert "The precept agreed for 2027/28" in out["explanation"]


def test_generate_writes_a_valid_scenario(tmp_path):
    path = tmp_path / "g.json"
    done = run("generate", "--services", "25", "--seed", "4", "--output", str(path))
    assert done.returncode == 0, done.stderr
    assert run("validate", str(path)).returncode == 0
    solved = json.loads(run("solve", str(path), "--json").stdout)
    assert solved["status"] == "optimal" and len(solved["choices"]) == 25


def test_bad_arguments_are_refused_in_words():
    done = run("solve", "scenarios/teaching.yaml", "--time-limit", "-3")
    assert done.returncode == 2 and "must be above 0" in done.stderr
    assert "Traceback" not in done.stderr


def test_core_never_imports_ipywidgets():
    code = ("import sys, workbench, workbench.scenario, workbench.optimiser, workbench.weights, "
            "workbench.cli, workbench.generate, workbench.report, workbench.importers.pabulib, "
            "workbench.optimiser.live; workbench.optimiser.recommend; "
            "assert 'ipywidgets' not in sys.modules, 'core imported ipywidgets'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    imports = re.compile(r"^\s*(import|from)\s+ipywidgets\b", re.M)
    offenders = [p for p in (ROOT / "workbench").rglob("*.py")
                 if imports.search(p.read_text()) and "ui" not in p.relative_to(ROOT).parts]
    assert offenders == []
