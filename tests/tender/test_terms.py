"""Contract terms: positions and the agreed term's answers, checked at every place."""

from __future__ import annotations

import pytest

from workbench.errors import ScenarioError
from workbench.tender.terms import TOPICS, Position, TermAnswer, terms_from_data

SHEET = {
    "terms": [{"id": "length", "topic": "length", "text": "Five years"},
              {"id": "breaks", "topic": "break_clauses", "text": "A break after year three"}],
    "positions": [{"group": "tenants", "term": "length", "stance": "amend",
                   "text": "Three years, with a review by service users"},
                  {"group": "staff", "term": "length", "stance": "support"},
                  {"group": "staff", "term": "breaks", "stance": "oppose"}],
    "agreed": [{"term": "length", "text": "Four years, a review by service users at two",
                "answers": [{"group": "tenants", "state": "partly_accepted",
                             "text": "A review at two years; four years for continuity"}]}],
}


def test_a_term_sheet_and_its_answers():
    sheet = terms_from_data(SHEET, {"tenants", "staff"})
    tenants, staff_length, staff_breaks = sheet.positions
    assert sheet.answer_to(tenants) == TermAnswer("partly_accepted", "A review at two years; "
                                                  "four years for continuity")
    assert sheet.answer_to(staff_length).state == "not_answered"     # never taken as accepted
    assert sheet.answer_to(staff_breaks).state == "not_answered"
    assert sheet.missing_topics() == tuple(t for t in TOPICS if t not in ("length",
                                                                          "break_clauses"))
    with pytest.raises(AttributeError):
        tenants.stance = "oppose"  # type: ignore[misc]
    assert isinstance(tenants, Position)


def test_every_problem_at_its_place():
    bad = {"terms": [{"id": "length", "topic": "duration", "text": "Five years"},
                     {"id": "breaks", "topic": "break_clauses", "text": "A break"}],
           "positions": [{"group": "tenants", "term": "breaks", "stance": "amend"},
                         {"group": "tenants", "term": "breaks", "stance": "oppose"},
                         {"group": "aliens", "term": "breaks", "stance": "support"},
                         {"group": "staff", "term": "nope", "stance": "maybe"}],
           "agreed": [{"term": "breaks", "text": "A break after three years",
                       "answers": [{"group": "tenants", "state": "rejected"},
                                   {"group": "staff", "state": "accepted"}]}]}
    with pytest.raises(ScenarioError) as caught:
        terms_from_data(bad, {"tenants", "staff"})
    assert sorted(str(p) for p in caught.value.problems) == sorted([
        "terms[0].topic: must be one of length, break_clauses, price_review, service_credits, "
        "right_to_challenge, social_value, tupe, involvement (got 'duration')",
        "positions[0].text: is required",
        "positions[1]: tenants already has a position on breaks (positions[0])",
        "positions[2].group: unknown group 'aliens'",
        "positions[3].term: unknown term 'nope'",
        "positions[3].stance: must be one of support, oppose, amend (got 'maybe')",
        "agreed[0].answers[0].text: a rejected answer needs a text that says why",
        "agreed[0].answers[1].group: staff has no position on breaks to answer"])
