"""``workbench review``: the spec's JSON shape, a golden review of the Riverside example with
a year of modelled results, and located problems (exit 2, no traceback) on a bad file."""

from __future__ import annotations

import json

import pytest

from tests.conftest import check_golden
from tests.monitoring.results_model import HERE, monthly_results, results_csv, riverside_monitored
from tests.test_cli import run
from workbench.scenario import save_scenario


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    scenario = riverside_monitored()
    save_scenario(scenario, folder / "riverside.yaml")
    (folder / "results.csv").write_text(results_csv(monthly_results(scenario)))
    return folder


def test_the_json_shape_and_the_golden_review(files):
    done = run("review", str(files / "riverside.yaml"), "--results", str(files / "results.csv"),
               "--challenges", str(HERE / "riverside_challenges.csv"), "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert list(out) == ["ratings", "performance", "due", "warnings"]
    assert set(out["ratings"][0]) == {"service", "target", "period", "value", "rating"}
    assert all("overall" in p for p in out["performance"].values())
    assert all(r["reason"] in ("missed_targets", "inadequate", "challenges", "contract_end")
               for reasons in out["due"].values() for r in reasons)
    reasons = {(s, r["reason"]) for s, rs in out["due"].items() for r in rs}
    assert {("libraries", "challenges"), ("waste_collection", "inadequate"),
            ("waste_collection", "contract_end"), ("home_care", "missed_targets")} <= reasons
    assert len(out["warnings"]) == 2        # home care and waste: fewer than 3 KPIs
    assert out == check_golden("riverside.review.json", out)


def test_as_of_and_the_readable_text(files):
    done = run("review", str(files / "riverside.yaml"), "--results", str(files / "results.csv"),
               "--as-of", "2027-06")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Review of Riverside") and "as of 2027-06" in done.stdout
    assert "(20 results)" in done.stdout    # 6 monthly targets x 3 months, 2 quarterly x 1
    assert "Contract performance" in done.stdout


def test_bad_files_exit_2_with_located_problems(files, tmp_path):
    bad = tmp_path / "results.csv"
    bad.write_text("service,measure,period,value\nhome_care,hc_on_time,2027-04,abc\n")
    done = run("review", str(files / "riverside.yaml"), "--results", str(bad), "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert f"{bad}: row 2, column value: must be a number (got 'abc')" in done.stderr
    assert "Traceback" not in done.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("service,measure,period,value\n")
    done = run("review", str(files / "riverside.yaml"), "--results", str(empty))
    assert done.returncode == 2 and "give --as-of YYYY-MM" in done.stderr
    done = run("review", str(files / "riverside.yaml"), "--results", str(empty), "--as-of",
               "2027-13")
    assert done.returncode == 2 and "--as-of: must be a month written YYYY-MM" in done.stderr
    done = run("review", str(files / "riverside.yaml"), "--results", str(empty), "--as-of",
               "2028-03", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["ratings"] == []


def test_a_challenge_after_the_files_months_is_refused(files, tmp_path):
    """"Today" for the files is the last day of the review's month or of the latest result's
    (the Riverside model's challenges run to March 2028, after the real date)."""
    ok = run("review", str(files / "riverside.yaml"), "--results", str(files / "results.csv"),
             "--challenges", str(HERE / "riverside_challenges.csv"), "--as-of", "2027-06")
    assert ok.returncode == 0, ok.stderr
    late = tmp_path / "late.csv"
    late.write_text("service,challenger,group,lodged,grounds,text\n"
                    "libraries,A. Khan,,2031-01-01,access,From the future\n")
    done = run("review", str(files / "riverside.yaml"), "--results", str(files / "results.csv"),
               "--challenges", str(late))
    assert done.returncode == 2 and "row 2, column lodged: must not be after today (" in \
        done.stderr and "(got 2031-01-01)" in done.stderr
