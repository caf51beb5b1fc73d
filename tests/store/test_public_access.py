"""``MeetingStore.public_access``: the public challenge page needs no token, only a meeting
that exists and is open; a refusal is said in words and logged like a token's."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from workbench.errors import AccessError


def test_an_open_meeting_admits_the_public_and_the_refusals_are_logged(store, meeting):
    assert store.public_access(meeting.id) is None
    assert [e.kind for e in store.audit(meeting.id)] == ["meeting_created"]   # nothing kept
    for bad, words in (("not-an-id", "no meeting 'not-an-id': check the link"),
                       ("000000000000", "no meeting '000000000000': check the link")):
        with pytest.raises(AccessError, match=words):
            store.public_access(bad)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meeting_access SET expires_at = :t"),
                     {"t": datetime.now(timezone.utc) - timedelta(minutes=1)})
    with pytest.raises(AccessError, match=f"the links of meeting {meeting.id} expired"):
        store.public_access(meeting.id)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meeting_access SET expires_at = NULL"))
    store.end_meeting(meeting.id)
    for _ in range(3):
        with pytest.raises(AccessError, match=r"was closed at .*: its links no longer work"):
            store.public_access(meeting.id)
    refused = [e for e in store.audit(meeting.id) if e.kind == "refused"]
    assert [e.detail["action"] for e in refused] == ["open_challenge_page"] * 2
    assert "expired" in refused[0].detail["reason"] and "closed" in refused[1].detail["reason"]
    windows = [(action, count) for _, _, action, count in store.refusals(meeting.id)]
    assert windows == [("open_challenge_page", 1), ("open_challenge_page", 3)]
    assert store.refusals("000000000000")[0][2:] == ("open_challenge_page", 1)
