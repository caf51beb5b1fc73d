"""Held-out scenarios with pence, one-offs, services with no area or no current option: the
workbook and the CSV add up to the optimiser's spend, to the penny, every time."""

from __future__ import annotations

import io
import json

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.random_scenarios import scenario_data
from workbench.export import DecisionExport, csv_bytes, workbook_bytes
from workbench.export.tables import spend_title
from workbench.optimiser import recommend
from workbench.scenario import parse_scenario

PENNY = 0.005


@st.composite
def with_pence(draw, data: dict) -> dict:
    """``data`` with pence added to every cost and one-off."""
    pence = st.integers(0, 99).map(lambda p: p / 100)
    for service in data["services"]:
        for option in service["options"]:
            cost = option["cost"]
            option["cost"] = [c + draw(pence) for c in cost] \
                if isinstance(cost, list) else cost + draw(pence)
            if "one_off" in option:
                option["one_off"] += draw(pence)
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_data().flatmap(with_pence))
def test_exports_reconcile_to_the_penny(data):
    scenario = parse_scenario(json.dumps(data))
    result = recommend(scenario, solver="highs")
    assume(result.portfolio is not None)   # givens that clash have nothing to export
    decision = DecisionExport(scenario, result, given_prices={})
    spend, choices = result.portfolio.spend, result.portfolio.choices
    sheet = pd.read_excel(io.BytesIO(workbook_bytes(decision)), sheet_name="Allocation",
                          dtype={"Service id": str, "Option id": str})
    rows, totals = sheet.iloc[:-1], sheet.iloc[-1]
    table = pd.read_csv(io.BytesIO(csv_bytes(decision)),
                        dtype={"Service id": str, "Option id": str})
    for frame in (rows, table):
        assert len(frame) == len(scenario.services)
        assert dict(zip(frame["Service id"], frame["Option id"])) == choices
        for year, amount in spend.items():
            assert abs(frame[spend_title(year)].sum() - amount) < PENNY
        assert abs(frame["Total"].sum() - result.portfolio.total_cost) < PENNY
    for year, amount in spend.items():
        assert abs(totals[spend_title(year)] - amount) < PENNY
