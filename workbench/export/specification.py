"""The specification document of a service (commissioning-cycle.md, section 5): its
requirements with their agreed priorities and every group's priority, the answers where a
group's priority differs, the performance indicators that become targets, and the term
sheet with each group's position and the agreed term's answer to it.

Built once as plain blocks (workbench.export.docx) from the store's reading (the core's
agreed priorities and ``not_answered``, never worked out again here), then written as a
standalone HTML page (every text escaped) or a Word document (every text a plain run).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from workbench.atomic import write_atomically
from workbench.export.docx import Block, Heading, Paragraph, Table, docx_bytes
from workbench.export.page import moment_words, page_html
from workbench.export.page import table as html_table
from workbench.html import escaped as _e
from workbench.monitoring.answers import STATE_WORDS, Answer
from workbench.store.codesign import KIND_WORDS, PRIORITY_WORDS, Codesign
from workbench.tender.terms import TOPIC_WORDS

STANCE_NAMES = {"support": "Supports", "oppose": "Opposes", "amend": "Asks to amend"}


def _priority(value: str | None) -> str:
    return PRIORITY_WORDS.get(value or "", "no priority given")


def _answer_words(answers: Sequence[Answer]) -> str:
    if not answers:
        return "Not answered."
    last = answers[-1]
    text = f" {last.text}" if last.text.strip() else ""
    return (f"{STATE_WORDS[last.state].capitalize()}.{text} (Answered by {last.by} on "
            f"{moment_words(last.at)}.)")


def specification_blocks(found: Codesign, service_name: str, names: Mapping[str, str],
                         meeting_name: str = "") -> list[Block]:
    """The document as plain blocks; ``names``: group id -> name, in the scenario's order."""
    spec, sheet = found.spec, found.sheet
    title = f"Specification and contract terms: {service_name}"
    out: list[Block] = [Heading(title, 0)]
    if meeting_name:
        out.append(Paragraph(meeting_name, "Meeting:"))
    out.append(Paragraph(
        "Each group gave each requirement a priority. The agreed priority is the one the "
        "groups' influence reaches half of, counting from \u201cmust have\u201d down (the "
        "influence-weighted median); a group that opted out counts for nothing. Where a "
        "group's priority differs from the agreed one, the group gets an answer."))
    if found.opted_out:
        out.append(Paragraph(", ".join(names.get(g, g) for g in found.opted_out),
                             "Opted out (counted as 0):"))
    out.append(Heading("Requirements", 1))
    groups = [g for g in names]
    if not spec.requirements:
        out.append(Paragraph("No requirement has been proposed."))
    else:
        rows = []
        for r in spec.requirements:
            rows.append((r.text, KIND_WORDS.get(r.kind, r.kind),
                         names.get(r.proposed_by, r.proposed_by),
                         _priority(found.agreed.get(r.id)),
                         *(_priority(spec.priorities.get(g, {}).get(r.id)) for g in groups)))
        out.append(Table("Requirements and their priorities",
                         ("Requirement", "Kind", "Proposed by", "Agreed priority",
                          *(names[g] for g in groups)), tuple(rows)))
        differ = [(r, g) for r in spec.requirements for g in groups if found.differs(r.id, g)]
        out.append(Heading("Answers where a group's priority differs", 2))
        if not differ:
            out.append(Paragraph("No group's priority differs from the agreed one."))
        for r, g in differ:
            out.append(Paragraph(
                f"{names.get(g, g)} gave \u201c{_priority(spec.priorities[g][r.id])}\u201d; "
                f"agreed \u201c{_priority(found.agreed.get(r.id))}\u201d. "
                + _answer_words(found.priority_answers.get((r.id, g), ())), r.text + ":"))
    stubs = found.kpi_stubs()
    if stubs:
        out.append(Heading("Performance indicators that become targets", 2))
        out.append(Paragraph("Each becomes a target of the contract once officers set its "
                             "unit, direction, level and period and the groups agree it."))
        out.append(Table("Targets to complete", ("Measure", "Unit", "Better when",
                                                 "Target", "Period"),
                         tuple((s["measure"], "to set", "to set", "to set", "to set")
                               for s in stubs)))
    out.append(Heading("Contract terms", 1))
    if not sheet.terms:
        out.append(Paragraph("No term has been proposed."))
    agreed = {a.term: a for a in sheet.agreed}
    for term in sheet.terms:
        out.append(Heading(TOPIC_WORDS.get(term.topic, term.topic).capitalize(), 2))
        out.append(Paragraph(term.text, "Proposed:"))
        out.append(Paragraph(agreed[term.id].text if term.id in agreed else
                             "not agreed yet.", "Agreed:"))
        positions = [p for p in sheet.positions if p.term == term.id]
        if not positions:
            out.append(Paragraph("No group has taken a position on this term."))
            continue
        rows = []
        for p in positions:
            answer = sheet.answer_to(p)
            history = found.term_answers.get((term.id, p.group), ())
            words = _answer_words(history) if answer.state != "not_answered" else \
                "Not answered."
            rows.append((names.get(p.group, p.group), STANCE_NAMES.get(p.stance, p.stance),
                         p.text or "", words))
        out.append(Table(f"Positions on the {TOPIC_WORDS.get(term.topic, term.topic)}",
                         ("Group", "Position", "Amendment or reason", "Answer"),
                         tuple(rows)))
    return out


def blocks_html(blocks: Sequence[Block]) -> str:
    """The blocks as HTML, every text escaped."""
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            level = min(block.level + 1, 4)
            parts.append(f"<h{level}>{_e(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            lead = f"<strong>{_e(block.bold)}</strong> " if block.bold else ""
            parts.append(f'<p class="said">{lead}{_e(block.text)}</p>')
        else:
            parts.append(html_table(block.caption, block.header,
                                    [[_e(c) for c in row] for row in block.rows]))
    return "".join(parts)


def specification_html(blocks: Sequence[Block]) -> str:
    """The standalone page (no scripts, nothing external)."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), "Specification")
    return page_html(title, "<main>" + blocks_html(blocks) + "</main>")


def specification_docx(blocks: Sequence[Block]) -> bytes:
    title = next((b.text for b in blocks if isinstance(b, Heading)), "Specification")
    return docx_bytes(title, blocks)


def write_specification(blocks: Sequence[Block], *, html: str | Path | None = None,
                        docx: str | Path | None = None) -> None:
    """Write the HTML page and/or the Word document, each atomically."""
    if html is not None:
        write_atomically(Path(html), specification_html(blocks).encode("utf-8"))
    if docx is not None:
        write_atomically(Path(docx), specification_docx(blocks))


def meeting_specification(store, meeting_id: str, service: str) -> list[Block]:
    """The document of one service of a meeting, from the store."""
    scenario = store.scenario(meeting_id)
    names = {s.id: s.name for s in scenario.stakeholders}
    service_name = next(s.name for s in scenario.services if s.id == service) \
        if any(s.id == service for s in scenario.services) else service
    return specification_blocks(store.codesign(meeting_id, service), service_name, names,
                                store.meeting(meeting_id).name)
