"""Proposed options on the published "after the decision" page: each with its fields, who
proposed it, the officers' costing and the answer (accepted into which version, or why
not), every text escaped."""

from __future__ import annotations

from tests.conftest import SCENARIOS
from workbench.export.accountability import accountability_html
from workbench.store import MeetingStore


def test_the_published_page_lists_each_option_with_its_answer(tmp_path):
    with MeetingStore(f"sqlite:///{tmp_path / 'm.sqlite'}") as store:
        new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Opts")
        empty = accountability_html(store, new.id)
        assert "<h2>Options proposed by the panels</h2>" in empty
        assert "No option has been proposed" in empty
        users, fac = new.panel_tokens["users"], new.facilitator_token
        one = store.propose_option(new.id, users, "transport", "partnership",
                                   "Trust <script>", [35000], {"access": 90}, "Drives <b>")
        two = store.propose_option(new.id, users, "library", "grant", None, None, None,
                                   "Friends group")
        store.accept_option(new.id, fac, f"option:{one.version}", 32000, 5000,
                            {"quality": 70, "access": 80}, "Finance officer")
        store.decline_option(new.id, fac, f"option:{two.version}", "No group exists", "Clerk")
        page = accountability_html(store, new.id)
    assert f"Proposed option {one.version}: Community transport, run in partnership" in page
    assert "Trust &lt;script&gt;" in page and "<script>" not in page
    assert "Drives &lt;b&gt;" in page and "Proposed by the panel of Service users" in page
    assert "cost £32,000 a year, one-off cost £5,000" in page
    assert "Quality of service 70, Access and inclusion 80" in page
    assert "Accepted into version 2 of the scenario" in page
    assert "Not accepted into the scenario: No group exists" in page
