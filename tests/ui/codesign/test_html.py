"""The facilitator's specification page in HTML: what waits for an answer in words, the
overview escaped and without the document's title, downloads named and escaped."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.store.codesign_helpers import EVIL, filled
from workbench.store import MeetingStore
from workbench.ui.codesign.html import downloads_html, overview_html, waiting_html


@pytest.fixture
def meeting(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Test")
    yield store, new
    store.close()


def test_waiting_and_overview(meeting):
    store, new = meeting
    groups = {"users": "Service users", "staff": "Staff and unions"}
    assert "No requirement or term" in waiting_html(store.codesign(new.id, "meals"), groups)
    ids = filled(store, new, EVIL)
    store.give_priority(new.id, new.panel_tokens["staff"], "meals", ids.r2, "wont")
    found = store.codesign(new.id, "meals")
    assert found.to_answer() == [(ids.r2, "staff")]      # users should, staff won't
    said = waiting_html(found, groups)
    assert "1 group priority differs" in said and "1 position on terms not answered" in said
    page = overview_html(found, "Meals <on> wheels", groups)
    assert "<h1>" not in page and "Meals <on>" not in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert store.codesigns(new.id).keys() == {"meals"}


def test_downloads_are_named_and_escaped():
    out = downloads_html([("Download <it>", "a'b.html", b"<p>x</p>", "text/html")])
    assert "download='a&#x27;b.html'" in out and "Download &lt;it&gt;" in out
    assert "href='data:text/html;base64,PHA+eDwvcD4='" in out
    assert downloads_html([]) == ""
