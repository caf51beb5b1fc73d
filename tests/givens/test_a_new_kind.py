"""A kind of given defined only here, in one class and one registration, works in every
stage: the file's checks, solve, analyse (prices, the exact frontier), the export (the
workbook's Givens sheet, the published record) and the meeting page's recommendation."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Literal

import numpy as np
import pytest
import yaml
from openpyxl import load_workbook

from tests.conftest import SCENARIOS
from workbench.analysis import analyse
from workbench.analysis.separable import separate
from workbench.arrays import ScenarioArrays
from workbench.errors import ScenarioError
from workbench.export import DecisionExport, record_html, workbook_bytes
from workbench.fields import NonNegative
from workbench.givens import GIVEN_KINDS, GivenBase, GivenKind, Parts
from workbench.givens.registry import register, unregister
from workbench.givens.rows import EQ, Row, RowParts
from workbench.money import money
from workbench.optimiser import recommend
from workbench.scenario import Scenario, parse_scenario


class MaxSpendChange(GivenBase):
    kind: Literal["max_spend_change"]
    limit: NonNegative


class MaxSpendChangeKind(GivenKind[MaxSpendChange]):
    """No service's total cost (over every year, one-offs included) may move by more than
    ``limit`` against its current option."""

    name = "max_spend_change"
    model = MaxSpendChange

    def rows(self, given: MaxSpendChange, arrays: ScenarioArrays) -> RowParts:
        current = np.flatnonzero(arrays.is_current)
        today = np.full(len(arrays.starts) - 1, np.nan)
        today[arrays.service_of[current]] = arrays.total_cost[current]
        change = np.abs(arrays.total_cost - today[arrays.service_of])
        yield "", np.nan_to_num(change > given.limit + 1e-9).astype(float), EQ, 0

    def separate(self, given: MaxSpendChange, row: Row, arrays: ScenarioArrays,
                 parts: Parts) -> None:
        parts.forbid(row.coefficients != 0)

    def sentence(self, given: MaxSpendChange, scenario: Scenario) -> str:
        return (f"No service may cost more than {money(given.limit, scenario.currency)} more "
                "or less than today.")


LIMIT = 5000


@pytest.fixture
def new_kind() -> Iterator[MaxSpendChangeKind]:
    kind = MaxSpendChangeKind()
    register(kind)
    try:
        yield kind
    finally:
        unregister(kind.name)


def _teaching(limit: object = LIMIT) -> str:
    data = yaml.safe_load((SCENARIOS / "teaching.yaml").read_text())
    data["givens"][0]["limit"] = 240000   # room to keep every service as it is today
    data["givens"].append({"id": "steady", "kind": "max_spend_change", "category": "political",
                           "reason": "No service's funding moves by more than we can explain",
                           "owner": "Leader of the council", "limit": limit})
    return yaml.safe_dump(data, sort_keys=False)


def _moves(scenario: Scenario, choices: dict[str, str]) -> dict[str, float]:
    """Each service's change in total cost against today."""
    arrays = ScenarioArrays(scenario)
    return {s.id: float(arrays.total_cost[arrays.index[(s.id, choices[s.id])]]
                        - arrays.total_cost[arrays.index[(s.id, s.current)]])
            for s in scenario.services if s.current is not None}


def _honours(scenario: Scenario, choices: dict[str, str]) -> bool:
    return all(abs(m) <= LIMIT + 1e-6 for m in _moves(scenario, choices).values())


def test_the_kind_is_refused_until_it_is_registered_and_then_checked_like_any_other(new_kind):
    assert "max_spend_change" in GIVEN_KINDS
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(_teaching(-5), "teaching.yaml")
    assert any(p.place.endswith(".limit") and "must not be negative" in p.message
               for p in refused.value.problems)
    unregister(new_kind.name)
    try:
        assert "max_spend_change" not in GIVEN_KINDS
        with pytest.raises(ScenarioError, match="unknown kind 'max_spend_change'"):
            parse_scenario(_teaching(), "teaching.yaml")
    finally:
        register(new_kind)


def test_solve_honours_the_new_kind(new_kind):
    scenario = parse_scenario(_teaching(), "teaching.yaml")
    without = recommend(scenario, lifted=["steady"], with_groups=False)
    assert not _honours(scenario, without.portfolio.choices)   # the given binds
    for solver in ("cbc", "highs"):
        kept = recommend(scenario, solver=solver)
        assert kept.status == "optimal"
        assert _honours(scenario, kept.portfolio.choices)
        assert kept.portfolio.value < without.portfolio.value


def test_analyse_prices_it_and_the_exact_frontier_holds_it(new_kind):
    scenario = parse_scenario(_teaching(), "teaching.yaml")
    arrays = ScenarioArrays(scenario)
    coefficients = arrays.value_coefficients(recommend(scenario).weights)
    split = separate(arrays, coefficients, ["budget"])
    assert not [r for r in split.coupling if r.given == "steady"]   # held by the merge
    result = analyse(scenario)
    assert _honours(scenario, result.recommended.portfolio.choices)
    assert result.prices["steady"].value > 0
    assert result.frontier_exact and result.frontier
    for point in result.frontier:
        assert _honours(scenario, point.choices)
    # the frontier without it reaches portfolios it forbids
    lifted = parse_scenario(_teaching(10**9), "teaching.yaml")
    assert any(not _honours(scenario, p.choices) for p in analyse(lifted).frontier)


def test_the_export_and_the_record_show_it(new_kind):
    scenario = parse_scenario(_teaching(), "teaching.yaml")
    analysis = analyse(scenario)
    decision = DecisionExport(scenario, analysis.recommended, analysis)
    sheet = load_workbook(io.BytesIO(workbook_bytes(decision)))["Givens"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["steady"]["Kind"] == "max_spend_change"
    assert rows["steady"]["What it demands"] == \
        "No service may cost more than £5,000 more or less than today."
    assert rows["steady"]["Terms (as in the file)"] == f"limit: {LIMIT}"
    assert rows["steady"]["Value given up to keep it (points of 100)"] == \
        pytest.approx(analysis.prices["steady"].value)
    page = record_html(decision)
    assert f"<title>Decision record: {scenario.name}</title>" in page
    assert "No service may cost more than £5,000 more or less than today." in page
    assert "No service&#x27;s funding moves by more than we can explain" in page


def test_the_meeting_page_recommends_within_it(new_kind):
    from workbench.ui.meeting import MeetingState

    state = MeetingState(background=False)
    try:
        assert state.open_text(_teaching(), "teaching.yaml"), state.problems
        assert state.result.portfolio is not None
        assert _honours(state.scenario, state.result.portfolio.choices)
        state.lift("steady")
        assert state.lifted_result is not None
        assert not _honours(state.scenario, state.lifted_result.portfolio.choices)
    finally:
        state.close()
