"""Adopted decisions: built from the panels' latest weights, stored whole, never edited,
only superseded."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from workbench.errors import InputError
from workbench.store.record import RECORD_FORMAT, Adoption, build_record


def test_record_on_the_teaching_scenario(store, meeting):
    users = meeting.panel_tokens["users"]
    store.submit_weights(meeting.id, users, {"quality": 1, "access": 3},
                         comment="Access matters most", dissent="<i>Keep the minibuses</i>")
    store.record_action(meeting.id, meeting.facilitator_token, "given_lifted",
                        {"given": "budget", "reason": "what if"})
    with pytest.raises(InputError, match=r"1 dissent note \(Service users\) has no answer"):
        build_record(store, meeting.id)
    record = build_record(store, meeting.id, adoption=Adoption(confirm_unanswered=True))
    assert record["not_answered"] == ["dissent:2"]
    assert [(v["kind"], v["state"]) for v in record["you_said_we_did"]] == \
        [("comment", "not_answered"), ("dissent", "not_answered")]
    store.answer(meeting.id, meeting.facilitator_token, "dissent:2", "partly_accepted",
                 "One minibus stays", "Town Clerk")
    record = build_record(store, meeting.id)
    assert record["not_answered"] == []
    said = {v["kind"]: v for v in record["you_said_we_did"]}
    assert said["dissent"]["answer"] == "One minibus stays"
    assert said["dissent"]["answered_by"] == "Town Clerk"
    assert record["adopted"]["source"] == "recommended" and record["adopted"]["departures"] == []
    assert record["format"] == RECORD_FORMAT
    assert record["scenario_sha256"] == meeting.scenario_sha256
    assert record["as_of_version"] == 4
    users_ = record["groups"]["users"]
    assert users_["weights_from"] == "panel" and users_["revision"] == 1
    assert users_["comment"] == "Access matters most"
    assert users_["dissent"] == "<i>Keep the minibuses</i>"
    assert record["groups"]["staff"]["weights_from"] == "scenario"
    recommended = record["analysis"]["recommended"]     # the hand-worked answer (teaching.yaml)
    assert recommended["value"] == pytest.approx(68.75)
    assert recommended["total_cost"] == 190000
    assert recommended["choices"]["transport"] == "grant"
    assert record["analysis"]["fair"]["choices"]
    assert record["agreed_weights"] == pytest.approx({"quality": 0.5, "access": 0.5})
    for group in ("users", "staff"):
        assert 0 <= record["groups"][group]["satisfaction"] <= 1
        assert 0 <= record["groups"][group]["satisfaction_with_fair"] <= 1
    givens = {g["id"]: g for g in record["givens"]}
    assert givens["budget"]["reason"] == "The precept agreed for 2027/28"
    assert givens["budget"]["price"]["value"] > 0
    assert givens["library_duty"]["price"] == {"value": 0.0, "total_cost": 0.0}
    assert record["lifted_for_what_if"] == ["budget"]


def test_panel_weights_change_the_record(store, meeting):
    store.submit_weights(meeting.id, meeting.panel_tokens["staff"], {"quality": 1})
    store.submit_weights(meeting.id, meeting.panel_tokens["users"], {"quality": 1})
    record = build_record(store, meeting.id)
    assert record["agreed_weights"] == pytest.approx({"quality": 1.0, "access": 0.0})
    assert record["groups"]["staff"]["weights"] == {"quality": 1.0, "access": 0.0}


def test_adopted_records_are_kept_whole_and_superseded_not_edited(store, meeting):
    token = meeting.facilitator_token
    first = store.adopt(meeting.id, token, build_record(store, meeting.id), "Town Clerk")
    store.submit_weights(meeting.id, meeting.panel_tokens["staff"], {"quality": 9,
                                                                      "access": 1})
    second = store.adopt(meeting.id, token, build_record(store, meeting.id), "Council chair")
    assert (first.supersedes, second.supersedes) == (None, first.id)
    kept = store.decisions(meeting.id)
    assert [d.id for d in kept] == [first.id, second.id]
    assert kept[0].record == first.record and kept[0].adopted_by == "Town Clerk"
    assert kept[1].record["groups"]["staff"]["weights"] == {"quality": 9.0, "access": 1.0}
    assert kept[0].record["groups"]["staff"]["weights_from"] == "scenario"
    text = json.dumps(kept[1].record, sort_keys=True, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":"))
    assert hashlib.sha256(text.encode()).hexdigest() == second.record_sha256
    assert second.record["adopted_at"] == second.adopted_at.isoformat()
    assert second.record["supersedes"] == first.id
    # No update path: the objects are frozen and the store has no call that edits one.
    with pytest.raises(dataclasses.FrozenInstanceError):
        kept[0].adopted_by = "someone else"
    assert not [name for name in dir(store) if name.startswith(("update", "edit", "delete"))]
    history = [e.kind for e in store.audit(meeting.id)]
    assert history.count("decision_adopted") == 2


def test_a_record_for_another_scenario_is_refused(store, meeting):
    with pytest.raises(InputError, match=r"record\.scenario_sha256: must be this meeting.s"):
        store.adopt(meeting.id, meeting.facilitator_token, {"scenario_sha256": "0" * 64}, "X")
    with pytest.raises(InputError, match="adopted_by: must not be empty"):
        store.adopt(meeting.id, meeting.facilitator_token,
                    {"scenario_sha256": meeting.scenario_sha256}, " ")
    with pytest.raises(InputError, match="cannot be stored as JSON"):
        store.adopt(meeting.id, meeting.facilitator_token,
                    {"scenario_sha256": meeting.scenario_sha256, "x": float("nan")}, "X")
    assert store.decisions(meeting.id) == []
