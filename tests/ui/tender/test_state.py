"""The tender pages' states and widgets, driven without a browser on a real store: the
declaration before any mark, marks and their refusals beside the cell, moderation with a
reason, the result once every mark is in, and never a price in an evaluator's widgets."""

from __future__ import annotations

import json

import ipywidgets as widgets
import pytest

from tests.tender.stored_helpers import mark_everything, tender_text
from workbench.ui.tender.page import EvaluatorPage, ModerationPage
from workbench.ui.tender.state import EvaluatorState, ModerationState

PRICES = ("19200000", "17900000", "20100000", "21400000", "19,200,000", "17,900,000",
          "20,100,000", "21,400,000", "21000000", "21,000,000")


@pytest.fixture
def store(tmp_path):
    from workbench.store import open_store

    opened = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    yield opened
    opened.close()


@pytest.fixture
def made(store):
    return store.create_tender(tender_text(), "home-care-framework.yaml")


def _opened(cls, store, made, token):
    state = cls(store, made.id, token)
    assert state.open(), state.refused
    return state


def _every_widget(root: widgets.Widget) -> list[widgets.Widget]:
    found, todo = [], [root]
    while todo:
        w = todo.pop()
        found.append(w)
        todo.extend(c for c in getattr(w, "children", ()) if isinstance(c, widgets.Widget))
    return found


def _widget_state_text(root: widgets.Widget) -> str:
    """What the browser would receive of every widget: its synced state, as JSON."""
    return json.dumps([w.get_state() for w in _every_widget(root)], default=str)


def test_the_evaluator_declares_first_then_marks(store, made):
    state = _opened(EvaluatorState, store, made, made.evaluator_tokens["e1"])
    assert state.evaluator_name == "Commissioning officer" and not state.declared
    assert state.set_mark("a", "outcomes", 75) is False
    assert "declare your interests" in state.message("mark:a:outcomes")[1]
    state.has_interest = True
    assert state.declare() is False                        # an interest with no text
    assert "Say what your interest is" in state.message("declare")[1]
    state.interest_text = "My brother works at Homewise Ltd"
    assert state.declare() and state.declared
    assert state.interest == "My brother works at Homewise Ltd"
    assert state.set_mark("a", "outcomes", 75)
    assert state.marks[("a", "outcomes")] == 75
    assert state.message("mark:a:outcomes") == ("success", "Saved: Riverside Care "
                                                "Partnership, Outcomes for people: 75.")
    assert state.set_mark("a", "workforce", 70) is False
    assert "must be one of 0, 25, 50, 75, 100" in state.message("mark:a:workforce")[1]
    assert state.missing_text().startswith("15 of 16 marks still to give: Riverside Care "
                                           "Partnership: Fair work")


def test_the_interest_box_shows_only_when_an_interest_is_chosen(store, made):
    state = _opened(EvaluatorState, store, made, made.evaluator_tokens["e2"])
    page = EvaluatorPage(state)
    assert page.text.layout.display == "none" and page.marks.layout.display == "none"
    page.choice.value = True
    assert page.text.layout.display is None
    page.text.value = "I chair the board of <Homewise>"
    page.save.click()
    assert state.declared and page.form.layout.display == "none"
    assert "I chair the board of &lt;Homewise&gt;" in page.declared.value
    assert page.marks.layout.display is None and not page.save.disabled


def test_no_price_reaches_an_evaluators_widgets(store, made):
    mark_everything(store, made)
    state = _opened(EvaluatorState, store, made, made.evaluator_tokens["e3"])
    page = EvaluatorPage(state)
    said = _widget_state_text(page.widget)
    assert "Homewise Ltd" in said and "Outcomes for people" in said
    for price in PRICES:
        assert price not in said, price
    assert "£" not in said and "price" not in said.lower()
    for name in state.trait_names():
        assert not any(p in repr(getattr(state, name)) for p in PRICES), name


def test_the_evaluator_page_draws_marks_moderated_cells_and_closing(store, made):
    mark_everything(store, made)
    state = _opened(EvaluatorState, store, made, made.evaluator_tokens["e3"])
    page = EvaluatorPage(state)
    assert page.form.layout.display == "none"
    assert "Your declaration of interest: My sister works" in page.declared.value
    assert page.boxes["a", "outcomes"].value == 50 and page.boxes["a", "outcomes"].disabled
    assert "Moderated" in page.said["a", "outcomes"].value
    assert not page.boxes["b", "outcomes"].disabled
    page.boxes["b", "outcomes"].value = 75                   # the control saves the mark
    assert store.tender_evaluation(made.id).marks["e3", "b", "outcomes"].mark == 75
    store.close_tender(made.id, made.moderator_token)
    assert state.poll()
    assert page.boxes["b", "outcomes"].disabled and "closed" in page.head.value


def test_the_moderator_sees_every_mark_and_moderates_with_a_reason(store, made):
    mark_everything(store, made, moderate=False)
    state = _opened(ModerationState, store, made, made.moderator_token)
    page = ModerationPage(state)
    assert state.result is not None and state.result.winner == "c"
    assert "Tenant evaluator" in page.marks.value and "My sister works" in \
        page.declarations.value
    assert state.moderate("a", "outcomes", 75, "  ") is False
    assert "needs a reason" in state.message("moderate:a:outcomes")[1]
    page.cell.value, page.mark.value = "a:outcomes", 75
    page.reason.value = "The bid covers reablement in <section 4.2>"
    page.save.click()
    assert state.message("moderate:a:outcomes")[0] == "success"
    assert "The bid covers reablement in &lt;section 4.2&gt;" in page.marks.value
    assert "Download the evaluation report" in page.result.value
    assert "Riverside Care Co-operative" in page.result.value
    page.close.click()
    assert state.closed and page.moderation.layout.display == "none"


def test_the_moderator_waits_for_every_mark(store, made):
    state = _opened(ModerationState, store, made, made.moderator_token)
    assert state.result is None
    assert state.missing_text().startswith("48 marks are still missing (Commissioning "
                                           "officer: 16;")
    assert state.moderate("a", "outcomes", 75, "agreed") is False
    assert "until every evaluator has marked it" in state.message("moderate:a:outcomes")[1]


def test_a_link_of_the_wrong_kind_is_refused_in_words(store, made):
    wrong = EvaluatorState(store, made.id, made.moderator_token)
    assert not wrong.open() and "evaluator's link" in wrong.refused
    wrong = ModerationState(store, made.id, made.evaluator_tokens["e1"])
    assert not wrong.open() and "moderator's link" in wrong.refused


def test_without_a_scale_marks_are_typed_numbers_from_0_to_100(store):
    import yaml

    data = yaml.safe_load(tender_text())
    del data["scale"]
    made = store.create_tender(json.dumps(data), "no-scale.json")
    state = _opened(EvaluatorState, store, made, made.evaluator_tokens["e1"])
    page = EvaluatorPage(state)
    state.declare()
    box = page.boxes["a", "outcomes"]
    assert isinstance(box, widgets.Text)
    box.value = "62.5"
    assert state.marks[("a", "outcomes")] == 62.5 and box.value == "62.5"
    page.boxes["a", "workforce"].value = "lots"
    assert "must be a number from 0 to 100 (got 'lots')" in \
        state.message("mark:a:workforce")[1]
    page.boxes["a", "workforce"].value = "101"
    assert "must be from 0 to 100 (got 101)" in state.message("mark:a:workforce")[1]
    moderation = ModerationPage(_opened(ModerationState, store, made, made.moderator_token))
    assert isinstance(moderation.mark, widgets.Text)
