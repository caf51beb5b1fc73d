"""``workbench tender start FILE`` (one link per evaluator and the moderator's; the file's
marks ignored) and ``workbench tender report MEETING --html FILE`` (refused, in words,
while marks are missing)."""

from __future__ import annotations

import re

from tests.tender.stored_helpers import FILE, mark_everything
from tests.test_cli import run
from workbench.store import open_store


def test_start_prints_the_links_and_report_waits_for_every_mark(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    done = run("tender", "start", str(FILE), "--store", url, "--base-url",
               "https://council.example")
    assert done.returncode == 0, done.stderr
    meeting = re.search(r"Tender evaluation (\w+): Home care framework 2027",
                        done.stdout).group(1)
    assert "scores and moderated marks, if any, are ignored" in done.stdout
    assert re.search(r"moderator: https://council.example/voila/render/moderation.ipynb\?"
                     rf"meeting={meeting}&token=", done.stdout)
    assert done.stdout.count("/voila/render/evaluator.ipynb?") == 3
    assert "Tenant evaluator (e3): https://" in done.stdout
    out = tmp_path / "report.html"
    refused = run("tender", "report", meeting, "--html", str(out), "--store", url)
    assert refused.returncode == 1 and "48 marks still missing" in refused.stderr
    assert "Traceback" not in refused.stderr and not out.exists()


def test_report_writes_the_page(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    with open_store(url) as store:
        made = store.create_tender(FILE.read_text(), "f.yaml")
        mark_everything(store, made)
    out = tmp_path / "report.html"
    done = run("tender", "report", made.id, "--html", str(out), "--store", url)
    assert done.returncode == 0, done.stderr
    assert "The winner is <strong>Riverside Care Co-operative</strong>" in out.read_text()


def test_start_refuses_a_missing_file(tmp_path):
    done = run("tender", "start", str(tmp_path / "none.yaml"), "--store",
               f"sqlite:///{tmp_path / 'w.sqlite'}")
    assert done.returncode == 1 and "no such file" in done.stderr


def test_report_as_a_word_document(tmp_path):
    import docx

    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    with open_store(url) as store:
        made = store.create_tender(FILE.read_text(), "f.yaml")
        mark_everything(store, made)
    out = tmp_path / "report.docx"
    done = run("tender", "report", made.id, "--docx", str(out), "--store", url)
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "Home care framework 2027: evaluation report"
    assert "The winner is Riverside Care Co-operative" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Moderated mark" in cells and "Interest declared" in cells
    neither = run("tender", "report", made.id, "--store", url)
    assert neither.returncode == 2 and "--docx" in neither.stderr
