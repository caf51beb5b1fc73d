"""A participatory-budgeting vote's links open only the vote's pages: a voter link the
ballot page, the facilitator's link the PB page (never a scenario meeting's pages), and a
scenario meeting's links never the ballot page. Decided before any kernel starts (a real
meetings server, read over HTTP)."""

from __future__ import annotations

import html
from fractions import Fraction

import pytest

from tests.conftest import SCENARIOS
from tests.server.http import get, kernels
from tests.ui.browser import voila_server
from workbench.pb.stored import VoteProject
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser


def test_each_vote_link_opens_only_its_own_page(tmp_path):
    url = f"sqlite:///{tmp_path / 'gate.sqlite'}"
    with MeetingStore(url) as store:
        vote = store.create_vote("Parks", 100, [VoteProject("1", Fraction(10), "Bench")], 2)
        meeting = store.create_meeting((SCENARIOS / "teaching.yaml").read_text())
    v, m = vote.id, meeting.id
    voter, facilitator = vote.voter_tokens["voter-1"], vote.facilitator_token
    refused = [
        (f"panel.ipynb?meeting={v}&token={voter}", "a panel's link"),
        (f"pb.ipynb?meeting={v}&token={voter}", "the facilitator's link"),
        (f"review.ipynb?meeting={v}&token={facilitator}", "participatory-budgeting vote"),
        (f"facilitator.ipynb?meeting={v}&token={facilitator}", "participatory-budgeting"),
        (f"ballot.ipynb?meeting={v}&token={facilitator}", "a voter's link"),
        (f"ballot.ipynb?meeting={m}&token={meeting.panel_tokens['users']}", "a voter's link"),
    ]
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings",
                      store=url) as base:
        for path, words in refused:
            reply = get(base, "/voila/render/" + path)
            assert reply.status == 403, (path, reply.status)
            assert words in html.unescape(reply.body), (path, reply.body)
        assert kernels(base.pid) == [], "a refused visit started a kernel"
        for page, token in (("ballot.ipynb", voter), ("pb.ipynb", facilitator)):
            first = get(base, f"/voila/render/{page}?meeting={v}&token={token}")
            assert first.status == 303, page
        scenario = get(base, f"/voila/render/review.ipynb?meeting={m}&token="
                             f"{meeting.facilitator_token}")
        assert scenario.status == 303                # a scenario's facilitator: as before
