"""The needs register as published (commissioning-cycle.md, section 6): a section of the
"after the decision" page, and a CSV file for a spreadsheet. Both read the store's public
reading (``store.needs`` without ``private``), so a resident's name and contact never reach
them; every text is escaped in HTML and defused in the CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from workbench.atomic import write_atomically
from workbench.export.answers import answer_html
from workbench.html import escaped as _e
from workbench.monitoring.answers import STATE_WORDS
from workbench.spreadsheet import defused
from workbench.store.needs import RESIDENTS, Need

CSV_COLUMNS = ("need", "text", "affected", "evidence", "proposed_by", "supports",
               "supports_by_group", "merged_into", "merge_reason", "answer_state", "answer",
               "answered_by", "answered_at")


def _number(key: str | None) -> str:
    return (key or "").split(":", 1)[-1]


def _by(need: Need, names: Mapping[str, str]) -> str:
    return "a resident" if need.via == "public" else \
        f"the panel of {names.get(need.via, need.via)}"


def _supports(need: Need, names: Mapping[str, str]) -> str:
    return "; ".join(f"{'residents' if g == RESIDENTS else names.get(g, g)} {n}"
                     for g, n in need.supports)


def needs_section(needs: Sequence[Need], names: Mapping[str, str]) -> str:
    """The register under its own heading: each need with who is affected, the evidence,
    who proposed it, its supports, a merge with its reason, and its answer."""
    head = ("<h2>The needs register</h2><p>Anyone can propose a need and support the needs "
            "of others; each need gets an answer. A need merged into another stays listed, "
            "and its supports count toward the one it was merged into. Who proposed a need "
            "is published only as a group's panel or \u201ca resident\u201d.</p>")
    if not needs:
        return head + "<p>No need has been proposed.</p>"
    parts = [head]
    for need in needs:
        merged = (f"<p><strong>Merged into need {_e(_number(need.merged_into))}</strong>: "
                  f"{_e(need.merge_reason)}</p>") if need.merged_into else ""
        evidence = f"<p>Evidence: {_e(need.evidence)}</p>" if need.evidence else ""
        total = need.support_count
        support = (f"{total} support{'s' if total != 1 else ''} ({_e(_supports(need, names))})"
                   if total else "no support yet")
        parts.append(
            f"<h3>Need {_e(_number(need.key))}: {_e(need.text)}</h3><div class=\"said\">"
            f"{merged}<p>Who is affected: {_e(need.affected)}.</p>{evidence}"
            f"<p>Proposed by {_e(_by(need, names))}; {support}.</p>"
            + answer_html(need.answers) + "</div>")
    return "".join(parts)


def needs_csv(needs: Sequence[Need], names: Mapping[str, str]) -> bytes:
    """The register as CSV (UTF-8), one row per need, columns as CSV_COLUMNS."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for need in needs:
        last = need.answers[-1] if need.answers else None
        row = (_number(need.key), need.text, need.affected, need.evidence, _by(need, names),
               need.support_count, _supports(need, names), _number(need.merged_into),
               need.merge_reason, STATE_WORDS[need.state], last.text if last else "",
               last.by if last else "", last.at.isoformat() if last else "")
        writer.writerow([defused(v) if isinstance(v, str) else v for v in row])
    return buffer.getvalue().encode("utf-8")


def write_needs_csv(needs: Sequence[Need], names: Mapping[str, str], path: str | Path) -> None:
    """Write the CSV atomically: a failure leaves no half-written file."""
    write_atomically(Path(path), needs_csv(needs, names))
