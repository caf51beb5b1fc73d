"""Word documents (DOCX) written one way, through python-docx: a document is a list of
plain blocks (headings, paragraphs, tables) that the HTML writers can show too.

Every text is a plain run, never markup or a field, so a visitor's text stays text; the
characters XML cannot hold (control characters) are dropped, and each text is bounded.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.atomic import write_atomically
from workbench.errors import InputError

MAX_CELL = 20_000        # characters of one block's text or one cell
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1            # 0: the title


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: str = ""            # a bold lead before the text (plain too)


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Table


def plain_text(value: object) -> str:
    """``value`` as text a DOCX run can hold: no control characters, at most MAX_CELL."""
    text = _NOT_XML.sub("", str(value))
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "\u2026"


def docx_bytes(title: str, blocks: Sequence[Block]) -> bytes:
    """The blocks as a Word document (its core title set to ``title``)."""
    try:
        from docx import Document
    except ImportError:          # a core dependency; say how to get it rather than fail
        raise InputError("the Word document needs python-docx: run make setup (or pip "
                         "install python-docx)") from None
    document = Document()
    document.core_properties.title = plain_text(title)[:250]
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(plain_text(block.text), level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            if block.bold:
                paragraph.add_run(plain_text(block.bold)).bold = True
                paragraph.add_run(" ")
            paragraph.add_run(plain_text(block.text))
        else:
            document.add_paragraph().add_run(plain_text(block.caption)).bold = True
            grid = document.add_table(rows=1, cols=len(block.header))
            grid.style = "Table Grid"
            for cell, text in zip(grid.rows[0].cells, block.header, strict=True):
                cell.paragraphs[0].add_run(plain_text(text)).bold = True
            for row in block.rows:
                cells = grid.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.paragraphs[0].add_run(plain_text(text))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(title: str, blocks: Sequence[Block], path: str | Path) -> None:
    """Write the document atomically: a failure leaves no half-written file."""
    write_atomically(Path(path), docx_bytes(title, blocks))
