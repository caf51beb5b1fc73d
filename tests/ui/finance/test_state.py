"""The finance page's state model and views, driven without a browser."""

from __future__ import annotations

import base64
import io
import re

import ipywidgets as widgets
import openpyxl
import pytest

from tests.conftest import ROOT, SCENARIOS
from workbench.scenario import file_sha256
from workbench.ui.finance.state import FinanceState, decision_from_meeting, download_name
from workbench.ui.meeting import MeetingState


@pytest.fixture
def finance() -> FinanceState:
    state = FinanceState()
    assert state.open_path(SCENARIOS / "teaching.yaml")
    return state


def test_open_solves_and_offers_workbook_and_csv(finance):
    d = finance.decision
    assert d.portfolio.choices["transport"] == "grant" and d.portfolio.total_cost == 190000
    assert d.sha256 == file_sha256(SCENARIOS / "teaching.yaml")
    files = finance.files()
    assert set(files) == {"xlsx", "csv"}                     # no record before the analysis
    assert files["xlsx"][0] == "teaching-allocation.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"][1]))
    assert book["Allocation"].max_row == 1 + 4 + 1
    assert files["csv"][1].decode("utf-8-sig").count("\r\n") == 5
    assert not finance.busy and finance.status.startswith("Opened")


def test_a_bad_file_keeps_the_open_decision(finance, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((ROOT / "scenarios" / "teaching.yaml").read_text()
                   .replace("mode: outsource", "mode: outsauce"))
    before = finance.decision
    assert not finance.open_path(bad)
    assert finance.decision is before
    assert "still open" in finance.status and any("outsauce" in p for p in finance.problems)
    assert not finance.open_text("format: nope", "up.yaml")
    assert finance.decision is before


def test_infeasible_upload_is_refused_in_words(finance):
    text = (ROOT / "scenarios" / "teaching.yaml").read_text().replace("limit: 200000",
                                                                     "limit: 150000")
    assert not finance.open_text(text, "tight.yaml")
    assert any("no portfolio to export" in p for p in finance.problems)


def test_the_record_comes_with_the_analysis(finance):
    assert finance.add_analysis()
    files = finance.files()
    assert files["html"][0] == "teaching-decision-record.html"
    assert b"Decision record: Little Marsh" in files["html"][1]
    assert finance.decision.portfolio.total_cost == 190000


def test_decision_from_the_meeting_carries_its_weights_and_influence():
    meeting = MeetingState(background=False)
    assert meeting.open_path(SCENARIOS / "teaching.yaml")
    meeting.set_influence("users", 3)
    decision = decision_from_meeting(meeting)
    assert decision.group_influence == {"users": 3.0, "staff": 1.0}
    assert decision.recommendation is meeting.result
    assert decision.analysis is meeting.analysis           # same portfolio: goes with it
    assert decision.recommendation.weights["access"] == pytest.approx(0.625)
    meeting.close()


def test_download_names_are_safe(finance):
    d = finance.decision
    assert re.fullmatch(r"[A-Za-z0-9_-]+-allocation\.csv", download_name(d, "csv"))


def test_finance_page_builds_with_working_links():
    from workbench.ui.finance import FinancePage

    page = FinancePage(SCENARIOS / "teaching.yaml")
    html = "".join(w.value for w in page.widget.children if isinstance(w, widgets.HTML))
    links = re.findall(r'download="([^"]+)" href="data:([^;]+);base64,([^"]+)"', html)
    assert [name for name, _, _ in links] == ["teaching-allocation.xlsx",
                                              "teaching-allocation.csv"]
    assert base64.b64decode(links[0][2])[:2] == b"PK"
    assert "Meals on wheels" in html and "£190,000" in html
    page.state.add_analysis()
    html = "".join(w.value for w in page.widget.children if isinstance(w, widgets.HTML))
    assert "teaching-decision-record.html" in html
    assert "record is ready" in page.record_said.value


def test_an_adopted_decision_opens_as_adopted(tmp_path, monkeypatch):
    from workbench.store import MeetingStore
    from workbench.store.record import build_record
    from workbench.ui.finance.state import adopted_choices, existing_store

    monkeypatch.delenv("WORKBENCH_STORE_URL", raising=False)
    monkeypatch.setenv("WORKBENCH_DATA", str(tmp_path / "data"))
    assert existing_store() is None            # the page never creates an empty store
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Budget")
        store.adopt(new.id, new.facilitator_token, build_record(store, new.id), "Officer")
        store.adopt(new.id, new.facilitator_token, build_record(store, new.id), "Officer")
        choices = adopted_choices(store)
        assert [c[1] for c in choices] == [(new.id, 2), (new.id, 1)]
        assert "in force" in choices[0][0] and "superseded" in choices[1][0]
        state = FinanceState()
        assert state.open_adopted(store, new.id)
        assert state.decision.adopted_by == "Officer"
        assert state.decision.portfolio.total_cost == 190000
        assert set(state.files()) == {"xlsx", "csv"}
        assert not state.open_adopted(store, new.id, 7)
        kind, said = state.message("adopted")
        assert kind == "error" and "no decision 7" in said
        assert state.decision.adopted_by == "Officer"


def test_picking_an_adopted_decision_replaces_the_opened_message(tmp_path):
    """Issue 10: after a decision was picked the page still said "Opened Riverside…"."""
    from workbench.store import MeetingStore
    from workbench.store.record import build_record
    from workbench.ui.finance import FinancePage

    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Budget")
        store.adopt(new.id, new.facilitator_token, build_record(store, new.id), "Cllr Example")
        page = FinancePage(SCENARIOS / "teaching.yaml", store=store)
        assert "Opened" in page.source.status.value and page.adopted_said.value == ""
        page.adopted.value = page.adopted.options[1][1]
        assert page.state.decision.adopted_by == "Cllr Example"
        assert "Opened" not in page.source.status.value       # not beside the file picker
        assert "adopted by Cllr Example" in page.adopted_said.value
        assert "adopted by Cllr Example" in page.review.value
        page.source.picker.value = "riverside.yaml"             # back to a file
        assert page.adopted.value is None and page.adopted_said.value == ""
        assert "Opened Riverside" in page.source.status.value
