"""The finance workbook (openpyxl): numbers as numbers, text always as text.

Every string cell is stored as a string, so a name like ``=HYPERLINK(...)`` is never a
formula; money has the scenario's currency format (totals too); headers are frozen, bold and
filtered; totals are values, so pandas and other tools read them without a spreadsheet
engine.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workbench.export.decision import DecisionExport
from workbench.export.tables import MONEY_ROWS_OF_ABOUT, Cell, Column, Table, finance_tables
from workbench.money import number_format
from workbench.spreadsheet import is_formula_like, printable

MAX_WIDTH = 60


FORMATS = {"number": "0.0000", "share": "0.0000", "integer": "0"}


def _put(ws: Worksheet, row: int, column: int, value: Cell, kind: str, money: str):
    cell = ws.cell(row=row, column=column)
    if value is None:
        return cell
    if isinstance(value, str):
        # XML reads a carriage return back as a newline: store the newline it will become.
        text = printable(value).replace("\r\n", "\n").replace("\r", "\n")
        cell.value = text
        cell.data_type = "s"          # never a formula, whatever it starts with
        if is_formula_like(value) or is_formula_like(text):
            cell.quotePrefix = True   # and stays text when someone edits the cell
        return cell
    cell.value = value
    if kind == "money":
        cell.number_format = money
    elif kind in FORMATS:
        cell.number_format = FORMATS[kind]
    return cell


def _width(value: Cell, kind: str) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value)
    if kind == "money":
        return len(f"{value:,.2f}") + 2
    return len(f"{value:.4f}") if isinstance(value, float) else len(str(value))


def _sheet(ws: Worksheet, table: Table, money: str) -> None:
    ws.title = table.name
    bold = Font(bold=True)
    for c, column in enumerate(table.columns, start=1):
        cell = _put(ws, 1, c, column.title, "text", money)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=False, vertical="top")
    rows = list(table.rows) + ([table.totals] if table.totals is not None else [])
    for r, row in enumerate(rows, start=2):
        for c, (value, column) in enumerate(zip(row, table.columns), start=1):
            cell = _put(ws, r, c, value, _kind(table, row, c, column), money)
            if table.totals is not None and r == len(rows) + 1:
                cell.font = bold
    ws.freeze_panes = "A2"
    # A filter on the header over the item rows (not the totals, which would sort in).
    last = 1 + len(table.rows)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{max(last, 1)}"
    for c, column in enumerate(table.columns, start=1):
        widest = max([len(column.title)] + [_width(row[c - 1], _kind(table, row, c, column))
                                            for row in rows])
        ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, widest + 2)


def _kind(table: Table, row: tuple, c: int, column: Column) -> str:
    if table.name == "About" and c == 2:
        return "money" if row[0] in MONEY_ROWS_OF_ABOUT else "number"
    return column.kind


def workbook_bytes(decision: DecisionExport) -> bytes:
    """The workbook of ``decision`` as the bytes of an .xlsx file."""
    book = Workbook()
    money = number_format(decision.scenario.currency)
    for k, table in enumerate(finance_tables(decision)):
        ws = book.active if k == 0 else book.create_sheet()
        _sheet(ws, table, money)
    book.properties.title = printable(decision.scenario.name)[:250]
    book.properties.creator = "Commissioning Workbench"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
