"""The facilitator's specification page in HTML: the document's own blocks (the core's
agreed priorities beside every group's, the answers, the targets to complete, the term
sheet with positions and answers), a summary of what waits for an answer, and the
download links. Every text is escaped."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence

from workbench.export.docx import Heading
from workbench.export.specification import blocks_html, specification_blocks
from workbench.store.codesign import Codesign
from workbench.ui.common import esc

STYLE = """<style>
.wb-codesign-page .wb-form { gap: 4px; margin: 0 0 12px 0; }
.wb-codesign-page .wb-form .widget-textarea, .wb-codesign-page .wb-form .widget-text,
.wb-codesign-page .wb-form .widget-dropdown { width: 100% !important;
  max-width: 40em !important; }
.wb-codesign-page .scroll { overflow-x: auto; max-width: 100%; }
.wb-codesign-page table { border-collapse: collapse; }
.wb-codesign-page th, .wb-codesign-page td { border: 1px solid #8c8c8c; padding: 4px 6px;
  text-align: left; vertical-align: top; }
.wb-codesign-page caption { text-align: left; font-weight: 600; }
.wb-codesign-page .said { overflow-wrap: anywhere; }
.wb-codesign-page a.wb-download { display: inline-block; margin: 4px 8px 4px 0;
  padding: 6px 12px; border: 2px solid #0b5cad; color: #0b4f8a; border-radius: 4px;
  min-height: 36px; }
</style>"""


def overview_html(found: Codesign, service_name: str, groups: Mapping[str, str]) -> str:
    """The service's specification and term sheet as the document shows them."""
    blocks = [b for b in specification_blocks(found, service_name, groups)
              if not (isinstance(b, Heading) and b.level == 0)]
    return f"<div class='wb-codesign-overview'>{blocks_html(blocks)}</div>"


def waiting_html(found: Codesign, groups: Mapping[str, str]) -> str:
    """What waits for an answer: priorities that differ, positions not answered."""
    priorities = len(found.to_answer())
    positions = sum(found.sheet.answer_to(p).state == "not_answered"
                    for p in found.sheet.positions)
    if found.empty:
        return ("<p>No requirement or term for this service yet: propose the first below; "
                "each group's page then shows it.</p>")
    return (f"<p role='status'>{priorities} group priorit{'y' if priorities == 1 else 'ies'} "
            f"differ{'s' if priorities == 1 else ''} from the agreed one without an answer; "
            f"{positions} position{'' if positions == 1 else 's'} on terms not answered.</p>")


def downloads_html(files: Sequence[tuple[str, str, bytes, str]]) -> str:
    """Links that download (label, file name, content, media type), as data addresses."""
    links = "".join(
        f"<a class='wb-download' download='{esc(name)}' href='data:{esc(kind)};base64,"
        f"{base64.b64encode(content).decode('ascii')}'>{esc(label)}</a>"
        for label, name, content, kind in files)
    return f"<p>{links}</p>" if links else ""
