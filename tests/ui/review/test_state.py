"""The review page's state on a real SQLite store with the bundled Riverside scenario and a
year of seeded results: importing good and bad files, the reviews due, answering a
challenge, the overdue boundary, opening and closing a review, the reopened scenario."""

from __future__ import annotations

import io
import time
from datetime import date, timedelta

import pytest
import yaml
from openpyxl import Workbook

from tests.conftest import SCENARIOS
from tests.monitoring.results_model import monthly_results, results_csv, riverside_monitored
from workbench.store import MeetingStore
from workbench.ui.review import ReviewState
from workbench.ui.review.page import ReviewPage, build_review_page

YEAR = results_csv(monthly_results(riverside_monitored())).encode()     # 80 results


@pytest.fixture
def meeting(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Riverside",
                               source="riverside.yaml")
    yield store, new
    store.close()


def _opened(store, new, **keys) -> ReviewState:
    state = ReviewState(store, new.id, new.facilitator_token, **keys)
    assert state.open(), state.refused
    return state


def _challenge(store, new, lodged: date, who: str = "Ann Reader", **keys):
    keys = {"service": "home_care", "grounds": "quality", "text": "Carers come late",
            "challenger": who, "contact": f"{who.split()[0].lower()}@example.org", **keys}
    return store.lodge_challenge(new.id, lodged=lodged, **keys)


def test_only_the_facilitators_link_opens_the_review_page(meeting):
    store, new = meeting
    panel = ReviewState(store, new.id, new.panel_tokens["tenants"])
    assert not panel.open()
    assert "a panel's link" in panel.refused and panel.scenario is None
    forged = ReviewState(store, new.id, "x" * 43)
    assert not forged.open() and forged.refused.startswith("This link cannot be used: ")
    refused = build_review_page(store, new.id, "x" * 43)
    assert "This link cannot be used" in refused.children[1].value
    assert "Reviews due" not in refused.children[1].value      # the refusal only
    assert [e.kind for e in store.audit(new.id)].count("refused") >= 1


def test_a_good_file_is_imported_and_the_reviews_due_follow(meeting):
    store, new = meeting
    state = _opened(store, new)
    assert state.report is None and "No results have been imported yet" in \
        state.message("due")[1]
    assert state.import_file(YEAR, "year.csv")
    assert state.message("import") == (
        "success", "Imported 80 results from year.csv; 0 of them replaced earlier values "
        "(the earlier ones stay in the history).")
    assert len(store.results(new.id)) == 80 and state.as_of_text == "2028-03"
    assert list(state.due) == ["home_care", "waste_collection", "libraries"]
    sentences = [r.sentence() for r in state.due["waste_collection"]]
    assert "target wc_missed_bins missed 3 times running (2028-01, 2028-02, 2028-03)" in \
        sentences
    assert "given waste_contract (contract) ends on 2030-03-31, 24 months on" in sentences
    assert state.import_file(YEAR, "again.csv")
    assert "80 results from again.csv; 80 of them replaced" in state.message("import")[1]


def test_a_workbook_is_read_like_a_csv(meeting):
    store, new = meeting
    book = Workbook()
    sheet = book.active
    sheet.append(["service", "measure", "period", "value"])
    sheet.append(["home_care", "hc_on_time", "2027-04", 91.5])
    sheet.append(["housing_repairs", "hr_satisfied", "2027-Q2", 84])
    raw = io.BytesIO()
    book.save(raw)
    state = _opened(store, new)
    assert state.import_file(raw.getvalue(), "april.xlsx")
    assert {(r.target.id, r.period.text, r.rating) for r in store.results(new.id)} == {
        ("hc_on_time", "2027-04", "approaching_target"),
        ("hr_satisfied", "2027-Q2", "approaching_target")}


def test_a_bad_file_is_refused_with_row_and_column_and_nothing_is_stored(meeting):
    store, new = meeting
    state = _opened(store, new)
    bad = YEAR.replace(b"home_care,hc_on_time,2027-05,94.8", b"home_care,hc_on_time,2027-05,"
                       b"lots", 1)
    bad += b"pool,swims,2027-04,3\n"
    assert bad != YEAR and not state.import_file(bad, "year.csv")
    kind, said = state.message("import")
    assert kind == "error" and "3 problems" in said and "Nothing was imported" in said
    assert state.problems == [
        "year.csv: row 3, column value: must be a number (got 'lots')",
        "year.csv: row 82, column service: unknown service 'pool'",
        "year.csv: row 82, column measure: unknown target 'swims' (targets of this service: "
        "none)"]
    assert store.results(new.id) == []
    assert "results_imported" not in [e.kind for e in store.audit(new.id)]
    assert state.import_file(YEAR, "year.csv") and state.problems == []   # mended: cleared


def test_a_file_above_the_upload_limit_is_refused_before_it_is_read(meeting, monkeypatch):
    store, new = meeting
    monkeypatch.setenv("WORKBENCH_MAX_BYTES", "1000")
    state = _opened(store, new)
    assert not state.import_file(YEAR, "year.csv")
    (said,) = state.problems
    assert said.startswith("year.csv: is ") and "above the limit of 1000 bytes" in said
    assert store.results(new.id) == []


def test_the_as_of_month_is_checked_and_moves_the_review(meeting):
    store, new = meeting
    state = _opened(store, new)
    state.import_file(YEAR, "year.csv")
    assert not state.set_as_of("March 2028")
    assert state.message("as_of") == (
        "error", "As of: must be a month written YYYY-MM, such as 2028-03 (got 'March "
        "2028'); the review still shows 2028-03.")
    assert state.as_of_text == "2028-03"
    assert state.set_as_of("2027-09") and state.as_of_text == "2027-09"
    assert state.message("as_of") == ("info", "")
    assert "libraries" not in state.due            # its run of misses starts in 2028
    assert state.set_as_of("") and state.as_of_text == "2028-03"


def test_the_facilitator_answers_a_challenge_and_sees_who_lodged_it(meeting):
    store, new = meeting
    state = _opened(store, new)
    _challenge(store, new, date(2027, 6, 1))
    assert state.poll() and len(state.challenges) == 1
    (found,) = state.challenges
    assert (found.challenger, found.contact) == ("Ann Reader", "ann@example.org")
    assert not state.answer(found.key, "", "", "Clerk")
    assert "Choose the answer's state" in state.message(f"answer:{found.key}")[1]
    assert not state.answer(found.key, "rejected", "", "Head of Adult Care")
    assert state.message(f"answer:{found.key}") == (
        "error", "Not answered: text: a rejected answer needs a text that says why. Nothing "
        "you typed was lost.")
    assert not state.answer(found.key, "accepted", "Agreed", " ")
    assert "by: must not be empty" in state.message(f"answer:{found.key}")[1]
    assert state.answer(found.key, "partly_accepted", "Rotas change in July",
                        "Head of Adult Care")
    assert state.message(f"answer:{found.key}") == (
        "success", "Answered: partly accepted, by Head of Adult Care.")
    assert state.challenges[0].state == "partly_accepted"
    assert store.challenges(new.id)[0].answers[-1].by == "Head of Adult Care"


@pytest.mark.parametrize(("days", "overdue"), [(27, False), (28, True)])
def test_a_challenge_is_overdue_28_days_after_it_was_lodged(meeting, days, overdue):
    store, new = meeting
    lodged = date(2027, 6, 1)
    state = _opened(store, new, today=lambda: lodged + timedelta(days=days))
    _challenge(store, new, lodged)
    state.refresh()
    assert state.overdue(state.challenges[0]) is overdue
    state.answer(state.challenges[0].key, "evaluating", "", "Clerk")
    assert state.overdue(state.challenges[0]) is False       # answered: no longer overdue


def test_a_review_is_opened_with_its_reasons_and_closed_with_its_outcome(meeting):
    store, new = meeting
    state = _opened(store, new)
    state.import_file(YEAR, "year.csv")
    assert not state.open_review("waste_collection", " ")
    assert "Say who opens the review" in state.message("due")[1]
    assert list(store.reviews(new.id)) == []
    assert state.open_review("waste_collection", "Head of Waste")
    (opened,) = store.reviews(new.id)
    assert opened.opened_by == "Head of Waste"
    assert opened.reasons == tuple(r.to_json() for r in state.due["waste_collection"])
    assert [r["reason"] for r in opened.reasons] == ["missed_targets", "inadequate",
                                                     "contract_end"]
    assert list(state.open_reviews) == ["waste_collection"]
    assert not state.open_review("waste_collection", "Head of Waste")
    assert "already open" in state.message("due")[1]
    assert not state.close_review("waste_collection", "revise", "", "We will retender",
                                  "Director")
    assert state.message("close:waste_collection") == (
        "error", "Not closed: a 'revise' outcome needs the changes it makes. Nothing you "
        "typed was lost.")
    assert not state.close_review("waste_collection", "", "", "x", "Director")
    assert "Choose the outcome" in state.message("close:waste_collection")[1]
    assert state.close_review("waste_collection", "revise", "Retender with three KPIs",
                              "We will retender the contract", "Director of Place")
    assert state.message("close:waste_collection") == ("info", "")
    assert "is closed: revise" in state.message("close")[1]
    assert state.open_reviews == {}
    (closed,) = state.closed_reviews
    assert closed.review.changes == "Retender with three KPIs"
    assert closed.closed_by == "Director of Place"


def test_a_review_not_due_is_opened_by_hand_only_with_why(meeting):
    store, new = meeting
    state = _opened(store, new)
    state.import_file(YEAR, "year.csv")
    assert "parks" not in state.due
    assert not state.open_review("parks", "Head of Parks")
    assert "No review of" in state.message("due")[1] and "say why" in state.message("due")[1]
    assert not state.open_review("", "Head of Parks")
    assert "Choose the service" in state.message("due")[1]
    assert not state.open_review("parks", "Head of Parks", "x" * 4001)
    assert "at most 4000 characters" in state.message("due")[1]
    assert list(store.reviews(new.id)) == []
    assert state.open_review("parks", "Head of Parks", "The friends of the park asked us")
    (opened,) = store.reviews(new.id)
    assert opened.reasons == ({"reason": "by_hand", "why": "The friends of the park asked us"},)
    assert opened.opened_by == "Head of Parks"


def test_the_reopened_scenario_lifts_the_revised_services_contract(meeting):
    store, new = meeting
    state = _opened(store, new)
    state.import_file(YEAR, "year.csv")
    for service, outcome in (("waste_collection", "revise"), ("home_care", "continue")):
        state.open_review(service, "Head of Service")
        assert state.close_review(service, outcome, "New specification", "Said", "Director")
    revised, kept = state.closed_reviews
    name, content = state.reopened_file(revised)
    assert name == "riverside-after-review-waste_collection.yaml"
    data = yaml.safe_load(content)
    ids = [g["id"] for g in data["givens"]]
    assert "waste_contract" not in ids
    assert len(ids) == len(store.scenario(new.id).givens) - 1
    assert {t["id"] for t in data["targets"]} >= {"wc_missed_bins", "hc_on_time"}
    assert state.reopened_file(kept) is None                 # continue: nothing reopens


def test_a_challenge_lodged_meanwhile_appears_without_a_reload(meeting):
    store, new = meeting
    state = _opened(store, new)
    page = ReviewPage(state)
    assert "No challenge has been lodged yet" in page.challenge_count.value
    state.start_polling(every=0.1)
    try:
        _challenge(store, new, date.today(), who="Bo Public", text="<b>Bins</b> missed",
                   service="waste_collection")
        deadline = time.monotonic() + 10
        while not state.challenges and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        state.close()
    assert [c.service for c in state.challenges] == ["waste_collection"]
    (box,) = page.challenge_box.children
    card = box.children[0].value
    assert "&lt;b&gt;Bins&lt;/b&gt; missed" in card and "bo@example.org" in card
    assert "1 challenge: 1 not answered" in page.challenge_count.value


def test_the_page_keeps_what_is_typed_when_an_answer_is_refused(meeting):
    store, new = meeting
    state = _opened(store, new)
    page = ReviewPage(state)
    _challenge(store, new, date(2027, 6, 1))
    state.poll()
    form = page.answer_forms[state.challenges[0].key]
    form.state.value, form.by.value = "rejected", "Clerk"
    form.button.click()
    assert "needs a text that says why" in form.note.value and 'role="alert"' in form.note.value
    assert (form.state.value, form.by.value) == ("rejected", "Clerk")
    assert not form.button.disabled                          # enabled again
    form.text.value = "The rota is not the cause"
    form.button.click()
    assert "Answered: rejected" in form.note.value and form.text.value == ""
    assert page.answer_forms[state.challenges[0].key] is form       # kept across redraws


def test_needs_are_merged_and_answered_on_the_review_page(meeting):
    store, new = meeting
    made = store.propose_need(new.id, None, "A bus", "Older residents", name="Ann Smith",
                              contact="ann@example.org")
    a = f"need:{made.version}"
    b = f"need:{store.propose_need(new.id, None, 'Transport', 'Older residents').version}"
    state = _opened(store, new)
    page = ReviewPage(state)
    assert [n.key for n in state.needs] == [a, b]
    assert state.needs[0].proposer_name == "Ann Smith"          # this page only
    assert "Ann Smith" in page.answer_forms[a].card.value
    assert not state.merge_need(a, "", "same")
    assert state.message(f"merge:{a}")[1].startswith("Choose the need to merge it into")
    assert not state.merge_need(a, b, " ")
    assert state.message(f"merge:{a}")[1].startswith("Not merged: reason: must not be empty")
    assert state.merge_need(a, b, "Both about getting to the clinic")
    assert state.needs[0].merged_into == b
    assert a not in [v for _, v in page.needs.merge_forms[b].into.options]
    assert state.answer(b, "accepted", "A bus from May", "Clerk")
    assert state.needs[1].state == "accepted"
    assert "Merged into need" in page.answer_forms[a].card.value
