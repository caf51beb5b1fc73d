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
from workbench.export import decision_from_adopted, workbook_bytes
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
