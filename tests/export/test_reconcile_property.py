"""Held-out scenarios with pence, one-offs, services with no area or no current option: the
workbook and the CSV add up to the optimiser's spend, to the penny, every time."""

from __future__ import annotations

import io
import json
import random

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.random_scenarios import small_scenario
from workbench.export import Decision, csv_bytes, workbook_bytes
from workbench.export.tables import spend_title
from workbench.optimiser import recommend
from workbench.scenario import parse_scenario

PENNY = 0.005


def _with_pence(data: dict, seed: int) -> dict:
    rng = random.Random(seed)
    for service in data["services"]:
        for option in service["options"]:
            cost = option["cost"]
            option["cost"] = [c + rng.randint(0, 99) / 100 for c in cost] \
                if isinstance(cost, list) else cost + rng.randint(0, 99) / 100
            if "one_off" in option:
                option["one_off"] += rng.randint(0, 99) / 100
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
def test_exports_reconcile_to_the_penny(seed):
    scenario = parse_scenario(json.dumps(_with_pence(small_scenario(seed), seed)))
    result = recommend(scenario, solver="highs")
    if result.portfolio is None:
        return
    decision = Decision(scenario, result, given_prices={})
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
