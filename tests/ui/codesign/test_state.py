"""The facilitator's specification page on its state model and widgets (real SQLite store,
no browser): a panel's link is refused, who records is required, requirements and terms
proposed, answers where a group differs, the agreed term and its answers, the documents."""

from __future__ import annotations

import base64
import io
import re

import docx
import pytest

from tests.conftest import SCENARIOS
from tests.store.codesign_helpers import filled
from workbench.store import MeetingStore
from workbench.ui.codesign.page import CodesignPage
from workbench.ui.codesign.state import CodesignState


@pytest.fixture
def meeting(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Test")
    yield store, new
    store.close()


def _opened(store, new) -> CodesignState:
    state = CodesignState(store, new.id, new.facilitator_token)
    assert state.open()
    return state


def test_a_panels_link_is_refused_in_words(meeting):
    store, new = meeting
    state = CodesignState(store, new.id, new.panel_tokens["users"])
    assert not state.open()
    assert "needs the facilitator's link" in state.refused


def test_the_facilitator_proposes_answers_and_agrees(meeting):
    store, new = meeting
    state = _opened(store, new)
    assert state.service == "meals" and state.found.empty       # the first service
    assert not state.propose_requirement("Meals arrive hot", "outcome")
    assert "Recorded by" not in state.message("requirement")[1]
    assert "who records this" in state.message("requirement")[1]
    state.by = "Jo Patel, commissioning officer"
    assert state.propose_requirement("Meals arrive hot", "outcome")
    assert state.propose_term("length", "Five years")
    assert not state.propose_term("", "x")
    (req,) = state.found.spec.requirements
    (term,) = state.found.sheet.terms
    assert req.proposed_by == "Jo Patel, commissioning officer"
    store.give_priority(new.id, new.panel_tokens["users"], "meals", req.id, "must")
    store.give_priority(new.id, new.panel_tokens["staff"], "meals", req.id, "wont")
    store.take_position(new.id, new.panel_tokens["users"], "meals", term.id, "amend", "Three")
    assert state.poll()
    assert state.found.agreed[req.id] == "must" and state.found.to_answer() == \
        [(req.id, "staff")]
    assert not state.answer_priority(f"{req.id}/staff", "rejected", "")
    assert "needs a text" in state.message("priority_answer")[1]
    assert state.answer_priority(f"{req.id}/staff", "rejected", "Residents asked for it")
    assert not state.answer_position(f"{term.id}/users", "accepted", "")
    assert "agree the term" in state.message("position_answer")[1]
    assert state.agree_term(term.id, "Three years")
    assert state.answer_position(f"{term.id}/users", "accepted", "")
    assert state.found.sheet.answer_to(state.found.sheet.positions[0]).state == "accepted"
    assert state.choose("transport") and state.found.empty
    assert not state.choose("nope")


def test_the_page_lists_every_priority_and_makes_the_documents(meeting):
    store, new = meeting
    ids = filled(store, new)
    state = _opened(store, new)
    page = CodesignPage(state)
    overview = page.overview.value
    assert "Agreed priority" in overview and "Staff and unions" in overview
    assert "Could have" in overview and "&lt;script&gt;" in overview
    assert "<script>" not in overview
    assert "Performance indicators that become targets" in overview
    assert "0 group priorities differ" in page.waiting.value
    assert [v for _, v in page.pa_which.options] == [f"{ids.r1}/staff"]
    assert "(rejected)" in page.pa_which.options[0][0]
    page.preparing()
    links = re.findall(r"download='([^']+)' href='data:[^;]+;base64,([^']+)'",
                       page.downloads.value)
    assert [name for name, _ in links] == ["specification-meals.html",
                                          "specification-meals.docx", "targets-meals.yaml"]
    word = docx.Document(io.BytesIO(base64.b64decode(links[1][1])))
    assert word.paragraphs[0].text == "Specification and contract terms: Meals on wheels"
    assert f"id: {ids.r2}" in base64.b64decode(links[2][1]).decode()
    page.by.value = "Jo"
    page.req_text.value = "Menus in large print"
    page.req_send.click()
    assert "Menus in large print" in page.overview.value and page.req_text.value == ""
    assert not page.req_send.disabled


def test_a_performance_indicator_becomes_a_target_of_the_meeting(meeting):
    store, new = meeting
    marks = filled(store, new)
    state = _opened(store, new)
    state.by = "Jo Patel, commissioning officer"
    page = CodesignPage(state)
    assert [k["id"] for k in state.open_indicators()] == [marks.r2]
    assert [v for _, v in page.kpi_which.options] == [marks.r2]
    assert not state.add_kpi_target(marks.r2, "% of meals", "higher", "nine", "month")
    assert "Type the target as a number (got 'nine')" in state.message("kpi")[1]
    assert not state.add_kpi_target(marks.r2, "", "higher", "90", "month")
    assert "Not added: target: unit" in state.message("kpi")[1]
    page.kpi_which.value, page.kpi_unit.value, page.kpi_level.value = marks.r2, "% of meals", \
        "90"
    page.kpi_send.click()
    assert state.message("kpi")[0] == "success", state.message("kpi")
    made = {t.id: t for t in store.targets_in_force(new.id).targets}[f"meals_{marks.r2}"]
    assert (made.measure, made.unit, made.direction, made.target, made.period, made.kpi) == \
        ("Nine in ten meals on time", "% of meals", "higher", 90, "month", True)
    assert state.open_indicators() == [] and page.kpi_which.options == ()
    assert page.kpi_level.value == ""                     # cleared once added
