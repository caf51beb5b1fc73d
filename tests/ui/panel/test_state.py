"""A panel's and the facilitator's state models on a real SQLite meeting store, no browser."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from workbench.store import MeetingStore
from workbench.ui.facilitator import FacilitatorState
from workbench.ui.panel import COMMENT_LIMIT, PanelState


@pytest.fixture
def meeting(tmp_path):
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}")
    new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Test")
    yield store, new
    store.close()


def _panel(store, new, group: str) -> PanelState:
    panel = PanelState(store, new.id, new.panel_tokens[group])
    assert panel.open()
    return panel


def test_a_panel_previews_its_weights_and_submits_them_with_its_views(meeting):
    store, new = meeting
    panel = _panel(store, new, "tenants")
    assert panel.group == "tenants" and max(panel.weights.values()) == 100
    before = panel.preview.portfolio.choices
    for c in panel.scenario.criterion_ids:
        panel.set_weight(c, 100 if c == "carbon" else 1)
    assert panel.preview.portfolio.choices != before
    assert 0 <= panel.agreed.satisfaction["tenants"] <= 1
    panel.comment = "<script>alert('x')</script> greener bins, please"
    panel.dissent = "We do not accept the closure of the library."
    assert panel.submit()
    assert panel.message("submit") == ("success", panel.message("submit")[1])
    assert "revision 1" in panel.message("submit")[1]
    stored = store.latest_submissions(new.id)["tenants"]
    assert stored.weights["carbon"] == 100 and stored.comment == panel.comment
    assert stored.dissent.startswith("We do not accept")
    assert panel.submit() and panel.submitted["revision"] == 2
    # A new screen for the same panel starts from what it submitted.
    again = _panel(store, new, "tenants")
    assert again.weights["carbon"] == 100 and again.comment == panel.comment


def test_bad_links_are_refused_and_logged(meeting):
    store, new = meeting
    for token in ("", "not-a-token", new.facilitator_token):
        panel = PanelState(store, new.id, token)
        assert not panel.open()
        assert panel.refused.startswith("This link cannot be used")
    wrong_meeting = PanelState(store, "nope", new.panel_tokens["staff"])
    assert not wrong_meeting.open()
    refusals = [e for e in store.audit(new.id) if "refus" in e.kind]
    assert len(refusals) >= 2


def test_an_oversized_comment_is_refused_and_nothing_is_lost(meeting):
    store, new = meeting
    panel = _panel(store, new, "staff")
    panel.comment = "x" * (COMMENT_LIMIT + 1)
    assert not panel.submit()
    kind, text = panel.message("submit")
    assert kind == "error" and "Nothing was lost" in text and "4,001 characters" in text
    assert len(panel.comment) == COMMENT_LIMIT + 1
    assert "staff" not in store.latest_submissions(new.id)


def test_weights_out_of_range_are_refused_in_words(meeting):
    store, new = meeting
    panel = _panel(store, new, "staff")
    before = dict(panel.weights)
    assert not panel.set_weight("carbon", 120)
    kind, text = panel.message("weights")
    assert kind == "error" and panel.weights == before
    assert text.startswith("Low carbon: a weight must be 0 to 100 (got 120)")
    for c in panel.scenario.criterion_ids:
        panel.set_weight(c, 0)
    assert "at least one weight must be above 0" in panel.message("weights")[1].lower()


def test_pairwise_entry_on_a_panel_warns_when_inconsistent(meeting):
    store, new = meeting
    panel = _panel(store, new, "business")
    n = len(panel.scenario.criterion_ids)
    matrix = [[1.0] * n for _ in range(n)]
    matrix[0][1], matrix[1][0] = 9.0, 1 / 9
    matrix[1][2], matrix[2][1] = 9.0, 1 / 9
    matrix[0][2], matrix[2][0] = 1 / 9, 9.0
    before = dict(panel.weights)
    assert not panel.use_pairwise(matrix)
    assert "inconsistent" in panel.message("method")[1] and panel.weights == before
    assert panel.use_pairwise(matrix, accept_inconsistent=True)
    assert panel.weights != before


def test_the_facilitator_sees_each_submission_and_the_recommendation_follows(meeting):
    store, new = meeting
    facilitator = FacilitatorState(store, new.id, new.facilitator_token, background=False)
    assert facilitator.open_meeting()
    assert len(facilitator.waiting) == 6
    before = facilitator.result.portfolio.choices
    assert not facilitator.poll()
    for group in ("service_users", "tenants", "staff", "business", "voluntary", "members"):
        store.submit_weights(new.id, new.panel_tokens[group],
                             {c: 100 if c == "staff_terms" else 1
                              for c in facilitator.scenario.criterion_ids},
                             comment=f"{group} says: staff terms first")
    assert facilitator.poll()
    assert facilitator.waiting == []
    assert facilitator.panels["staff"]["comment"] == "staff says: staff terms first"
    assert facilitator.agreed_weights["staff_terms"] > 0.9
    assert facilitator.result.portfolio.choices != before
    facilitator.lift("change_capacity")
    facilitator.pin()
    kinds = [e.kind for e in store.audit(new.id)]
    assert "given_lifted" in kinds and "run_pinned" in kinds


def test_adopting_needs_a_name_and_the_facilitators_token(meeting):
    store, new = meeting
    facilitator = FacilitatorState(store, new.id, new.facilitator_token, background=False)
    assert facilitator.open_meeting()
    assert not facilitator.adopt("  ")
    assert "Say who adopts" in facilitator.status
    assert facilitator.adopt("Cllr A. Example, cabinet member")
    assert facilitator.adopt("Cllr A. Example, cabinet member")
    first, second = store.decisions(new.id)
    assert second.supersedes == first.id
    assert "superseding decision" in facilitator.status
    panel_as_facilitator = FacilitatorState(store, new.id, new.panel_tokens["staff"],
                                            background=False)
    assert not panel_as_facilitator.open_meeting()
    assert "facilitator's link" in panel_as_facilitator.refused


def test_a_refusal_is_never_said_as_a_success(meeting):
    store, new = meeting
    panel = _panel(store, new, "tenants")
    assert panel.submit()
    panel.comment = "y" * (COMMENT_LIMIT + 1)
    assert not panel.submit()
    assert panel.message("submit")[0] == "error"     # the success before is replaced
    assert panel.submitted["revision"] == 1 and panel.seen == 1


def test_two_tabs_on_one_link_never_overwrite_each_other_silently(meeting):
    store, new = meeting
    first, second = _panel(store, new, "tenants"), _panel(store, new, "tenants")
    second.comment = "Keep the libraries open"
    second.set_weight("carbon", 90)
    assert second.submit() and second.seen == 1
    first.comment = "Greener bins"
    assert not first.submit()                        # based on 0: revision 1 is newer
    kind, text = first.message("submit")
    assert kind == "warning" and "revision 1" in text and "still here" in text
    assert first.stale["comment"] == "Keep the libraries open"
    assert first.stale["weights"]["carbon"] == 90
    assert first.comment == "Greener bins"           # nothing typed is lost
    assert store.latest_submissions(new.id)["tenants"].comment == "Keep the libraries open"
    assert first.submit_anyway()                     # based on the newer one, knowingly
    assert first.seen == 2 and first.stale == {}
    assert store.latest_submissions(new.id)["tenants"].comment == "Greener bins"
    # The other tab is now behind: it may load the newer one instead of its own.
    second.comment = "Something else"
    assert not second.submit() and second.stale["revision"] == 2
    second.load_newer()
    assert second.comment == "Greener bins" and second.seen == 2 and not second.stale
    assert second.message("submit")[0] == "info"
    assert second.submit() and second.seen == 3


def test_swing_entry_says_beside_its_button_what_happened(meeting):
    store, new = meeting
    panel = _panel(store, new, "voluntary")
    assert not panel.use_swing({c: 0 for c in panel.scenario.criterion_ids})
    assert panel.message("method")[0] == "error"
    points = {c: 100 if c == "access" else 50 for c in panel.scenario.criterion_ids}
    assert panel.use_swing(points)
    assert panel.message("method")[0] == "success" and panel.weights["access"] == 100
