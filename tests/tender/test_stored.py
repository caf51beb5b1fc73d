"""The pure reader of a stored tender evaluation: the file without its marks, the history
read in order, and the Tender built through the file's own checks."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tests.tender.stored_helpers import FILE, file_data, tender_text
from workbench.errors import InputError, ScenarioError
from workbench.tender import evaluate, load_tender
from workbench.tender.stored import (
    STORED_PREFIX,
    evaluation_of,
    is_stored_tender,
    stored_tender,
    stored_text,
)
from workbench.tender.stored import (
    file_data as stored_file_data,
)


def _event(version, kind, actor, **detail):
    return SimpleNamespace(version=version, kind=kind, actor=actor, detail=detail)


def _history(data, *, last_mark=None):
    """Every declaration and mark of the file, then its moderations, as events."""
    found, v = [], 1
    for e in data["evaluators"]:
        found.append(_event(v, "interest_declared", e["id"], interest=None))
        v += 1
    for s in data["scores"]:
        found.append(_event(v, "tender_marked", s["evaluator"], bid=s["bid"],
                            criterion=s["criterion"], mark=s["mark"]))
        v += 1
    for m in data["moderated"]:
        found.append(_event(v, "tender_moderated", "facilitator", **m))
        v += 1
    return found


def test_the_file_is_kept_without_its_marks_format_first():
    kept = stored_file_data(tender_text(), "t.yaml")
    assert "scores" not in kept and "moderated" not in kept
    text = stored_text(kept)
    assert text.startswith(STORED_PREFIX) and is_stored_tender(text)
    assert not is_stored_tender("format: commissioning-scenario/1")
    assert json.loads(text)["bids"][0]["price"] == 19200000


def test_a_file_without_scores_is_accepted_and_one_with_other_problems_is_not():
    data = file_data()
    del data["scores"], data["moderated"]
    assert stored_file_data(json.dumps(data))["name"] == "Home care framework 2027"
    data["bids"][0]["price"] = 0
    with pytest.raises(ScenarioError, match=r"bids\[0\]\.price: must be above 0"):
        stored_file_data(json.dumps(data), "t.json")


def test_the_history_gives_the_files_figures_exactly():
    data = file_data()
    evaluation = evaluation_of(stored_file_data(tender_text()), _history(data))
    assert evaluation.complete and len(evaluation.declarations) == 3
    assert evaluate(stored_tender(evaluation)).to_json() == \
        evaluate(load_tender(FILE)).to_json()


def test_a_later_mark_is_the_one_in_force_and_a_missing_one_is_listed():
    data = file_data()
    history = _history(data)
    marks = [h for h in history if h.kind == "tender_marked"]
    dropped = marks[5]                               # e3, a, workforce
    history.remove(dropped)
    history.append(_event(999, "tender_marked", "e1", bid="a", criterion="outcomes",
                          mark=25))
    evaluation = evaluation_of(stored_file_data(tender_text()), history)
    assert evaluation.marks["e1", "a", "outcomes"].mark == 25
    assert evaluation.missing == [("e3", "a", "workforce")]
    assert evaluation.missing_of("e3") == [("a", "workforce")]
    assert not evaluation.cell_complete("a", "workforce")
    with pytest.raises(InputError, match="1 mark still missing: Tenant evaluator on "
                                         "Riverside Care Partnership, Fair work"):
        stored_tender(evaluation)


def test_with_no_marks_every_one_is_missing_none_is_zero():
    evaluation = evaluation_of(stored_file_data(tender_text()), [])
    assert len(evaluation.missing) == 48
    with pytest.raises(InputError, match=r"48 marks still missing: .* and 38 more \(a "
                                         "missing mark is not 0\\)"):
        stored_tender(evaluation)
