"""``MeetingStore.public_access``: the public challenge page needs no token, only a meeting
that exists and whose links have not expired (a closed meeting's challenges go on); a
refusal is said in words and logged like a token's."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from workbench.errors import AccessError


def test_the_public_may_open_a_meeting_until_its_links_expire(store, meeting):
    assert store.public_access(meeting.id) is None
    assert [e.kind for e in store.audit(meeting.id)] == ["meeting_created"]   # nothing kept
    for bad, words in (("not-an-id", "no meeting 'not-an-id': check the link"),
                       ("000000000000", "no meeting '000000000000': check the link")):
        with pytest.raises(AccessError, match=words):
            store.public_access(bad)
    store.end_meeting(meeting.id)
    assert store.public_access(meeting.id) is None      # closed: challenges go on
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meeting_access SET expires_at = :t"),
                     {"t": datetime.now(timezone.utc) - timedelta(minutes=1)})
    for _ in range(3):
        with pytest.raises(AccessError, match=f"the links of meeting {meeting.id} expired"):
            store.public_access(meeting.id)
    refused = [e for e in store.audit(meeting.id) if e.kind == "refused"]
    assert [e.detail["action"] for e in refused] == ["open_challenge_page"]
    assert "expired" in refused[0].detail["reason"] and refused[0].detail["token"] == "missing"
    windows = [(action, count) for _, _, action, count in store.refusals(meeting.id)]
    assert windows == [("open_challenge_page", 3)]
    assert store.refusals("000000000000")[0][2:] == ("open_challenge_page", 1)
