"""``workbench tender``: the spec's JSON, a readable table, exit 2 with located problems on
a bad file (never a traceback), and the winner into a new scenario."""

from __future__ import annotations

import json

from tests.conftest import ROOT, SCENARIOS, check_golden
from tests.test_cli import run
from workbench.scenario import load_scenario

EXAMPLE = "scenarios/tenders/home-care-framework.yaml"


def test_json_is_the_golden_file():
    done = run("tender", EXAMPLE, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out == check_golden("tender.home-care-framework.json", out)
    assert [b["id"] for b in out["bids"]] == ["c", "a", "b", "d"]
    assert out["bids"][-1]["compliant"] is False and out["bids"][-1]["rank"] is None
    assert out["winner"] == "c" and list(out["by_price_weight"]) == [
        "10", "20", "30", "40", "50", "60", "70", "80", "90"]


def test_the_readable_table():
    done = run("tender", EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert "Winner: c" in done.stdout
    assert "not compliant: its price of £21,400,000 is above the ceiling of £21,000,000" \
        in done.stdout


def test_a_bad_file_exits_2_with_every_problem_located(tmp_path):
    text = (ROOT / EXAMPLE).read_text()
    text = text.replace("{evaluator: e1, bid: a, criterion: workforce, mark: 50}",
                        "{evaluator: e1, bid: a, criterion: workforce, mark: 60}")
    text = text.replace("  - {evaluator: e2, bid: b, criterion: reliability, mark: 50}\n", "")
    bad = tmp_path / "tender.yaml"
    bad.write_text(text)
    done = run("tender", str(bad), "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"{bad}: scores: no mark from evaluator e2 for bid b on reliability: every evaluator "
        "marks every bid on every criterion (a missing mark is not 0) (line 28)",
        f"{bad}: scores[3].mark: must be one of 0, 25, 50, 75, 100 (got 60) (line 32)"]
    done = run("tender", str(tmp_path / "missing.yaml"))
    assert done.returncode == 2 and "no such file" in done.stderr


def test_the_winner_becomes_the_outsource_option_in_a_new_scenario(tmp_path):
    out = tmp_path / "after.yaml"
    done = run("tender", EXAMPLE, "--into", "scenarios/riverside.yaml", "--option",
               "zoned_ethical", "--out", str(out))
    assert done.returncode == 0, done.stderr
    before = load_scenario(SCENARIOS / "riverside.yaml")
    after = load_scenario(out)
    option = after.service("home_care").option("zoned_ethical")
    old = before.service("home_care").option("zoned_ethical")
    assert option.provider == "Riverside Care Co-operative" and option.mode == "outsource"
    assert set(option.cost) == {20_100_000} and option.scores == old.scores
    assert option.one_off == old.one_off
    assert "tender: Home care framework 2027" in after.name
    text = out.read_text()
    assert "marks: {outcomes: 75.0, workforce: 91.66666666666667" in text
    done = run("tender", EXAMPLE, "--into", "scenarios/riverside.yaml", "--out",
               str(tmp_path / "no.yaml"))
    assert done.returncode == 1 and "2 outsource options (framework, zoned_ethical)" \
        in done.stderr
    assert not (tmp_path / "no.yaml").exists()
    done = run("tender", EXAMPLE, "--into", "scenarios/riverside.yaml")
    assert done.returncode == 2 and "go together" in done.stderr
