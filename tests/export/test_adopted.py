"""Exports of a decision adopted in a real SQLite meeting store: the workbook and CSV
reconcile with the adopted record, without solving again."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tests.conftest import SCENARIOS
from tests.test_cli import run
from workbench.errors import WorkbenchError
from workbench.export import decision_from_adopted, record_html, workbook_bytes
from workbench.export.tables import finance_tables, spend_title
from workbench.money import number_format
from workbench.store import MeetingStore
from workbench.store.record import Adoption, build_record

PENNY = 0.005


@pytest.fixture
def adopted(tmp_path):
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Budget")
        store.submit_weights(new.id, new.panel_tokens["tenants"],
                             {"carbon": 10, "outcomes": 1}, comment="=SUM(A1) greener bins",
                             dissent="We oppose closing libraries")
        record = build_record(store, new.id, adoption=Adoption(confirm_unanswered=True))
        store.adopt(new.id, new.facilitator_token, record, "Cllr A. Example")
        yield url, store, new


def test_the_export_is_the_adopted_record(adopted, tmp_path):
    _, store, new = adopted
    record = store.decisions(new.id)[-1].record
    decision = decision_from_adopted(store, new.id)
    chosen = record["analysis"]["recommended"]
    assert decision.portfolio.choices == chosen["choices"]
    assert decision.adopted_by == "Cllr A. Example"
    assert "oppose closing libraries" in decision.comments["tenants"]
    assert decision.group_weights["tenants"]["carbon"] == pytest.approx(10 / 11)
    path = tmp_path / "adopted.xlsx"
    path.write_bytes(workbook_bytes(decision))
    sheet = pd.read_excel(path, sheet_name="Allocation")
    rows = sheet.iloc[:-1]
    assert dict(zip(rows["Service id"], rows["Option id"])) == chosen["choices"]
    for year, spend in chosen["spend"].items():
        assert abs(rows[spend_title(year)].sum() - spend) < PENNY, year


def test_the_command_line_exports_an_adopted_decision(adopted, tmp_path):
    url, store, new = adopted
    chosen = store.decisions(new.id)[-1].record["analysis"]["recommended"]
    done = run("export", "--meeting", new.id, "--store", url,
               "--xlsx", str(tmp_path / "a.xlsx"), "--csv", str(tmp_path / "a.csv"))
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(tmp_path / "a.csv", dtype={"Service id": str, "Option id": str})
    assert dict(zip(rows["Service id"], rows["Option id"])) == chosen["choices"]
    assert abs(rows["Total"].sum() - chosen["total_cost"]) < PENNY
    missing = run("export", "--meeting", new.id, "--decision", "9", "--store", url,
                  "--csv", str(tmp_path / "b.csv"))
    assert missing.returncode == 1 and "no decision 9" in missing.stderr
    assert "Traceback" not in missing.stderr and not (tmp_path / "b.csv").exists()
    both = run("export", "scenarios/teaching.yaml", "--meeting", new.id, "--csv", "x.csv")
    assert both.returncode == 2 and "not both" in both.stderr


def test_a_meeting_with_nothing_adopted_says_so(tmp_path):
    with MeetingStore(f"sqlite:///{tmp_path / 'm.sqlite'}") as store:
        new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text())
        with pytest.raises(WorkbenchError, match="no decision has been adopted yet"):
            decision_from_adopted(store, new.id)


def test_an_adopted_workbook_formats_every_money_cell(adopted):
    """Money from a stored record (numbers read back from JSON) has the money format too,
    totals and the About sheet's total cost included."""
    _, store, new = adopted
    decision = decision_from_adopted(store, new.id)
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(decision)))
    money = number_format(decision.scenario.currency)
    for table in finance_tables(decision):
        ws = book[table.name]
        for k, column in enumerate(table.columns):
            if column.kind != "money":
                continue
            for (cell,) in ws.iter_rows(min_row=2, min_col=k + 1, max_col=k + 1):
                if isinstance(cell.value, (int, float)):
                    assert cell.number_format == money, (table.name, column.title, cell)
    about = {r[0].value: r[1] for r in book["About"].iter_rows(min_row=2)}
    assert about["Total cost"].number_format == money
    assert about["Scenario file"].value == f"meeting {new.id}, decision " \
        f"{store.decisions(new.id)[-1].id}"


# The commissioning cycle (commissioning-cycle.md, section 2): a portfolio adopted instead of
# the recommendation is what the finance export carries.

@pytest.fixture
def departed(tmp_path):
    """Riverside with the officers' proposal adopted instead of the recommendation (it
    departs for four services and breaks two givens)."""
    url = f"sqlite:///{tmp_path / 'departed.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Budget")
        reasons = {s.id: f"Members chose otherwise for {s.name}"
                   for s in store.scenario(new.id).services}
        record = build_record(store, new.id, adoption=Adoption("proposal", reasons=reasons))
        store.adopt(new.id, new.facilitator_token, record, "Cllr A. Example")
        yield url, store, new


def test_a_departing_adoption_exports_the_adopted_portfolio(departed, tmp_path):
    url, store, new = departed
    record = store.decisions(new.id)[-1].record
    taken, recommended = record["adopted"], record["analysis"]["recommended"]
    assert taken["choices"] != recommended["choices"] and len(taken["departures"]) == 4
    decision = decision_from_adopted(store, new.id)
    assert decision.departs and decision.adopted_source == "proposal"
    assert decision.portfolio.choices == taken["choices"]
    assert decision.portfolio.value == pytest.approx(taken["value"], abs=1e-9)
    assert decision.recommended_choices == recommended["choices"]
    assert [d.service for d in decision.departures] == \
        [d["service"] for d in taken["departures"]]
    assert decision.breaks == tuple(taken["breaks"]) and decision.breaks
    for group, satisfied in taken["satisfaction"].items():
        assert decision.recommendation.satisfaction[group] == pytest.approx(satisfied)
    done = run("export", "--meeting", new.id, "--store", url,
               "--xlsx", str(tmp_path / "a.xlsx"), "--csv", str(tmp_path / "a.csv"))
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(tmp_path / "a.csv", dtype={"Service id": str, "Option id": str})
    assert dict(zip(rows["Service id"], rows["Option id"])) == taken["choices"]
    assert abs(rows["Total"].sum() - taken["total_cost"]) < PENNY
    sheet = pd.read_excel(tmp_path / "a.xlsx", sheet_name="Allocation").iloc[:-1]
    assert dict(zip(sheet["Service id"], sheet["Option id"])) == taken["choices"]
    about = pd.read_excel(tmp_path / "a.xlsx", sheet_name="About")
    facts = dict(zip(about["Item"], about["Value"]))
    assert facts["Portfolio adopted"] == "the officers' proposal, not the recommendation"
    names = {s.id: s.name for s in decision.scenario.services}
    assert facts["Departs from the recommendation for"] == \
        "; ".join(names[d["service"]] for d in taken["departures"])
    assert abs(float(facts["Total cost"]) - taken["total_cost"]) < PENNY


def test_the_analysis_of_a_departing_adoption_finds_the_recommendation(departed):
    """The published page needs the trade-offs: the analysis finds the recommendation, not
    the adopted portfolio, and that is no reason to refuse (the page shows both)."""
    _, store, new = departed
    record = store.decisions(new.id)[-1].record
    decision = decision_from_adopted(store, new.id, with_analysis=True)
    assert decision.analysis.recommended.portfolio.choices == \
        record["analysis"]["recommended"]["choices"]
    assert decision.portfolio.choices == record["adopted"]["choices"]
    assert decision.proposal is not None
    assert decision.proposal.choices == record["proposal"]["choices"]


class _Rewritten:
    """The real store, with the record of its adopted decisions rewritten by ``change``: a
    record adopted by an older version, or one whose figures no longer add up."""

    def __init__(self, store, change):
        self.store, self.change = store, change

    def decisions(self, meeting_id):
        from dataclasses import replace

        return [replace(d, record=self.change(dict(d.record)))
                for d in self.store.decisions(meeting_id)]

    def scenario(self, meeting_id):
        return self.store.scenario(meeting_id)


CYCLE_KEYS = ("engagement", "opted_out", "you_said_we_did", "not_answered", "proposal",
              "adopted")


def test_a_record_adopted_before_the_cycle_exports_as_it_did(departed):
    """No ``adopted`` key: the recommendation is what was adopted, and nothing is missing."""
    _, store, new = departed
    old = _Rewritten(store, lambda r: {k: v for k, v in r.items() if k not in CYCLE_KEYS})
    record = store.decisions(new.id)[-1].record
    for with_analysis in (False, True):
        decision = decision_from_adopted(old, new.id, with_analysis=with_analysis)
        assert not decision.departs and decision.departures == ()
        assert decision.portfolio.choices == record["analysis"]["recommended"]["choices"]
        assert decision.views is None and decision.proposal is None
        assert decision.opted_out == {} and decision.not_answered == ()
    assert workbook_bytes(decision)
    page = record_html(decision)
    for heading in ("Where the decision departs", "Groups that opted out", "You said, we did",
                    "The officers' proposal"):
        assert heading not in page, heading
    assert "The decision: how each service will be delivered" in page


def test_adopted_choices_that_no_longer_give_their_value_are_refused(departed):
    _, store, new = departed

    def changed(record):
        record["adopted"] = {**record["adopted"], "value": record["adopted"]["value"] + 1}
        return record

    with pytest.raises(WorkbenchError, match="its adopted choices give value"):
        decision_from_adopted(_Rewritten(store, changed), new.id)
