"""HTML for people, built one way: escaped text and accessible tables.

Every piece of text from a file or a visitor is data, never markup: it goes through
:func:`escaped`. Tables have a caption and scoped headers, so screen readers can say
which row and column a number belongs to. The published record uses these, and the
pages can too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from html import escape


def escaped(text: object) -> str:
    """``text`` as HTML text (quotes too, so it is safe inside attributes)."""
    return escape(str(text), quote=True)


def table(caption: str, header: Sequence[str] | None, rows: Sequence[Sequence[str]], *,
          numeric: Collection[int] = frozenset(), row_header: bool = True,
          row_class: Sequence[str] | None = None) -> str:
    """A table with a caption and scoped headers. ``caption`` and ``header`` are plain text
    (escaped here; no header row when ``header`` is None, for a table of facts whose rows
    are headed by their first cell); cells are HTML already (escape text with
    :func:`escaped`). Columns in
    ``numeric`` are right-aligned; the first cell of each row is its header unless
    ``row_header`` is false; ``row_class`` gives each row a class (or "")."""
    head = "" if header is None else "<thead><tr>" + "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{escaped(h)}</th>'
        for i, h in enumerate(header)) + "</tr></thead>"
    body = []
    for k, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            css = ' class="num"' if i in numeric else ""
            if i == 0 and row_header:
                cells.append(f'<th scope="row"{css}>{cell}</th>')
            else:
                cells.append(f"<td{css}>{cell}</td>")
        css = f' class="{escaped(row_class[k])}"' if row_class and row_class[k] else ""
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    return (f"<table><caption>{escaped(caption)}</caption>{head}"
            f"<tbody>{''.join(body)}</tbody></table>")
