"""The cycle's commands against a real store, run as a person would: answers, results,
challenges, the review from the store, and adopting another portfolio with reasons."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta

import pytest

from tests.conftest import ROOT, SCENARIOS
from tests.monitoring.results_model import monthly_results, results_csv
from workbench.store import MeetingStore


def run(*args: str, store: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args, "--store", store],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture
def meeting(tmp_path):
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Cycle")
        store.submit_weights(new.id, new.panel_tokens["staff"], {"staff_terms": 1},
                             dissent="No outsourcing")
    return url, new


def test_views_are_listed_and_answered(meeting):
    url, new = meeting
    listed = run("meeting", "views", new.id, store=url)
    assert listed.returncode == 0 and "dissent:2" in listed.stdout
    assert "not answered" in listed.stdout
    refused = run("meeting", "answer", new.id, "dissent:2", "--state", "rejected", "--by",
                  "Clerk", "--token", new.facilitator_token, store=url)
    assert refused.returncode != 0 and "needs a text that says why" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = run("meeting", "answer", new.id, "dissent:2", "--state", "rejected", "--text",
               "The budget cannot carry it", "--by", "Clerk", "--token",
               new.facilitator_token, store=url)
    assert done.returncode == 0, done.stderr
    assert "rejected: The budget cannot carry it (Clerk)" in \
        run("meeting", "views", new.id, store=url).stdout


def test_a_group_withdraws_its_own_view_and_no_one_else_can(meeting):
    url, new = meeting
    other = run("meeting", "withdraw", new.id, "dissent:2", "--token",
                new.panel_tokens["tenants"], store=url)
    assert other.returncode != 0 and "only the group that wrote a view" in other.stderr
    assert "Traceback" not in other.stderr
    done = run("meeting", "withdraw", new.id, "dissent:2", "--text", "We talked it over",
               "--token", new.panel_tokens["staff"], store=url)
    assert done.returncode == 0, done.stderr
    assert "withdrew dissent:2" in done.stdout
    with MeetingStore(url) as store:
        (view,) = [v for v in store.views(new.id) if v.key == "dissent:2"]
    assert view.state == "withdrawn" and view.answers[-1].text == "We talked it over"


def test_results_are_imported_whole_or_not_at_all(meeting, tmp_path):
    url, new = meeting
    with MeetingStore(url) as store:
        scenario = store.scenario(new.id)
    good = tmp_path / "results.csv"
    good.write_text(results_csv(monthly_results(scenario)))
    bad = tmp_path / "bad.csv"
    bad.write_text("service,measure,period,value\nhome_care,hc_on_time,2027-04,94\n"
                   "home_care,hc_on_time,2027-13,94\nlibraries,lib_visits,2027-04,lots\n")
    refused = run("results", "import", new.id, str(bad), "--token", new.facilitator_token,
                  store=url)
    assert refused.returncode == 2
    assert "row 3, column period" in refused.stderr and "row 4, column value" in refused.stderr
    with MeetingStore(url) as store:
        assert store.results(new.id) == []            # nothing imported on any problem
    done = run("results", "import", new.id, str(good), "--token", new.facilitator_token,
               store=url)
    assert done.returncode == 0, done.stderr
    assert "imported 80 results from results.csv" in done.stdout
    again = run("results", "import", new.id, str(good), "--token", new.facilitator_token,
                store=url)
    assert "80 replace earlier values" in again.stdout
    panel = run("results", "import", new.id, str(good), "--token",
                new.panel_tokens["staff"], store=url)
    assert panel.returncode != 0 and "only the facilitator" in panel.stderr
    reviewed = run("review", "--meeting", new.id, "--json", store=url)
    assert reviewed.returncode == 0, reviewed.stderr
    report = json.loads(reviewed.stdout)
    assert len(report["ratings"]) == 80 and "home_care" in report["due"]


def test_a_challenge_from_the_command_line(meeting):
    url, new = meeting
    refused = run("challenge", new.id, "--service", "home_care", "--grounds", "quality",
                  "--text", "Late visits", "--name", "Ann Reader", store=url)
    assert refused.returncode != 0 and "contact: must not be empty" in refused.stderr
    done = run("challenge", new.id, "--service", "home_care", "--grounds", "quality",
               "--text", "Late visits", "--name", "Ann Reader", "--contact",
               "ann@example.org", "--lodged", "2026-05-02", store=url)
    assert done.returncode == 0 and "challenge lodged: challenge:3" in done.stdout
    bad = run("challenge", new.id, "--service", "home_care", "--grounds", "quality",
              "--text", "x", "--name", "A", "--contact", "a", "--lodged", "2.5.27", store=url)
    assert bad.returncode != 0 and "--lodged: must be a date written YYYY-MM-DD" in bad.stderr
    today = date.today()
    later = (today + timedelta(days=1)).isoformat()
    ahead = run("challenge", new.id, "--service", "home_care", "--grounds", "quality",
                "--text", "x", "--name", "A", "--contact", "a", "--lodged", later, store=url)
    assert ahead.returncode != 0 and (f"--lodged: must not be after today "
                                      f"({today.isoformat()}) (got {later})") in ahead.stderr
    with MeetingStore(url) as store:
        (found,) = store.challenges(new.id, private=True)
    assert (found.lodged.isoformat(), found.contact) == ("2026-05-02", "ann@example.org")


def test_adopting_the_proposal_needs_reasons_and_a_confirmation(meeting):
    url, new = meeting
    base = ("meeting", "adopt", new.id, "--token", new.facilitator_token, "--by", "Chair",
            "--levels", "2")
    unanswered = run(*base, store=url)
    assert unanswered.returncode != 0 and "1 dissent note" in unanswered.stderr
    no_reason = run(*base, "--source", "proposal", "--confirm-unanswered", store=url)
    assert no_reason.returncode != 0 and "say why each service departs" in no_reason.stderr
    with MeetingStore(url) as store:
        from workbench.analysis import analyse

        scenario = store.scenario(new.id).with_weights({"staff": {"staff_terms": 1}})
        recommended = analyse(scenario, levels=2).recommended.portfolio.choices
        departing = [s for s, o in scenario.proposal.items() if recommended[s] != o]
    reasons = [arg for s in departing for arg in ("--reason", f"{s}=Officers' case")]
    keeps = next(s for s in scenario.proposal if s not in departing)
    stray = run(*base, "--source", "proposal", "--confirm-unanswered", *reasons, "--reason",
                f"{keeps}=Typed by mistake", store=url)
    assert stray.returncode != 0 and "keeps the recommended option, so it takes no reason" \
        in stray.stderr and "Traceback" not in stray.stderr
    typo = run(*base, "--source", "proposal", "--confirm-unanswered", *reasons, "--reason",
               "libaries=Typed by mistake", store=url)
    assert typo.returncode != 0 and "no service 'libaries'" in typo.stderr
    done = run(*base, "--source", "proposal", "--confirm-unanswered", *reasons, store=url)
    assert done.returncode == 0, done.stderr
    with MeetingStore(url) as store:
        record = store.decisions(new.id)[-1].record
    assert [d["service"] for d in record["adopted"]["departures"]] == departing
    assert record["not_answered"] == ["dissent:2"]


def test_the_needs_register_is_listed_and_written_as_defused_csv(meeting, tmp_path):
    url, new = meeting
    with MeetingStore(url) as store:
        store.propose_need(new.id, None, "=HYPERLINK(\"x\")", "Older residents",
                           name="Ann Smith", contact="ann@example.org")
        store.propose_need(new.id, new.panel_tokens["staff"], "Evening buses", "Shift workers")
        store.support_need(new.id, None, "need:3", "resident-ann-0001")
        store.merge_need(new.id, new.facilitator_token, "need:4", "need:3", "Both about buses")
        store.answer(new.id, new.facilitator_token, "need:4", "accepted", "From May", "Clerk")
    listed = run("needs", new.id, store=url)
    assert listed.returncode == 0, listed.stderr
    assert "need:4" in listed.stdout and "merged into need:3" in listed.stdout
    assert "accepted: From May (Clerk)" in listed.stdout
    out = tmp_path / "needs.csv"
    done = run("needs", new.id, "--csv", str(out), store=url)
    assert done.returncode == 0 and "wrote 2 needs" in done.stdout
    text = out.read_text(encoding="utf-8")
    header, first, second = csv.reader(io.StringIO(text))
    assert header[:6] == ["need", "text", "affected", "evidence", "proposed_by", "supports"]
    assert first[:7] == ["3", "'=HYPERLINK(\"x\")", "Older residents", "", "a resident", "1",
                         "residents 1"]
    assert second[4:10] == ["the panel of Staff and trade unions", "0", "", "3",
                            "Both about buses", "accepted"]
    assert "Ann Smith" not in text and "ann@example.org" not in text
    unknown = run("needs", "x" * 32, store=url)
    assert unknown.returncode != 0 and "Traceback" not in unknown.stderr
