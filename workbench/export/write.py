"""Writing the exports to disk: each built in memory first, then written atomically."""

from __future__ import annotations

from pathlib import Path

from workbench.atomic import write_atomically
from workbench.export.csvfile import csv_bytes
from workbench.export.decision import DecisionExport
from workbench.export.published import record_html
from workbench.export.xlsx import workbook_bytes


def write_exports(decision: DecisionExport, *, xlsx: str | Path | None = None,
                  csv: str | Path | None = None, html: str | Path | None = None) -> list[Path]:
    """Write the requested files; each is whole or untouched (WorkbenchError says why).

    Every file is built before any is written, so a failure while building leaves nothing.
    """
    planned: list[tuple[Path, bytes]] = []
    if xlsx is not None:
        planned.append((Path(xlsx), workbook_bytes(decision)))
    if csv is not None:
        planned.append((Path(csv), csv_bytes(decision)))
    if html is not None:
        planned.append((Path(html), record_html(decision).encode("utf-8")))
    for path, content in planned:
        write_atomically(path, content)
    return [path for path, _ in planned]
