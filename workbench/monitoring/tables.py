"""Reading a results or challenges table (CSV or XLSX) from an untrusted file: bounded by
:mod:`workbench.limits`, every problem located by row and column, nothing half-read.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is
row 2 (in a CSV, row n is its n-th line when no field holds a line break).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from workbench.errors import Problem, ScenarioError
from workbench.limits import Deadline, Limits, excerpt, limits_for, too_big

MAX_PROBLEMS = 200            # listed at most; the rest are counted
Cell = str | float | int | date | None
XLSX_MAGIC = b"PK\x03\x04"


class Row(NamedTuple):
    """One data row: its number as a spreadsheet shows it, and its cells by column name."""

    number: int
    cells: dict[str, Cell]

    def text(self, column: str) -> str:
        """The cell as text, stripped ('' when empty); a number cell as it reads."""
        value = self.cells.get(column)
        if type(value) is str:
            return value.strip()
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()


class Problems:
    """Problems found in one file, each at ``row N, column C``; ``raise_any`` refuses the
    file with all of them (at most MAX_PROBLEMS listed, the rest counted)."""

    def __init__(self, name: str):
        self.name = name
        self.found: list[Problem] = []
        self._rows: list[int] = []

    def add(self, row: int | None, column: str | None, message: str) -> None:
        place = ", ".join(p for p in (f"row {row}" if row else "",
                                      f"column {column}" if column else "") if p)
        self.found.append(Problem(place, message, self.name, None))
        self._rows.append(row or 0)

    def raise_any(self) -> None:
        """Refuse the file with every problem, in row order, when there is any."""
        if not self.found:
            return
        order = sorted(range(len(self.found)), key=lambda i: self._rows[i])
        shown = [self.found[i] for i in order[:MAX_PROBLEMS]]
        if len(self.found) > len(shown):
            shown.append(Problem("", f"and {len(self.found) - len(shown):,} more problems, "
                                     "not listed (mend these first); nothing was imported",
                                 self.name))
        raise ScenarioError(shown)


def read_source(source: str | Path | bytes, name: str | None, limits: Limits) -> tuple[bytes, str]:
    """The bytes of ``source`` (a path, or the bytes of an upload) and the name to show."""
    if isinstance(source, bytes):
        refused = too_big(len(source), limits)
        shown = name or "<upload>"
        if refused:
            raise ScenarioError([Problem("", refused, shown)])
        return source, shown
    path = Path(source)
    shown = name or str(path)
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            refused = too_big(size, limits)
            raw = b"" if refused else handle.read(limits.bytes + 1)
        refused = refused or too_big(len(raw), limits)
    except FileNotFoundError:
        raise ScenarioError([Problem("", "no such file", shown)]) from None
    except IsADirectoryError:
        raise ScenarioError([Problem("", "is a folder, not a file", shown)]) from None
    except OSError as exc:
        raise ScenarioError([Problem("", f"cannot be read ({exc.strerror})", shown)]) from None
    if refused:
        raise ScenarioError([Problem("", refused, shown)])
    return raw, shown


def read_table(source: str | Path | bytes, columns: tuple[str, ...], name: str | None = None,
               limits: Limits | None = None) -> tuple[Problems, list[Row]]:
    """The rows of a CSV or XLSX table with (at least) ``columns``, and the problems found
    so far (a formula, a cell too long), which the caller adds to and raises.

    A file starting like a ZIP archive (or named ``.xlsx``) is read as a workbook (its first
    sheet), anything else as UTF-8 CSV. Blank rows are skipped; other columns are ignored.
    """
    local = not isinstance(source, bytes)
    limits = limits or limits_for(local_file=local)
    raw, shown = read_source(source, name, limits)
    problems = Problems(shown)
    deadline = Deadline(limits)
    workbook = raw.startswith(XLSX_MAGIC) or shown.lower().endswith(".xlsx")
    lines = _xlsx_rows(raw, problems, limits) if workbook else _csv_rows(raw, problems, limits)
    rows: list[Row] = []
    header: list[str] | None = None
    wanted: list[tuple[int, str]] = []
    for number, values in lines:
        if number % 4096 == 0 and deadline.expired():
            raise ScenarioError([Problem("", deadline.message(), shown)])
        if header is None:
            header = [str(v).strip().lower() if v is not None else "" for v in values]
            _check_header(header, columns, problems)
            problems.raise_any()
            wanted = [(i, c) for i, c in enumerate(header) if c in columns and
                      header.index(c) == i]
            continue
        if _blank(values):
            continue
        if len(rows) >= limits.rows:
            problems.add(None, None, f"has more than {limits.rows:,} rows; nothing was "
                         "imported (WORKBENCH_MAX_ROWS raises the limit)")
            problems.raise_any()
        cells = {c: values[i] if i < len(values) else None for i, c in wanted}
        if _longest(cells) > limits.cell:
            for column, value in cells.items():
                if isinstance(value, str) and len(value) > limits.cell:
                    problems.add(number, column, f"is {len(value):,} characters long; at most "
                                 f"{limits.cell:,} are allowed (WORKBENCH_MAX_CELL raises "
                                 "the limit)")
                    cells[column] = value[:limits.cell]
        rows.append(Row(number, cells))
    if header is None:
        problems.add(None, None, "is empty: it needs a header row with the columns "
                     f"{', '.join(columns)}")
        problems.raise_any()
    return problems, rows


def _longest(cells: dict[str, Cell]) -> int:
    """At least the length of the longest text cell (their total, when all are text)."""
    try:
        return sum(map(len, cells.values()))        # type: ignore[arg-type]  # all text
    except TypeError:
        return max((len(v) for v in cells.values() if isinstance(v, str)), default=0)


def _blank(values: list[Cell]) -> bool:
    try:
        return not "".join(values).strip()          # type: ignore[arg-type]  # all text
    except TypeError:                               # a workbook row: numbers, dates
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _check_header(header: list[str], columns: tuple[str, ...], problems: Problems) -> None:
    seen: set[str] = set()
    for _i, column in enumerate(header):
        if column in columns and column in seen:
            problems.add(1, column, "appears twice in the header")
        seen.add(column)
    missing = [c for c in columns if c not in seen]
    if missing:
        problems.add(1, None, f"the header has no column {', '.join(missing)} (the columns "
                     f"are {', '.join(columns)}; got {excerpt(', '.join(header))})")


def _csv_rows(raw: bytes, problems: Problems, limits: Limits) -> Iterator[tuple[int, list[Cell]]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(None, None, f"is not UTF-8 text ({exc.reason} at byte {exc.start}); save "
                     "it as CSV UTF-8")
        problems.raise_any()
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    old = csv.field_size_limit()
    csv.field_size_limit(max(limits.cell * 4, 1024))
    try:
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.add(number + 1, None, f"cannot be read as CSV ({excerpt(str(exc))})")
                problems.raise_any()
            number += 1
            yield number, list(values)
    finally:
        csv.field_size_limit(old)


def _xlsx_rows(raw: bytes, problems: Problems, limits: Limits) -> Iterator[tuple[int, list[Cell]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
        sheet = book.worksheets[0]
    except Exception as exc:  # a broken or foreign archive: openpyxl raises many kinds
        problems.add(None, None, f"is not an XLSX workbook that can be read "
                     f"({type(exc).__name__})")
        problems.raise_any()
        return
    try:
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            if number > limits.rows + 1:
                problems.add(None, None, f"has more than {limits.rows:,} rows; nothing was "
                             "imported (WORKBENCH_MAX_ROWS raises the limit)")
                problems.raise_any()
            values: list[Cell] = []
            for cell in cells:
                value: Any = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    letter = getattr(cell, "column_letter", "?")
                    problems.add(number, None, f"cell {letter}{number} holds a formula; a "
                                 "results file must hold values only")
                    value = None
                elif isinstance(value, datetime):
                    value = value.date() if value.time() == datetime.min.time() else value
                elif isinstance(value, float) and not math.isfinite(value):
                    value = str(value)
                values.append(value)
            yield number, values
    finally:
        book.close()
