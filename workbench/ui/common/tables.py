"""HTML tables for every page: a caption, column headers, one header cell per row, and a
wrapper that scrolls the table inside itself so a narrow screen never scrolls sideways.
Cells are HTML the caller has already escaped; headers and captions are escaped here."""

from __future__ import annotations

from workbench.ui.common import esc


def head(*names: str) -> str:
    return "<thead><tr>" + "".join(f'<th scope="col">{esc(n)}</th>' for n in names) + \
        "</tr></thead>"


def row(header: str, cells: list[str], css: str = "") -> str:
    """One row: ``header`` is plain text (escaped here), ``cells`` are HTML."""
    mark = f' class="{css}"' if css else ""
    return f"<tr{mark}><th scope='row'>{esc(header)}</th>" + "".join(
        f"<td>{c}</td>" for c in cells) + "</tr>"


def table(caption: str, header: list[str], rows: list[str], css: str,
          foot: str = "") -> str:
    """A captioned table of ready rows (see ``row``), scrollable within its own box."""
    tfoot = f"<tfoot>{foot}</tfoot>" if foot else ""
    return (f'<div class="wb-scroll" role="region" aria-label="{esc(caption)}" tabindex="0">'
            f'<table class="wb-table {css}"><caption>{esc(caption)}</caption>'
            f"{head(*header)}<tbody>{''.join(rows)}</tbody>{tfoot}</table></div>")
