"""The public challenge page at the gate, on a real meetings server read over plain HTTP: it
needs no token, only a meeting whose links have not expired (a closed one's challenges go
on); a refused link costs no kernel; a token in its address
is dropped before any kernel sees it, no cookie is set, and the link's service reaches the
kernel only when it is a well-formed id. Its visitors are counted by address under the
kernel cap."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from tests.conftest import SCENARIOS
from tests.server.http import get, kernels
from tests.ui.browser import voila_server
from workbench.server import visitor
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
PAGE = "/voila/render/challenge.ipynb"


def _created(url: str, home) -> tuple[str, str]:
    """``workbench meeting create``: the meeting id and its public challenge link."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    done = subprocess.run([sys.executable, "-m", "workbench.cli", "meeting", "create",
                           str(SCENARIOS / "teaching.yaml"), "--store", url, "--base-url", ""],
                          env={**env, "HOME": str(home)}, capture_output=True, text=True,
                          timeout=120, check=True)
    line, = [x for x in done.stdout.splitlines() if x.startswith("Public challenge link")]
    meeting = done.stdout.split()[1].rstrip(":")
    assert line == f"Public challenge link (publish it): {PAGE}?meeting={meeting}"
    assert f"Public needs register (publish it): /voila/render/needs.ipynb?meeting={meeting}" \
        in done.stdout.splitlines()
    return meeting, line.split(": ", 1)[1]


def _ours(reply) -> list[str]:
    """The workbench's cookies in a reply (Jupyter's anonymous identity cookie aside)."""
    return [c for c in reply.cookies() if c.startswith("wb_")]


def _seen_by(kernel) -> tuple[dict, str, list[str]]:
    """What a kernel was told: its visitor, its QUERY_STRING, and every value it holds."""
    env = kernel.environ()
    return json.loads(env[visitor.ENV]), env.get("QUERY_STRING", ""), list(env.values())


def test_the_challenge_link_opens_without_a_token_until_its_meeting_expires(tmp_path):
    url = f"sqlite:///{tmp_path / 'public.sqlite'}"
    (tmp_path / "home").mkdir()
    meeting, link = _created(url, tmp_path / "home")
    with MeetingStore(url) as store:
        text = (SCENARIOS / "teaching.yaml").read_text()
        closed, expired = (store.create_meeting(text, name=n) for n in ("Closed", "Expired"))
        store.end_meeting(closed.id)
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE meeting_access SET expires_at = :t WHERE "
                                 "meeting_id = :m"),
                         {"t": datetime.now(timezone.utc) - timedelta(minutes=5),
                          "m": expired.id})
        facilitator = store.reissue(meeting)          # a real token, to append to a link
    refused = [
        (PAGE, "no meeting"), (f"{PAGE}?meeting=nonsense", "nonsense"),
        (f"{PAGE}?meeting=000000000000", "no meeting &#x27;000000000000&#x27;"),
        (f"{PAGE}?meeting={expired.id}&service=meals", "expired"),
        (f"{PAGE}?meeting={expired.id}&token={expired.facilitator_token}", "expired"),
        (f"/voila/render/panel.ipynb?meeting={meeting}", "no token"),   # still needs one
    ]
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings", store=url,
                      args=("--max-per-visitor", "2")) as base:
        for path, why in refused:
            reply = get(base, path)
            assert reply.status == 403, (path, reply.status)
            assert 'class="wb-refused"' in reply.body and why in reply.body, path
            assert len(reply.body) < 2000 and not _ours(reply), path
        assert kernels(base.pid) == [], "a refused public link started a kernel"

        opened = get(base, f"{link}&service=meals&token={facilitator}")
        assert opened.status == 200, opened.body[:500]        # no redirect, no swap
        assert 'class="wb-refused"' not in opened.body
        assert not _ours(opened)
        first, = kernels(base.pid)
        seen, query, values = _seen_by(first)
        assert seen == {"meeting": meeting, "token": "", "role": "public", "group": None,
                        "service": "meals"}
        assert query == f"meeting={meeting}&service=meals"
        assert not any(facilitator in v for v in values), "the kernel holds the token"

        # a closed meeting's link still opens (its challenges go on); an odd service is
        # left out
        odd = get(base, f"{PAGE}?meeting={closed.id}&service=%3Cscript%3E")
        assert odd.status == 200 and 'class="wb-refused"' not in odd.body
        second, = [k for k in kernels(base.pid) if k.pid != first.pid]
        seen, query, _ = _seen_by(second)
        assert (seen["meeting"], seen["service"], query) == (closed.id, None,
                                                              f"meeting={closed.id}")
        # counted by address, whichever meeting: this address has its two pages
        full = get(base, link)
        assert full.status == 503 and "Too many pages open" in full.body
        assert full.headers["Retry-After"] == "60"
        log = base.log.read_text()
    assert facilitator not in log and expired.facilitator_token not in log
    with MeetingStore(url) as store:
        kept = [e.detail for e in store.audit(expired.id) if e.kind == "refused"]
        assert kept and kept[0]["action"] == "open_challenge_page"
        assert all(expired.facilitator_token not in str(d) for d in kept)
        assert not [e for e in store.audit(closed.id) if e.kind == "refused"]
        actions = [e.detail["action"] for e in store.audit(meeting) if e.kind == "refused"]
        assert actions == ["read"]          # the panel page without a token, not the public
