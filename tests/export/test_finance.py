"""The finance export reconciles with the optimiser to the penny, read back with pandas."""

from __future__ import annotations

import io
import json
import math

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from tests.conftest import SCENARIOS, check_golden
from tests.test_cli import run
from workbench.export import DecisionExport, decision_from_file, workbook_bytes
from workbench.export.tables import finance_tables, one_off_title, spend_title
from workbench.fields import MODE_WORDS
from workbench.givens.registry import kind_of
from workbench.money import money
from workbench.money import number_format as money_format
from workbench.scenario import file_sha256, load_scenario

PENNY = 0.005
EXAMPLES = ["teaching", "riverside"]


@pytest.fixture(scope="module", params=EXAMPLES)
def exported(request, tmp_path_factory):
    """`workbench solve --json` and `workbench export --xlsx --csv` of one example."""
    name = request.param
    folder = tmp_path_factory.mktemp(name)
    scenario = SCENARIOS / f"{name}.yaml"
    solved = run("solve", str(scenario), "--json")
    assert solved.returncode == 0, solved.stderr
    done = run("export", str(scenario), "--xlsx", str(folder / "out.xlsx"),
               "--csv", str(folder / "out.csv"))
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and "Traceback" not in done.stderr
    return name, json.loads(solved.stdout), folder / "out.xlsx", folder / "out.csv"


def _allocation(path) -> tuple[pd.DataFrame, pd.Series]:
    """The Allocation sheet's service rows, and its totals row (the last)."""
    sheet = pd.read_excel(path, sheet_name="Allocation")
    return sheet.iloc[:-1], sheet.iloc[-1]


def test_workbook_reconciles_with_solve_json(exported):
    name, solved, xlsx, _ = exported
    rows, totals = _allocation(xlsx)
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    assert len(rows) == len(scenario.services)                  # one row per service
    assert list(rows["Service id"]) == [s.id for s in scenario.services]
    assert dict(zip(rows["Service id"], rows["Option id"])) == solved["choices"]
    for year, spend in solved["spend"].items():
        column = spend_title(year)
        assert abs(rows[column].sum() - spend) < PENNY, year    # the rows add up
        assert abs(totals[column] - spend) < PENNY, year        # the totals row is a value
    assert abs(rows["Total"].sum() - solved["total_cost"]) < PENNY
    assert abs(totals["Total"] - solved["total_cost"]) < PENNY
    assert totals["Service id"] == "Total"


def test_csv_reconciles_with_solve_json(exported):
    _, solved, _, csv = exported
    rows = pd.read_csv(csv, dtype={"Service id": str, "Option id": str})
    assert len(rows) == len(solved["choices"])                  # one row per service, no total
    assert dict(zip(rows["Service id"], rows["Option id"])) == solved["choices"]
    for year, spend in solved["spend"].items():
        assert abs(rows[spend_title(year)].sum() - spend) < PENNY, year
    assert abs(rows["Total"].sum() - solved["total_cost"]) < PENNY
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")         # Excel reads £ and accents


def test_workbook_has_every_sheet_formatted(exported):
    _, solved, xlsx, _ = exported
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Allocation", "Budget", "Givens", "Weights", "About"]
    sheet = book["Allocation"]
    header = [c.value for c in sheet[1]]
    money = header.index(spend_title(next(iter(solved["spend"])))) + 1
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title                # header stays in view
        assert all(c.font.bold for c in ws[1] if c.value is not None)
        for cell in ws[1]:
            width = ws.column_dimensions[cell.column_letter].width
            assert width >= min(len(str(cell.value)), 60), (ws.title, cell.value)
    cell = sheet.cell(row=2, column=money)
    assert isinstance(cell.value, (int, float))                 # money is a number
    assert cell.number_format == money_format("GBP") and "£" in cell.number_format
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_budget_sheet_has_spend_limits_and_headroom(exported):
    name, solved, xlsx, _ = exported
    budget = pd.read_excel(xlsx, sheet_name="Budget")
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    every = budget[(budget["Line"] == "Spend") & (budget["Areas"] == "All areas")].iloc[0]
    for year, spend in solved["spend"].items():
        assert abs(every[year] - spend) < PENNY
    for given in (g for g in scenario.givens if g.kind == "budget"):
        lines = budget[budget["Budget given"] == given.id].set_index("Line")
        for k, year in enumerate(scenario.years):
            limit, spend = lines.loc["Budget limit", year], \
                lines.loc["Spend within the budget", year]
            assert limit == pytest.approx(given.limit[k])
            assert lines.loc["Headroom", year] == pytest.approx(limit - spend)
            assert lines.loc["Headroom", year] >= -PENNY           # every given kept


def test_givens_weights_and_about_sheets(exported):
    name, solved, xlsx, _ = exported
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    sheets = pd.read_excel(xlsx, sheet_name=None)
    givens = sheets["Givens"]
    assert list(givens["Given id"]) == [g.id for g in scenario.givens]
    assert list(givens["Reason"]) == [g.reason for g in scenario.givens]
    assert (givens["Value given up to keep it (points of 100)"] >= 0).all()
    weights = sheets["Weights"].set_index("Group id")
    for c in scenario.criteria:
        assert weights.loc["agreed", c.name] == pytest.approx(solved["weights"][c.id])
    for g, data in solved["groups"].items():
        assert weights.loc[g, "Satisfaction with the decision (0 to 1)"] == \
            pytest.approx(data["satisfaction"])
        own = [weights.loc[g, c.name] for c in scenario.criteria]
        assert sum(own) == pytest.approx(1)
    about = dict(zip(sheets["About"]["Item"], sheets["About"]["Value"]))
    assert about["File SHA-256"] == file_sha256(SCENARIOS / f"{name}.yaml")
    assert about["Scenario"] == scenario.name and about["Solver"] == "cbc"
    assert about["Total cost"] == pytest.approx(solved["total_cost"])
    assert about["Workbench version"] and about["Generated at"]


def _values(value):
    value = value.item() if hasattr(value, "item") else value   # numpy scalars
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


VOLATILE = {"Generated at", "Solve time (seconds)", "Scenario file", "File SHA-256"}


def test_golden_values(exported):
    """Every value of every sheet, as the golden file holds it (not binary equality)."""
    name, _, xlsx, _ = exported
    sheets = pd.read_excel(xlsx, sheet_name=None, header=None)
    data = {}
    for title, frame in sheets.items():
        rows = [[_values(v) for v in row] for row in frame.itertuples(index=False)]
        if title == "About":
            rows = [r for r in rows if r[0] not in VOLATILE]
        data[title] = rows
    golden = check_golden(f"{name}.export.json", data)
    assert data.keys() == golden.keys()
    for title in data:
        assert len(data[title]) == len(golden[title]), title
        for got, want in zip(data[title], golden[title]):
            assert len(got) == len(want), (title, got)
            for a, b in zip(got, want):
                same = a == pytest.approx(b, abs=1e-6) if isinstance(b, (int, float)) \
                    and not isinstance(b, bool) else a == b
                assert same, (title, got, want)


def test_influence_and_adoption_are_carried(teaching_path):
    base = decision_from_file(teaching_path)
    decision = DecisionExport(base.scenario, base.recommendation,
                              influence={"users": 3, "staff": 1},
                              adopted_by="=Town council", source="teaching.yaml")
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(decision)))
    weights = {r[0].value: r for r in book["Weights"].iter_rows(min_row=2)}
    assert weights["users"][3].value == pytest.approx(0.75)     # share of influence
    about = {r[0].value: r[1] for r in book["About"].iter_rows(min_row=2)}
    assert about["Adopted by"].value == "=Town council"
    assert about["Adopted by"].data_type == "s"


# Issue 10, "Finance and record": what a finance analyst reads in the workbook.

def _sheet_rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row)) for row in ws.iter_rows(min_row=2)]


def test_modes_are_in_words(exported):
    _, _, xlsx, csv = exported
    rows = _sheet_rows(openpyxl.load_workbook(xlsx)["Allocation"])[:-1]
    modes = {r["Mode"].value for r in rows}
    assert modes <= set(MODE_WORDS.values()) and modes, modes
    assert set(pd.read_csv(csv)["Mode"]) == modes


def test_givens_are_in_words_with_the_raw_terms_beside(exported):
    name, _, xlsx, _ = exported
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    givens = pd.read_excel(xlsx, sheet_name="Givens")
    said = list(givens["What it demands"])
    assert said == [kind_of(g).sentence(g, scenario) for g in scenario.givens]
    assert not any(": " in s.split(".")[0] and "limit:" in s for s in said)
    assert all("limit: " not in s for s in said)
    budget = next(g for g in scenario.givens if g.kind == "budget")
    row = givens[givens["Given id"] == budget.id].iloc[0]
    assert row["Terms (as in the file)"].startswith("limit: ")      # for analysts
    assert money(budget.limit[0], scenario.currency) in row["What it demands"] or \
        "£" in row["What it demands"]


def test_about_names_the_file_not_the_server_path(exported, tmp_path):
    name, _, xlsx, _ = exported
    about = dict(zip(*zip(*[(r[0].value, r[1].value) for r in
                            openpyxl.load_workbook(xlsx)["About"].iter_rows(min_row=2)])))
    assert about["Scenario file"] == f"{name}.yaml"
    deep = tmp_path / "srv" / "secret-folder" / f"{name}.yaml"
    deep.parent.mkdir(parents=True)
    deep.write_bytes((SCENARIOS / f"{name}.yaml").read_bytes())
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(decision_from_file(deep))))
    shown = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not any("secret-folder" in v or str(tmp_path) in v for v in shown)


def test_every_money_cell_has_the_money_format_totals_included(exported):
    name, _, xlsx, _ = exported
    book = openpyxl.load_workbook(xlsx)
    decision = decision_from_file(SCENARIOS / f"{name}.yaml")
    checked = 0
    for table in finance_tables(decision):
        ws = book[table.name]
        money_columns = [k + 1 for k, c in enumerate(table.columns) if c.kind == "money"]
        for row in ws.iter_rows(min_row=2):
            for k in money_columns:
                cell = row[k - 1]
                if isinstance(cell.value, (int, float)):
                    assert cell.number_format == money_format("GBP"), (table.name, cell)
                    checked += 1
    totals = list(book["Allocation"].iter_rows())[-1]
    assert totals[0].value == "Total"
    assert all(c.number_format == money_format("GBP") for c in totals
               if isinstance(c.value, (int, float)))
    about = {r[0].value: r[1] for r in book["About"].iter_rows(min_row=2)}
    assert about["Total cost"].number_format == money_format("GBP")
    assert checked > 20


def test_one_off_cost_is_counted_once(exported):
    """The years' spend adds up to the row's total (the optimiser's spend), and the one-off
    column says it is already inside the first year's spend."""
    name, solved, xlsx, _ = exported
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    first = scenario.years[0]
    rows, totals = _allocation(xlsx)
    spend_columns = [spend_title(y) for y in scenario.years]
    one_off = one_off_title(first)
    assert one_off in rows.columns and spend_title(first) in one_off and "already" in one_off
    header = list(rows.columns)
    assert header.index(one_off) > header.index("Total")    # not among the years to add
    assert ((rows[spend_columns].sum(axis=1) - rows["Total"]).abs() < PENNY).all()
    assert (rows[one_off] <= rows[spend_title(first)] + PENNY).all()
    if name == "riverside":
        assert rows[one_off].sum() > 0                          # riverside has one-offs
    assert abs(totals[spend_columns].sum() - solved["total_cost"]) < PENNY
    assert abs(totals["Total"] - solved["total_cost"]) < PENNY


def test_every_table_sheet_has_an_autofilter(exported):
    _, _, xlsx, _ = exported
    book = openpyxl.load_workbook(xlsx)
    for ws in book.worksheets:
        totals = ws.cell(row=ws.max_row, column=1).value in ("Total", "agreed")
        last = ws.max_row - 1 if totals else ws.max_row
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{last}", ws.title


def test_csv_is_in_step_with_the_allocation_sheet(exported):
    _, _, xlsx, csv = exported
    sheet, _ = _allocation(xlsx)
    table = pd.read_csv(csv)
    assert list(table.columns) == list(sheet.columns)
    for column in table.columns:
        a, b = list(table[column]), list(sheet[column])
        for x, y in zip(a, b):
            same = (pd.isna(x) and pd.isna(y)) or x == y or \
                (isinstance(x, float) and x == pytest.approx(float(y)))
            assert same, (column, x, y)
