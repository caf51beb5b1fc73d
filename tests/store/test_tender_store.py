"""A tender evaluation in the meeting store (commissioning-cycle.md, section 5), on SQLite
and PostgreSQL: evaluators' declarations and marks, the moderator's marks with reasons and
the closing, each an event of the meeting's history; the result equals the file's own."""

from __future__ import annotations

import pytest

from tests.tender.stored_helpers import FILE, file_data, mark_everything, tender_text
from workbench.errors import AccessError, InputError, RateLimited, ScenarioError
from workbench.tender import evaluate, load_tender


@pytest.fixture
def made(store):
    return store.create_tender(tender_text(), "home-care-framework.yaml")


def test_start_gives_one_link_per_evaluator_and_the_moderator(store, made):
    links = made.links("https://council.example")
    assert set(links) == {"moderator", "e1", "e2", "e3"}
    assert links["moderator"].startswith("https://council.example/voila/render/"
                                         "moderation.ipynb?meeting=")
    assert "evaluator.ipynb" in links["e1"] and made.evaluator_tokens["e1"] in links["e1"]
    assert store.access(made.id, made.evaluator_tokens["e2"]).role == "evaluator"
    assert store.access(made.id, made.moderator_token).role == "moderator"
    # the file's marks are not stored: nothing is marked yet
    evaluation = store.tender_evaluation(made.id)
    assert len(evaluation.missing) == 3 * 4 * 4 and not evaluation.marks
    assert "scores" not in store.scenario_text(made.id)


def test_the_stored_result_is_exactly_the_files(store, made):
    mark_everything(store, made)
    expected = evaluate(load_tender(FILE))
    got = store.tender_result(made.id, made.moderator_token)
    assert got.to_json() == expected.to_json()
    assert got.winner == "c"


def test_missing_marks_are_listed_never_read_as_zero(store, made):
    data = file_data()
    for token in made.evaluator_tokens.values():
        store.declare_interest(made.id, token, None)
    for score in data["scores"][:-1]:          # e3's mark of d on social value is missing
        store.give_mark(made.id, made.evaluator_tokens[score["evaluator"]], score["bid"],
                        score["criterion"], score["mark"])
    evaluation = store.tender_evaluation(made.id)
    assert evaluation.missing == [("e3", "d", "social_value")]
    with pytest.raises(InputError, match="1 mark still missing: Tenant evaluator on "
                                         "Premier Homecare Group, Social value"):
        store.tender_result(made.id)
    with pytest.raises(InputError, match="missing"):
        store.close_tender(made.id, made.moderator_token)


def test_scoring_is_refused_until_the_evaluator_declares(store, made):
    token = made.evaluator_tokens["e1"]
    with pytest.raises(InputError, match="declare your interests"):
        store.give_mark(made.id, token, "a", "outcomes", 75)
    store.declare_interest(made.id, token, "  I once worked for Homewise Ltd  ")
    with pytest.raises(InputError, match="already declared"):
        store.declare_interest(made.id, token, None)
    store.give_mark(made.id, token, "a", "outcomes", 75)
    evaluation = store.tender_evaluation(made.id, token)
    assert evaluation.declarations["e1"].interest == "I once worked for Homewise Ltd"
    assert evaluation.marks["e1", "a", "outcomes"].mark == 75


def test_marks_follow_the_scale_and_name_known_bids(store, made):
    token = made.evaluator_tokens["e1"]
    store.declare_interest(made.id, token, None)
    with pytest.raises(InputError, match="mark: must be one of 0, 25, 50, 75, 100 "
                                         r"\(got 70\)"):
        store.give_mark(made.id, token, "a", "outcomes", 70)
    for bad in ("75", True, float("nan")):
        with pytest.raises(InputError, match="mark: must be a number"):
            store.give_mark(made.id, token, "a", "outcomes", bad)
    with pytest.raises(InputError, match="bid: not a bid"):
        store.give_mark(made.id, token, "zz", "outcomes", 75)
    with pytest.raises(InputError, match="criterion: not a quality criterion"):
        store.give_mark(made.id, token, "a", "price", 75)
    assert not store.tender_evaluation(made.id).marks


def test_a_mark_may_change_until_its_cell_is_moderated(store, made):
    mark_everything(store, made, moderate=False)
    e3 = made.evaluator_tokens["e3"]
    store.give_mark(made.id, e3, "a", "outcomes", 25)           # changed: the later counts
    evaluation = store.tender_evaluation(made.id)
    assert evaluation.marks["e3", "a", "outcomes"].mark == 25
    assert [m.mark for m in evaluation.history if (m.evaluator, m.bid, m.criterion)
            == ("e3", "a", "outcomes")] == [50, 25]             # both kept in the history
    store.moderate(made.id, made.moderator_token, "a", "outcomes", 75, "Agreed together")
    with pytest.raises(InputError, match="Riverside Care Partnership on Outcomes for people "
                                         "has been moderated"):
        store.give_mark(made.id, e3, "a", "outcomes", 50)
    store.give_mark(made.id, e3, "b", "outcomes", 50)           # another cell still may


def test_moderation_needs_every_mark_of_its_cell_and_a_reason(store, made):
    e1 = made.evaluator_tokens["e1"]
    store.declare_interest(made.id, e1, None)
    store.give_mark(made.id, e1, "a", "outcomes", 75)
    with pytest.raises(InputError, match="until every evaluator has marked it"):
        store.moderate(made.id, made.moderator_token, "a", "outcomes", 75, "Agreed")
    for name in ("e2", "e3"):
        store.declare_interest(made.id, made.evaluator_tokens[name], None)
        store.give_mark(made.id, made.evaluator_tokens[name], "a", "outcomes", 50)
    for reason in (None, "   "):
        with pytest.raises(InputError, match="needs a reason"):
            store.moderate(made.id, made.moderator_token, "a", "outcomes", 75, reason)
    store.moderate(made.id, made.moderator_token, "a", "outcomes", 50, "First view")
    store.moderate(made.id, made.moderator_token, "a", "outcomes", 75, "Read section 4.2")
    moderated = store.tender_evaluation(made.id).moderated["a", "outcomes"]
    assert (moderated.mark, moderated.reason) == (75, "Read section 4.2")


def test_tokens_keep_to_their_roles(store, made, meeting):
    e1 = made.evaluator_tokens["e1"]
    with pytest.raises(AccessError, match="evaluator's link of a tender evaluation cannot "
                                          "moderate"):
        store.moderate(made.id, e1, "a", "outcomes", 75, "mine")
    with pytest.raises(AccessError, match="moderator's link of a tender evaluation cannot "
                                          "give mark"):
        store.give_mark(made.id, made.moderator_token, "a", "outcomes", 75)
    with pytest.raises(AccessError, match="cannot submit weights"):
        store.submit_weights(made.id, e1, {"quality": 1})
    with pytest.raises(AccessError, match="not a tender evaluation"):
        store.give_mark(meeting.id, meeting.panel_tokens["users"], "a", "outcomes", 75)
    with pytest.raises(AccessError, match="does not open"):
        store.give_mark(made.id, meeting.panel_tokens["users"], "a", "outcomes", 75)
    assert store.access(meeting.id, meeting.facilitator_token).role == "facilitator"
    kinds = [ev.kind for ev in store.audit(made.id)]
    assert kinds.count("refused") >= 3


def test_closing_fixes_the_result(store, made):
    mark_everything(store, made)
    event = store.close_tender(made.id, made.moderator_token)
    assert event.detail == {"winner": "c"}
    with pytest.raises(InputError, match="closed"):
        store.give_mark(made.id, made.evaluator_tokens["e1"], "a", "outcomes", 25)
    with pytest.raises(InputError, match="closed"):
        store.moderate(made.id, made.moderator_token, "b", "outcomes", 25, "late")
    evaluation = store.tender_evaluation(made.id, made.evaluator_tokens["e1"])
    assert evaluation.closed
    kinds = [ev.kind for ev in store.audit(made.id)]
    assert kinds[0] == "meeting_created" and kinds[-1] == "tender_closed"
    assert kinds.count("tender_marked") == 48 and kinds.count("interest_declared") == 3


def test_a_tender_file_with_problems_is_refused_with_places(store):
    bad = tender_text().replace("weight: 40, method: relative", "weight: -4, method: odd")
    with pytest.raises(ScenarioError) as caught:
        store.create_tender(bad, "bad.yaml")
    said = "\n".join(str(p) for p in caught.value.problems)
    assert "bad.yaml: price.weight" in said and "price.method" in said
    assert store.meetings() == []


def test_marks_from_one_evaluator_are_limited_per_minute(store, made, monkeypatch):
    import workbench.store.tender as stored

    monkeypatch.setattr(stored, "MARKS_PER_MINUTE", 3)
    e1, e2 = made.evaluator_tokens["e1"], made.evaluator_tokens["e2"]
    for token in (e1, e2):
        store.declare_interest(made.id, token, None)
    for mark in (0, 25, 50):
        store.give_mark(made.id, e1, "a", "outcomes", mark)
    with pytest.raises(RateLimited, match="3 marks in the last minute"):
        store.give_mark(made.id, e1, "a", "outcomes", 75)
    store.give_mark(made.id, e2, "a", "outcomes", 75)          # another evaluator may
    assert store.tender_evaluation(made.id).marks["e1", "a", "outcomes"].mark == 50


def test_the_audit_says_each_tender_event_in_words(store, made):
    from workbench.store.audit import audit_lines

    mark_everything(store, made)
    store.close_tender(made.id, made.moderator_token)
    lines = "\n".join(audit_lines(store.audit(made.id)))
    assert "tender evaluation started: Home care framework 2027" in lines
    assert "evaluators e1, e2, e3" in lines
    assert "e3" in lines and "declaration of interest: \u201cMy sister works for " \
        "Homewise Ltd\u201d" in lines
    assert "mark of bid a on outcomes: 75" in lines
    assert "moderated mark of bid c on outcomes: 75 (\u201cThe quality lead" in lines
    assert "evaluation closed; winner: bid c" in lines
