"""How long a meeting's links work, how fast a panel may submit, how refused attempts are
kept, who can read the store's file, and signed adopted records: on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from workbench.errors import AccessError, InputError, RateLimited
from workbench.store import open_store
from workbench.store.meetings import SUBMISSIONS_PER_MINUTE, MeetingStore

KEY = b"k" * 32


def test_a_closed_meeting_refuses_every_link_but_keeps_its_history(store, meeting):
    users = meeting.panel_tokens["users"]
    store.submit_weights(meeting.id, users, {"quality": 1})
    with pytest.raises(AccessError, match="only the facilitator"):
        store.close_meeting(meeting.id, users)
    closed = store.close_meeting(meeting.id, meeting.facilitator_token)
    assert closed.kind == "meeting_closed"
    for token in (users, meeting.facilitator_token):
        with pytest.raises(AccessError, match=r"closed .* no longer work"):
            store.access(meeting.id, token)
        with pytest.raises(AccessError, match="closed"):
            store.changes_since(meeting.id, token, 0)
    with pytest.raises(AccessError, match="closed"):
        store.submit_weights(meeting.id, users, {"quality": 2})
    assert store.meeting(meeting.id).closed_at is not None
    assert store.latest_submissions(meeting.id)["users"].weights["quality"] == 1
    assert [e.kind for e in store.audit(meeting.id)][:3] == \
        ["meeting_created", "weights_submitted", "refused"]
    with pytest.raises(InputError, match="already closed"):
        store.end_meeting(meeting.id)


def test_links_stop_working_when_the_meeting_expires(store, teaching_text):
    soon = datetime.now(timezone.utc) + timedelta(seconds=2)
    made = store.create_meeting(teaching_text, expires_at=soon)
    assert store.access(made.id, made.facilitator_token).role == "facilitator"
    assert store.meeting(made.id).expires_at == soon.replace(microsecond=soon.microsecond)
    with store.engine.connect() as conn, conn.begin():   # as if the time had passed
        conn.execute(sa.text("UPDATE meeting_access SET expires_at = :t"),
                     {"t": datetime.now(timezone.utc) - timedelta(minutes=1)})
    with pytest.raises(AccessError, match="expired"):
        store.access(made.id, made.panel_tokens["users"])


def test_an_expiry_in_the_past_or_without_a_zone_is_refused(store, teaching_text):
    with pytest.raises(InputError, match="future"):
        store.create_meeting(teaching_text,
                             expires_at=datetime.now(timezone.utc) - timedelta(hours=1))
    with pytest.raises(InputError, match="time zone"):
        store.create_meeting(teaching_text, expires_at=datetime(2030, 1, 1))
    assert store.meetings() == []


def test_a_panel_that_submits_too_fast_is_told_to_wait_and_nothing_is_stored(store, meeting):
    users = meeting.panel_tokens["users"]
    for k in range(SUBMISSIONS_PER_MINUTE):
        store.submit_weights(meeting.id, users, {"quality": k + 1}, comment="x" * 4000)
    with pytest.raises(RateLimited, match="wait") as refused:
        store.submit_weights(meeting.id, users, {"quality": 99}, comment="x" * 4000)
    assert 1 <= refused.value.retry_after <= 61
    assert len(store.submissions(meeting.id)) == SUBMISSIONS_PER_MINUTE
    # another panel is not held back by this one
    store.submit_weights(meeting.id, meeting.panel_tokens["staff"], {"quality": 1})


def test_a_flood_of_refused_attempts_is_one_event_and_a_count(store, meeting):
    before = len(store.audit(meeting.id))
    for k in range(40):
        with pytest.raises(AccessError):
            store.access(meeting.id, f"{k:043d}")
    refused = [e for e in store.audit(meeting.id) if e.kind == "refused"]
    assert len(store.audit(meeting.id)) == before + 1 and len(refused) == 1
    assert "counted" in refused[0].detail["coalesced"]
    (_, _, action, count), = store.refusals(meeting.id)
    assert (action, count) == ("read", 40)
    for k in range(5):     # attempts on a meeting that does not exist are coalesced too
        with pytest.raises(AccessError):
            store.access("000000000000", f"{k:043d}")
    assert store.refusals("000000000000")[0][3] == 5


def test_adopted_records_are_signed_and_verify_names_the_ones_that_fail(store_url, meeting,
                                                                         store):
    signed = MeetingStore(store_url, signing_key=KEY)
    record = {"scenario_sha256": meeting.scenario_sha256}
    first = signed.adopt(meeting.id, meeting.facilitator_token, record, "Chair")
    second = signed.adopt(meeting.id, meeting.facilitator_token, record, "Chair")
    assert [v.ok for v in signed.verify(meeting.id)] == [True, True]
    unsigned = store.adopt(meeting.id, meeting.facilitator_token, record, "Chair")
    with signed.engine.connect() as conn, conn.begin():   # an attacker with the database
        conn.execute(sa.text("UPDATE decision_signatures SET hmac_sha256 = :h "
                             "WHERE decision_id = :d"), {"h": "0" * 64, "d": second.id})
    found = {v.decision_id: v for v in signed.verify(meeting.id)}
    assert found[first.id].ok
    assert not found[second.id].ok and "signature does not match" in found[second.id].problem
    assert not found[unsigned.id].ok and "never signed" in found[unsigned.id].problem
    other = MeetingStore(store_url, signing_key=b"o" * 32)
    assert "another key" in other.verify(meeting.id)[0].problem
    signed.close()
    other.close()


def test_the_sqlite_file_and_its_folder_are_private(tmp_path, teaching_text):
    folder = tmp_path / "private" / "data"
    with open_store(str(folder / "workbench.sqlite")) as store:
        made = store.create_meeting(teaching_text)
        store.submit_weights(made.id, made.panel_tokens["users"], {"quality": 1})
        names = sorted(p.name for p in folder.iterdir())
        assert names == ["workbench.sqlite", "workbench.sqlite-shm", "workbench.sqlite-wal"]
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_default_store_is_one_absolute_place_whatever_the_folder(tmp_path, monkeypatch):
    from workbench.store.engine import store_url

    monkeypatch.delenv("WORKBENCH_STORE_URL", raising=False)
    monkeypatch.setenv("WORKBENCH_DATA", str(tmp_path / "one-store"))
    monkeypatch.chdir(tmp_path)
    here = store_url().database
    os.mkdir(tmp_path / "elsewhere")
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert store_url().database == here == str(tmp_path / "one-store" / "workbench.sqlite")
    monkeypatch.delenv("WORKBENCH_DATA")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store_url().database == str(tmp_path / "xdg" / "workbench" / "workbench.sqlite")
    assert store_url("relative.sqlite").database == str(tmp_path / "elsewhere" /
                                                        "relative.sqlite")
