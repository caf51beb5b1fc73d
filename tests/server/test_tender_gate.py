"""A tender evaluation's links open only the tender's pages, and a scenario meeting's only
its own: decided before any kernel starts (a real meetings server, read over HTTP)."""

from __future__ import annotations

import html

import pytest

from tests.conftest import SCENARIOS
from tests.server.http import get, kernels
from tests.tender.stored_helpers import tender_text
from tests.ui.browser import voila_server
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser


def test_each_link_opens_only_its_own_kind_of_page(tmp_path):
    url = f"sqlite:///{tmp_path / 'gate.sqlite'}"
    with MeetingStore(url) as store:
        tender = store.create_tender(tender_text(), "t.yaml")
        meeting = store.create_meeting((SCENARIOS / "teaching.yaml").read_text())
    t, m = tender.id, meeting.id
    evaluator, moderator = tender.evaluator_tokens["e1"], tender.moderator_token
    refused = [
        (f"panel.ipynb?meeting={t}&token={evaluator}", "a panel's link"),
        (f"facilitator.ipynb?meeting={t}&token={moderator}", "the facilitator's link"),
        (f"review.ipynb?meeting={t}&token={moderator}", "the facilitator's link"),
        (f"moderation.ipynb?meeting={t}&token={evaluator}", "the tender moderator's link"),
        (f"evaluator.ipynb?meeting={t}&token={moderator}", "a tender evaluator's link"),
        (f"evaluator.ipynb?meeting={m}&token={meeting.panel_tokens['users']}",
         "a tender evaluator's link"),
        (f"moderation.ipynb?meeting={m}&token={meeting.facilitator_token}",
         "the tender moderator's link"),
        (f"evaluator.ipynb?meeting={t}&token={meeting.panel_tokens['users']}",
         "does not open"),
    ]
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings",
                      store=url) as base:
        for path, words in refused:
            reply = get(base, "/voila/render/" + path)
            assert reply.status == 403, (path, reply.status)
            assert words in html.unescape(reply.body), (path, reply.body)
        assert kernels(base.pid) == [], "a refused visit started a kernel"
        for page, token in (("evaluator.ipynb", evaluator), ("moderation.ipynb", moderator)):
            first = get(base, f"/voila/render/{page}?meeting={t}&token={token}")
            assert first.status == 303, page
            assert first.headers["Location"] == f"/voila/render/{page}?meeting={t}"
