"""The specification document (section 5) as HTML and as a Word document: requirements with
the core's agreed priority beside every group's, the answers where a group differs, the
kpi requirements as targets, the term sheet with positions and answers. Visitors' text is
escaped in HTML and a plain run in DOCX (opened back with python-docx)."""

from __future__ import annotations

import io

import docx
import pytest

from tests.store.codesign_helpers import EVIL, filled
from tests.test_cli import run
from workbench.export.docx import Heading, Paragraph, docx_bytes, plain_text
from workbench.export.specification import (
    meeting_specification,
    specification_docx,
    specification_html,
)
from workbench.store import open_store


@pytest.fixture
def made(tmp_path, teaching_text):
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    with open_store(url) as store:
        meeting = store.create_meeting(teaching_text)
        ids = filled(store, meeting, "Meals arrive hot " + EVIL)
        blocks = meeting_specification(store, meeting.id, "meals")
    return url, meeting, ids, blocks


@pytest.fixture
def teaching_text():
    from tests.conftest import SCENARIOS

    return (SCENARIOS / "teaching.yaml").read_text()


def test_the_html_page_escapes_and_shows_every_priority(made):
    *_, blocks = made
    page = specification_html(blocks)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Specification and contract terms: Meals on wheels" in page
    # users must, staff could: equal influence, so must reaches half
    assert "<th scope=\"col\">Agreed priority</th>" in page
    assert "Must have" in page and "Could have" in page
    assert "Staff and unions gave \u201cCould have\u201d; agreed \u201cMust have\u201d. " \
           "Rejected. Hot meals are what residents asked for" in page
    assert "Nine in ten meals on time" in page and "Targets to complete" in page
    assert "Three years, with a review" in page and "Asks to amend" in page
    assert page.count("Not answered.") == 1          # staff's support of the term


def test_the_word_document_opens_with_the_same_text(made):
    *_, blocks = made
    document = docx.Document(io.BytesIO(specification_docx(blocks)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert document.paragraphs[0].text == "Specification and contract terms: Meals on wheels"
    assert "Answers where a group's priority differs" in text
    assert any(EVIL in c for c in cells)                     # plain text, as typed
    assert "Agreed priority" in cells and "Must have" in cells
    assert "Three years, with a review" in text
    assert document.core_properties.title.startswith("Specification and contract terms")


def test_control_characters_are_dropped_and_text_bounded():
    assert plain_text("a\x00b\x1bc\nd") == "abc\nd"
    assert len(plain_text("x" * 30_000)) == 20_000
    data = docx_bytes("t\x07", [Heading("T\x01", 0), Paragraph("p\x02", "lead")])
    assert docx.Document(io.BytesIO(data)).paragraphs[1].text == "lead p"


def test_the_cli_writes_both_and_the_target_stubs(made, tmp_path):
    url, meeting, ids, _ = made
    html, word, stubs = tmp_path / "s.html", tmp_path / "s.docx", tmp_path / "t.yaml"
    done = run("specification", meeting.id, "--service", "meals", "--html", str(html),
               "--docx", str(word), "--targets", str(stubs), "--store", url)
    assert done.returncode == 0, done.stderr
    assert "&lt;script&gt;" in html.read_text()
    assert docx.Document(str(word)).paragraphs[0].text.startswith("Specification")
    assert f"id: {ids.r2}" in stubs.read_text() and "measure: Nine in ten" in stubs.read_text()
    listed = run("specification", meeting.id, "--service", "meals", "--store", url)
    assert f"{ids.r1}" in listed.stdout and "Must have" in listed.stdout
    refused = run("specification", meeting.id, "--service", "nope", "--store", url)
    assert refused.returncode != 0 and "unknown service" in refused.stderr
    assert "Traceback" not in refused.stderr
