"""Where the participatory-budgeting page is served: at /pb beside the meeting page on the
single-meeting server, and as pb.ipynb (the facilitator's link only) on a meetings server;
nowhere else, and no refusal costs a kernel."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.server.http import get, kernels, new_meeting
from tests.ui.browser import voila_server

pytestmark = pytest.mark.browser


def test_the_meeting_server_serves_the_pb_page_at_pb_only(tmp_path):
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml") as base:
        for path in ("/pb/", "/pb/x", "/voila/render/pb.ipynb", "/pb.ipynb", "/voila/tree"):
            reply = get(base, path)
            assert reply.status == 404, path
            assert 'class="wb-refused"' in reply.body, path
        page = get(base, "/pb")
        assert page.status == 200
        assert "<title>pb</title>" in page.body           # the pb notebook, not the meeting
        meeting = get(base, "/")                      # the meeting page is still at /
        assert meeting.status == 200 and "<title>workbench</title>" in meeting.body
        assert f"The participatory budgeting page: {base}pb" in base.log.read_text()


def test_a_meetings_server_gives_the_pb_page_to_the_facilitator_only(tmp_path):
    url, made = new_meeting(tmp_path, "pb")
    m = made.id
    panel = next(iter(made.panel_tokens.values()))
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings",
                      store=url) as base:
        for path in (f"/voila/render/pb.ipynb?meeting={m}",
                     f"/voila/render/pb.ipynb?meeting={m}&token={panel}", "/pb"):
            assert get(base, path).status in (403, 404), path
        assert kernels(base.pid) == []
        first = get(base, f"/voila/render/pb.ipynb?meeting={m}&token={made.facilitator_token}")
        assert first.status == 303
        cookie = next(c for c in first.cookies() if c.startswith(f"wb_{m}="))
        page = get(base, f"/voila/render/pb.ipynb?meeting={m}", cookie.split(";")[0])
        assert page.status == 200 and "<title>pb</title>" in page.body
