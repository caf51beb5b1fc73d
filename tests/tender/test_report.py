"""The evaluation report of a stored tender: every mark, every reason beside the marks, the
declarations, how the winner was reached, the sensitivity drawn and in words; every text
from a file or an evaluator escaped."""

from __future__ import annotations

import re

import pytest

from tests.tender.stored_helpers import mark_everything, tender_text
from workbench.tender import evaluate
from workbench.tender.report import evaluation_report_html
from workbench.tender.stored import stored_tender


@pytest.fixture
def stored(tmp_path):
    from workbench.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'w.sqlite'}") as store:
        text = tender_text().replace("Homewise Ltd", "Homewise <script>x()</script> Ltd")
        made = store.create_tender(text, "t.yaml")
        mark_everything(store, made)
        evaluation = store.tender_evaluation(made.id)
    return evaluation


def test_the_report_shows_how_the_winner_was_reached(stored):
    result = evaluate(stored_tender(stored))
    page = evaluation_report_html(stored, result)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "Homewise &lt;script&gt;x()&lt;/script&gt; Ltd" in page
    assert "The winner is <strong>Riverside Care Co-operative</strong>" in page
    assert "relative pricing" in page and "£21,000,000 is not compliant" in page
    assert "Premier Homecare Group" in page and "not ranked" in page
    # every mark: 4 bids x 4 criteria rows, each with 3 evaluators' marks
    assert len(re.findall(r"<tr><th scope=\"row\">[^<]*: ", page)) >= 16
    assert "section 4.2" in page and "single locality" in page        # the reasons
    assert "My sister works for Homewise" in page                       # a declaration
    assert page.count("<figure><img src='data:image/png;base64,") == 2
    assert "alt='Each bid&#x27;s points: Riverside Care Co-operative" in page
    assert "Winner" in page and "tenants" in page                        # by group
    assert "PPN 002" in page or "No warnings" in page
