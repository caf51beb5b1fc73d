"""Names that a spreadsheet would run as formulas stay text, in the workbook and the CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tests.test_cli import run
from workbench.export import csv_bytes, decision_from_file, workbook_bytes
from workbench.export.tables import allocation
from workbench.spreadsheet import FORMULA_TRIGGERS, csv_text, is_formula_like

EVIL = Path(__file__).resolve().parent / "formula-names.yaml"


@pytest.fixture(scope="module")
def decision():
    return decision_from_file(EVIL)


def test_the_scenario_really_is_hostile(decision):
    names = [s.name for s in decision.scenario.services] + \
        [o.provider for s in decision.scenario.services for o in s.options if o.provider]
    assert {n[0] for n in names} >= {"=", "+", "-", "@", "\t", "\r"}


def test_workbook_has_no_formula_cell_and_keeps_every_name(decision, tmp_path):
    path = tmp_path / "evil.xlsx"
    done = run("export", str(EVIL), "--xlsx", str(path))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(path)
    texts = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if is_formula_like(cell.value):
                        assert cell.quotePrefix, (ws.title, cell.coordinate)
                    if isinstance(cell.value, str) and cell.value.lstrip() != cell.value:
                        assert cell.quotePrefix, (ws.title, cell.coordinate)
    # the names are kept exactly, as text
    chosen = decision.portfolio.choices
    for service in decision.scenario.services:
        assert service.name in texts
        provider = service.option(chosen[service.id]).provider
        # (XML reads a carriage return back as a newline)
        assert provider is None or provider.replace("\r", "\n") in texts
    assert "+44 20 7946 0000" in texts and "-3" in texts and "@GP" in texts
    assert decision.scenario.name in texts and "=Care" in texts and "-2027/28" in texts
    assert "Spend -2027/28" in texts
    # and the raw XML holds no formula element at all
    import zipfile

    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_csv_has_no_formula_triggering_field(decision, tmp_path):
    path = tmp_path / "evil.csv"
    done = run("export", str(EVIL), "--csv", str(path))
    assert done.returncode == 0, done.stderr
    table = allocation(decision)
    money = {i for i, c in enumerate(table.columns) if c.kind == "money"}
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + len(decision.scenario.services)
    for row in rows:
        for i, field in enumerate(row):
            if i in money and row is not rows[0]:
                float(field)                                # a plain number (may be negative)
            else:
                assert not field.startswith(FORMULA_TRIGGERS), (i, field)
    names = [r[1] for r in rows[1:]]
    assert names == ["'" + s.name for s in decision.scenario.services]
    assert rows[0][8] == "Spend -2027/28"                   # headers are text too


def test_csv_bytes_match_the_cli(decision, tmp_path):
    assert csv_bytes(decision).count(b"\r\n") == 1 + len(decision.scenario.services)
    assert workbook_bytes(decision)[:2] == b"PK"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_text_neutralises_each_trigger(text):
    assert csv_text(text) == "'" + text
    assert csv_text("plain -text") == "plain -text"
