"""The meeting store's interface, on real SQLite and real PostgreSQL."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from workbench.errors import AccessError, InputError, ScenarioError, StoreError
from workbench.store import open_store
from workbench.store.checks import MAX_TEXT
from workbench.store.engine import store_url


def test_create_meeting_gives_one_link_per_group_and_stores_the_scenario(store, meeting,
                                                                        teaching_text):
    import hashlib

    links = meeting.links("https://meet.example.org/")
    assert list(links) == ["facilitator", "review", "specification", "users", "staff"]
    assert links["users"].startswith("https://meet.example.org/voila/render/panel.ipynb?"
                                     f"meeting={meeting.id}&token=")
    assert "facilitator.ipynb" in links["facilitator"]
    assert links["review"] == ("https://meet.example.org/voila/render/review.ipynb?"
                               f"meeting={meeting.id}&token={meeting.facilitator_token}")
    assert len(set(meeting.panel_tokens.values()) | {meeting.facilitator_token}) == 3
    info = store.meeting(meeting.id)
    assert info.scenario_sha256 == hashlib.sha256(teaching_text.encode()).hexdigest()
    assert info.groups == {"users": "Service users", "staff": "Staff and unions"}
    assert store.scenario_text(meeting.id) == teaching_text
    assert [m.id for m in store.meetings()] == [meeting.id]
    assert info.version == 1 and store.audit(meeting.id)[0].kind == "meeting_created"


def test_tokens_are_stored_only_as_hashes(tmp_path, teaching_text):
    path = tmp_path / "s.sqlite"
    with open_store(str(path)) as store:
        made = store.create_meeting(teaching_text)
    raw = path.read_bytes() + (Path(f"{path}-wal").read_bytes()
                               if Path(f"{path}-wal").exists() else b"")
    for token in [made.facilitator_token, *made.panel_tokens.values()]:
        assert token.encode() not in raw


def test_a_panel_submits_its_own_weights_in_versions(store, meeting):
    users, staff = meeting.panel_tokens["users"], meeting.panel_tokens["staff"]
    first = store.submit_weights(meeting.id, users, {"quality": 2, "access": 1})
    second = store.submit_weights(meeting.id, users, {"quality": 1, "access": 1},
                                  comment="Changed our mind", dissent="We want access first")
    other = store.submit_weights(meeting.id, staff, {"access": 5})
    assert (first.group, first.revision, second.revision, other.revision) == ("users", 1, 2, 1)
    assert first.version < second.version < other.version
    assert other.weights == {"quality": 0.0, "access": 5.0}
    latest = store.latest_submissions(meeting.id)
    assert set(latest) == {"users", "staff"}
    assert latest["users"].weights == {"quality": 1.0, "access": 1.0}
    assert latest["users"].dissent == "We want access first"
    assert [s.revision for s in store.submissions(meeting.id)] == [1, 2, 1]


def test_changes_since_returns_only_what_is_new(store, meeting):
    token = meeting.facilitator_token
    seen = store.changes_since(meeting.id, token, 0)
    assert seen.version == 1 and [e.kind for e in seen.events] == ["meeting_created"]
    assert store.changes_since(meeting.id, token, seen.version).events == []
    store.submit_weights(meeting.id, meeting.panel_tokens["staff"], {"quality": 3},
                         comment="ok")
    store.record_action(meeting.id, token, "given_lifted",
                        {"given": "budget", "reason": "what if the precept rose?"})
    new = store.changes_since(meeting.id, meeting.panel_tokens["users"], seen.version)
    assert [(e.version, e.kind, e.actor) for e in new.events] == [
        (2, "weights_submitted", "staff"), (3, "given_lifted", "facilitator")]
    assert new.events[0].weights == {"quality": 3.0, "access": 0.0}
    assert new.events[0].comment == "ok" and new.version == 3


@pytest.mark.parametrize(("token", "reason"), [
    (None, "no token"),
    ("", "no token"),
    ("not a token", "malformed"),
    ("x" * 43, "does not open meeting"),
    ("<script>alert(1)</script>", "malformed"),
    (12345, "malformed"),
])
def test_bad_tokens_are_refused_and_logged_without_the_token(store, meeting, token, reason):
    before = store.meeting(meeting.id).version
    with pytest.raises(AccessError, match=reason):
        store.submit_weights(meeting.id, token, {"quality": 1})
    assert store.latest_submissions(meeting.id) == {}
    last = store.audit(meeting.id)[-1]
    assert last.version == before + 1 and last.kind == "refused"
    assert last.detail["action"] == "submit_weights" and reason in last.detail["reason"]
    assert str(token) not in str(last.detail.values()) or token in (None, "")
    assert len(last.detail["token"]) == 8 or last.detail["token"] == "missing"


def test_roles_panel_cannot_act_for_facilitator_nor_facilitator_for_a_panel(store, meeting):
    users = meeting.panel_tokens["users"]
    with pytest.raises(AccessError, match="only the facilitator's"):
        store.record_action(meeting.id, users, "run_pinned")
    with pytest.raises(AccessError, match="only the facilitator's"):
        store.adopt(meeting.id, users, {"scenario_sha256": meeting.scenario_sha256}, "me")
    with pytest.raises(AccessError, match="each panel's own link"):
        store.submit_weights(meeting.id, meeting.facilitator_token, {"quality": 1})
    refused = [e for e in store.audit(meeting.id) if e.kind == "refused"]
    assert [e.actor for e in refused] == ["users", "users", "facilitator"]
    assert store.decisions(meeting.id) == [] and store.latest_submissions(meeting.id) == {}


def test_a_token_opens_only_its_own_meeting(store, meeting, teaching_text):
    other = store.create_meeting(teaching_text)
    with pytest.raises(AccessError, match="does not open meeting"):
        store.submit_weights(other.id, meeting.panel_tokens["users"], {"quality": 1})
    with pytest.raises(AccessError, match="no meeting"):
        store.changes_since("000000000000", meeting.facilitator_token, 0)
    with pytest.raises(AccessError, match="no meeting"):
        store.access("../../etc/passwd", meeting.facilitator_token)
    assert store.access(meeting.id, meeting.panel_tokens["staff"]).group == "staff"
    assert store.access(meeting.id, meeting.facilitator_token).role == "facilitator"


@pytest.mark.parametrize(("weights", "message"), [
    ({"quality": -1, "access": 1}, "weights.quality: must not be negative (got -1)"),
    ({"quality": math.nan, "access": 1}, "weights.quality: must be a finite number (got nan)"),
    ({"quality": math.inf}, "weights.quality: must be a finite number (got inf)"),
    ({"quality": 1, "kindness": 2}, "weights.kindness: unknown criterion 'kindness'"),
    ({"quality": 0, "access": 0}, "at least one weight must be above 0"),
    ({"quality": "3"}, "weights.quality: must be a number (got '3')"),
    ({"quality": True}, "weights.quality: must be a number (got True)"),
    ({}, "weights: must be a mapping"),
    ([1, 2], "weights: must be a mapping"),
])
def test_bad_weights_are_refused_and_nothing_is_stored(store, meeting, weights, message):
    before = store.meeting(meeting.id).version
    with pytest.raises(InputError) as refused:
        store.submit_weights(meeting.id, meeting.panel_tokens["users"], weights)
    assert message in str(refused.value)
    assert store.meeting(meeting.id).version == before
    assert store.submissions(meeting.id) == []


def test_comments_are_limited_and_kept_verbatim(store, meeting):
    token = meeting.panel_tokens["users"]
    with pytest.raises(InputError, match=f"comment: at most {MAX_TEXT} characters"):
        store.submit_weights(meeting.id, token, {"quality": 1}, comment="x" * (MAX_TEXT + 1))
    with pytest.raises(InputError, match="dissent: must be text"):
        store.submit_weights(meeting.id, token, {"quality": 1}, dissent=42)
    with pytest.raises(InputError, match="NUL"):
        store.submit_weights(meeting.id, token, {"quality": 1}, comment="a\x00b")
    assert store.submissions(meeting.id) == []
    html = "<script>alert('x')</script> & <b>café</b>\n=SUM(A1)"
    store.submit_weights(meeting.id, token, {"quality": 1}, comment=html,
                         dissent="x" * MAX_TEXT)
    stored = store.latest_submissions(meeting.id)["users"]
    assert stored.comment == html and len(stored.dissent) == MAX_TEXT


def test_facilitator_actions_are_checked(store, meeting):
    token = meeting.facilitator_token
    with pytest.raises(InputError, match="kind: must be one of"):
        store.record_action(meeting.id, token, "drop_table")
    with pytest.raises(InputError, match=r"detail\.given: must be one of the scenario.s givens"):
        store.record_action(meeting.id, token, "given_lifted", {"given": "nope"})
    with pytest.raises(InputError, match="cannot be stored as JSON"):
        store.record_action(meeting.id, token, "note", {"note": "x", "when": object()})
    pinned = store.record_action(meeting.id, token, "run_pinned", {"note": "before lunch"})
    assert pinned.version == 2 and store.audit(meeting.id)[-1].detail == {"note": "before lunch"}


def test_a_reissued_link_replaces_the_old_one(store, meeting):
    new = store.reissue(meeting.id, "users")
    with pytest.raises(AccessError):
        store.submit_weights(meeting.id, meeting.panel_tokens["users"], {"quality": 1})
    assert store.submit_weights(meeting.id, new, {"quality": 1}).group == "users"
    with pytest.raises(InputError, match="not a group"):
        store.reissue(meeting.id, "nobody")
    assert "link_reissued" in [e.kind for e in store.audit(meeting.id)]


def test_an_invalid_scenario_makes_no_meeting(store, teaching_text):
    with pytest.raises(ScenarioError, match="must be 0 to 100"):
        store.create_meeting(teaching_text.replace("quality: 80, access: 60",
                                                   "quality: 180, access: 60"))
    assert store.meetings() == []


def test_unknown_meeting_and_refused_urls(tmp_path):
    with open_store(str(tmp_path / "a.sqlite")) as store, \
            pytest.raises(StoreError, match="no meeting 'abc'"):
        store.audit("abc")
    with pytest.raises(StoreError, match="only sqlite"):
        store_url("mysql://x@y/z")
    assert store_url("postgresql://u@h:5/d").drivername == "postgresql+psycopg"


def test_default_store_is_a_sqlite_file_in_the_data_folder(tmp_path, monkeypatch,
                                                           teaching_text):
    monkeypatch.delenv("WORKBENCH_STORE_URL", raising=False)
    monkeypatch.setenv("WORKBENCH_DATA", str(tmp_path / "nested" / "data"))
    with open_store() as store:
        store.create_meeting(teaching_text)
    path = tmp_path / "nested" / "data" / "workbench.sqlite"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 1


def test_an_unreachable_postgres_is_one_clear_error():
    with pytest.raises(StoreError, match=r"could not be opened"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_polling_with_nothing_new_is_cheap(store, meeting):
    import time

    started = time.perf_counter()
    for _ in range(100):
        assert store.changes_since(meeting.id, meeting.facilitator_token, 1).events == []
    assert time.perf_counter() - started < 5     # measured: about 0.3 ms (SQLite), 1 ms (PG)


def test_a_missing_postgresql_fails_under_ci(monkeypatch):
    from tests.pg import _missing

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL is needed under CI"):
        _missing("initdb was not found")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL tests skipped"):
        _missing("initdb was not found")


def test_tokens_never_start_with_a_dash():
    """A token after ``--token`` on a command line must not read as an option."""
    from workbench.store.tokens import new_token

    assert not any(new_token().startswith("-") for _ in range(2000))


def test_a_submission_from_a_page_that_missed_a_newer_revision_is_refused(store, meeting):
    from workbench.errors import StaleSubmission

    users = meeting.panel_tokens["users"]
    store.submit_weights(meeting.id, users, {"quality": 2, "access": 1}, based_on=0)
    newer = store.submit_weights(meeting.id, users, {"quality": 1, "access": 1},
                                 comment="from the laptop", based_on=1)
    version = store.meeting(meeting.id).version
    with pytest.raises(StaleSubmission) as refused:   # a phone tab that saw revision 1 only
        store.submit_weights(meeting.id, users, {"quality": 5, "access": 1},
                             comment="from the phone", based_on=1)
    assert refused.value.latest.revision == 2
    assert refused.value.latest.comment == "from the laptop"
    assert "revision 2" in str(refused.value)
    assert store.meeting(meeting.id).version == version          # nothing stored
    assert store.latest_submissions(meeting.id)["users"] == newer
    anyway = store.submit_weights(meeting.id, users, {"quality": 5, "access": 1},
                                  comment="from the phone", based_on=2)   # "submit anyway"
    assert anyway.revision == 3
