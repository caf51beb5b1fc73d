"""The needs register on the published "after the decision" page: each need with who is
affected, its supports, a merge with its reason and its answer; a resident never named."""

from __future__ import annotations

from tests.conftest import SCENARIOS
from workbench.export.accountability import accountability_html
from workbench.store import MeetingStore


def test_the_published_page_lists_the_needs_without_names(tmp_path):
    with MeetingStore(f"sqlite:///{tmp_path / 'm.sqlite'}") as store:
        new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Needs")
        empty = accountability_html(store, new.id)
        assert "<h2>The needs register</h2>" in empty and "No need has been proposed" in empty
        store.propose_need(new.id, None, "Step-free <access>", "Wheelchair users",
                           "The ramp is broken", name="Ann Smith", contact="ann@example.org")
        store.propose_need(new.id, new.panel_tokens["users"], "Ramps", "Wheelchair users")
        store.support_need(new.id, None, "need:2", "resident-ann-0001")
        store.merge_need(new.id, new.facilitator_token, "need:2", "need:3", "Same need")
        store.answer(new.id, new.facilitator_token, "need:3", "accepted", "New ramps by May",
                     "Clerk")
        page = accountability_html(store, new.id)
    assert "Need 2: Step-free &lt;access&gt;" in page
    assert "Merged into need 3</strong>: Same need" in page
    assert "Proposed by the panel of Service users; 1 support (residents 1)." in page
    assert "New ramps by May" in page
    assert "Ann Smith" not in page and "ann@example.org" not in page
