"""What every published page shares: the style sheet, the standalone page around a body,
tables that scroll in their own box, and dates in words.

A published page is one file with no scripts and no external resources, so it can be
emailed, archived and printed to PDF from a browser; every text in it is escaped.
"""

from __future__ import annotations

from datetime import date, datetime

from workbench import numbers
from workbench.html import escaped as _e
from workbench.html import table as _html_table

STYLE = """
:root { color: #1a1a1a; background: #ffffff; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       line-height: 1.5; max-width: 60rem; margin: 0 auto; padding: 1.5rem; font-size: 1.05rem; }
h1 { font-size: 1.9rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.45rem; margin-top: 2.2rem; border-bottom: 2px solid #0b4f8a; }
h3 { font-size: 1.15rem; margin-top: 1.4rem; }
.lead { font-size: 1.15rem; }
.meta { color: #3d3d3d; }
.scroll { overflow-x: auto; max-width: 100%; margin: 1rem 0 1.5rem; }
.scroll:focus { outline: 3px solid #0b4f8a; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #8c8c8c; padding: 0.35rem 0.5rem; text-align: left;
         vertical-align: top; }
thead th { background: #e8eef5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.changes th, tr.changes td { background: #fff4e0; }
blockquote { margin: 0.5rem 0 1rem; padding: 0.4rem 1rem; border-left: 4px solid #0b4f8a;
             background: #f4f7fa; }
.answer { margin: 0 0 1.2rem; padding-left: 1rem; border-left: 4px solid #8c8c8c; }
.unanswered { border-left-color: #a4262c; }
.said, .item { overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em;
          border: 1px solid #1a1a1a; vertical-align: -0.05em; }
figure { margin: 1rem 0 1.5rem; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d0d0; }
figcaption { font-size: 0.95rem; color: #3d3d3d; }
footer { margin-top: 3rem; font-size: 0.9rem; color: #3d3d3d; border-top: 1px solid #8c8c8c; }
code { overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  body { padding: 0.75rem; font-size: 1rem; }
  h1 { font-size: 1.5rem; }
  th, td { padding: 0.3rem 0.35rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  table, figure, blockquote { break-inside: avoid; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def page_html(title: str, body: str) -> str:
    """A standalone page: ``title`` is plain text (escaped here), ``body`` HTML already."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{STYLE}</style></head>"
            f"<body>{body}</body></html>\n")


def scrolling(caption: str, html: str) -> str:
    """A table in its own box that scrolls sideways (focusable, so the keyboard can
    scroll it), so that a wide table never makes the page scroll sideways on a phone."""
    return f'<div class="scroll" tabindex="0" role="region" aria-label="{_e(caption)}">' \
        f"{html}</div>"


def table(caption: str, header, rows, **options) -> str:
    """:func:`workbench.html.table` in its own scrolling box."""
    return scrolling(caption, _html_table(caption, header, rows, **options))


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def day_words(day: date | datetime | str | None) -> str:
    """A day as people write it: 01 March 2027 (an ISO text is read first)."""
    if day is None:
        return "not recorded"
    if isinstance(day, str):
        day = datetime.fromisoformat(day)
    return f"{day:%d %B %Y}"


def moment_words(moment: datetime | str | None) -> str:
    """A moment as people write it: 01 March 2027 at 19:30 (UTC when it says so)."""
    if moment is None:
        return "not recorded"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    zone = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return f"{moment:%d %B %Y} at {moment:%H:%M}{zone}"


def satisfaction_text(satisfaction: float | None) -> str:
    """Satisfaction as every page writes it (workbench.numbers), "not worked out" when
    missing."""
    return numbers.satisfaction(satisfaction, "not worked out")
