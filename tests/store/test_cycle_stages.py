"""Opting out of one stage, not only the meeting (commissioning-cycle.md, section 1; the
reading in docs/cycle.md): a group out of a stage counts 0 while that stage runs today (its
from..to, both days included) and counts again otherwise, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml

from workbench.errors import InputError
from workbench.store.audit import audit_lines
from workbench.store.cycle import opted_out_of
from workbench.store.record import build_record

TODAY = date.today()


@pytest.fixture
def staged(store, teaching_text):
    """The teaching meeting with two stages: "consultation" running today (its last day),
    "review" not yet begun."""
    data = yaml.safe_load(teaching_text)
    data["engagement"] = {"purpose": "Choose the services", "stages": [
        {"stage": "consultation", "from": str(TODAY - timedelta(days=3)), "to": str(TODAY),
         "groups": ["users", "staff"]},
        {"stage": "review", "from": str(TODAY + timedelta(days=1)),
         "to": str(TODAY + timedelta(days=30)), "groups": ["users"]}]}
    made = store.create_meeting(yaml.safe_dump(data, sort_keys=False), source="staged.yaml")
    users, staff = made.panel_tokens["users"], made.panel_tokens["staff"]
    store.submit_weights(made.id, users, {"quality": 0, "access": 1})
    store.submit_weights(made.id, staff, {"quality": 1, "access": 0})
    return made


def _agreed(store, made) -> dict[str, float]:
    return build_record(store, made.id)["agreed_weights"]


def test_out_of_the_stage_running_today_counts_zero_and_back_in_counts(store, staged):
    users = staged.panel_tokens["users"]
    assert _agreed(store, staged) == pytest.approx({"quality": 0.5, "access": 0.5})
    store.opt_out(staged.id, users, "Not our stage", stage="consultation")
    assert "users" in store.opted_out(staged.id)
    assert "consultation" in store.opted_out(staged.id)["users"]
    record = build_record(store, staged.id)
    assert record["agreed_weights"] == pytest.approx({"quality": 1.0, "access": 0.0})
    assert record["groups"]["users"]["opted_out"] is True
    assert record["groups"]["users"]["satisfaction"] is not None       # still shown
    assert "users" in record["opted_out"]
    with pytest.raises(InputError, match="already opted out of the consultation stage"):
        store.opt_out(staged.id, users, stage="consultation")
    # a day after the stage ends, the same history counts the group again
    later = opted_out_of(store.audit(staged.id), store.scenario(staged.id).engagement,
                         TODAY + timedelta(days=1))
    assert later == {}
    store.opt_in(staged.id, users, stage="consultation")
    assert store.opted_out(staged.id) == {}
    assert _agreed(store, staged) == pytest.approx({"quality": 0.5, "access": 0.5})
    stages = [e.detail.get("stage") for e in store.audit(staged.id)
              if e.kind in ("opted_out", "opted_in")]
    assert stages == ["consultation", "consultation"]                  # events carry it


def test_out_of_a_stage_not_running_counts(store, staged):
    users = staged.panel_tokens["users"]
    store.opt_out(staged.id, users, stage="review")
    assert store.opted_out(staged.id) == {}
    assert _agreed(store, staged) == pytest.approx({"quality": 0.5, "access": 0.5})
    during = opted_out_of(store.audit(staged.id), store.scenario(staged.id).engagement,
                          TODAY + timedelta(days=30))                  # its last day
    assert list(during) == ["users"]


def test_back_in_to_a_stage_ends_that_stage_only(store, staged):
    users = staged.panel_tokens["users"]
    store.opt_out(staged.id, users, "Too busy", stage="consultation")
    store.opt_out(staged.id, users, "We disagree")
    store.opt_in(staged.id, users, stage="consultation")
    assert store.opted_out(staged.id) == {"users": "We disagree"}      # the meeting's stays
    assert _agreed(store, staged) == pytest.approx({"quality": 1.0, "access": 0.0})
    with pytest.raises(InputError, match="has not opted out of the consultation stage"):
        store.opt_in(staged.id, users, stage="consultation")
    store.opt_in(staged.id, users)
    assert store.opted_out(staged.id) == {}


def test_an_unknown_stage_is_refused_in_words(store, staged, meeting):
    users = staged.panel_tokens["users"]
    with pytest.raises(InputError, match="stage: must be one of this meeting's stages "
                                         r"\('consultation', 'review'\) \(got 'launch'\)"):
        store.opt_out(staged.id, users, stage="launch")
    with pytest.raises(InputError, match="stage: must be one of"):
        store.opt_in(staged.id, users, stage="launch")
    with pytest.raises(InputError, match="at most"):
        store.opt_out(staged.id, users, stage="x" * 10_000)
    with pytest.raises(InputError, match="name no stages"):
        store.opt_out(meeting.id, meeting.panel_tokens["users"], stage="consultation")
    assert not [e for e in store.audit(staged.id) if e.kind == "opted_out"]


def test_the_meeting_opt_out_is_unchanged(store, staged):
    users = staged.panel_tokens["users"]
    store.opt_out(staged.id, users, "We were not told in time")
    assert store.opted_out(staged.id) == {"users": "We were not told in time"}
    # out of the meeting counts 0 on any day, whatever stage runs
    for day in (TODAY - timedelta(days=100), TODAY + timedelta(days=100)):
        assert opted_out_of(store.audit(staged.id), store.scenario(staged.id).engagement,
                            day) == {"users": "We were not told in time"}
    record = build_record(store, staged.id)
    assert record["opted_out"] == {"users": "We were not told in time"}
    assert record["agreed_weights"] == pytest.approx({"quality": 1.0, "access": 0.0})
    assert [e.detail for e in store.audit(staged.id) if e.kind == "opted_out"] == \
        [{"reason": "We were not told in time"}]


def test_the_audit_names_the_stage_and_a_typed_marker_cannot_pose_as_one(store, staged):
    users = staged.panel_tokens["users"]
    store.opt_out(staged.id, users, "\u2060of the review stage\u2060 — sneaky")
    (why,) = store.opted_out(staged.id).values()
    assert "\u2060" not in why and why.startswith("of the review stage")   # read as typed
    store.opt_in(staged.id, users)
    store.opt_out(staged.id, users, "Not our stage", stage="consultation")
    store.opt_in(staged.id, users, stage="consultation")
    lines = [x for x in audit_lines(store.audit(staged.id)) if "opted" in x]
    assert any("opted out of the consultation stage: “Not our stage”" in x for x in lines)
    assert any("opted back in to the consultation stage" in x for x in lines)
