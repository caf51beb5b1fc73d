"""The allocation as CSV: one row per service, for finance systems that import CSV.

UTF-8 with a byte-order mark (so Excel reads £ and accented names); money as plain numbers
in full precision; no totals row (the per-year totals are the column sums). Text that a
spreadsheet would take for a formula starts with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from workbench.export.decision import DecisionExport
from workbench.export.tables import Cell, allocation
from workbench.spreadsheet import csv_text


def _field(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def csv_bytes(decision: DecisionExport) -> bytes:
    """The Allocation sheet as the bytes of a CSV file."""
    table = allocation(decision)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_field(c.title) for c in table.columns])
    for row in table.rows:
        writer.writerow([_field(v) for v in row])
    return out.getvalue().encode("utf-8-sig")
