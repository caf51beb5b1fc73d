"""Money is written one way everywhere, and a scenario's currency is a code or a short
symbol (anything else is refused with its place)."""

from __future__ import annotations

import io

import pytest
import yaml
from openpyxl import load_workbook

from tests.conftest import SCENARIOS
from workbench.errors import ScenarioError
from workbench.export import DecisionExport, workbook_bytes
from workbench.money import money, number_format
from workbench.optimiser import recommend
from workbench.report import recommendation_text
from workbench.scenario import parse_scenario


def _teaching(currency: object) -> str:
    data = yaml.safe_load((SCENARIOS / "teaching.yaml").read_text())
    data["currency"] = currency
    return yaml.safe_dump(data)


@pytest.mark.parametrize(("currency", "text"), [
    ("GBP", "£1,250"), ("EUR", "€1,250"), ("USD", "$1,250"), ("JPY", "¥1,250"),
    ("INR", "₹1,250"), ("CHF", "CHF 1,250"), ("kr", "kr1,250"), ("R$", "R$1,250"),
])
def test_money_reads_the_same_in_words_and_in_the_workbook(currency, text):
    assert money(1250.4, currency) == text
    unit = number_format(currency).split(";")[0]
    symbol = text[:-len("1,250")].strip()
    assert symbol in unit


@pytest.mark.parametrize("currency", ["GBP", "JPY", "kr", "€"])
def test_a_scenario_accepts_codes_and_short_symbols(currency):
    assert parse_scenario(_teaching(currency), "t.yaml").currency == currency


@pytest.mark.parametrize("currency", ["pounds", "GBPX", "", "  ", "<b>", "a&b", '"', "'",
                                      "\x07", 12])
def test_anything_else_is_refused_with_its_place(currency):
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(_teaching(currency), "t.yaml")
    assert [p.place for p in refused.value.problems] == ["currency"]
    assert "ISO 4217" in str(refused.value) or "must be text" in str(refused.value)


def test_a_jpy_scenario_shows_yen_on_the_command_line_and_in_the_workbook():
    scenario = parse_scenario(_teaching("JPY"), "t.yaml")
    result = recommend(scenario, with_groups=False)
    assert "¥" in recommendation_text(scenario, result)
    assert "JPY " not in recommendation_text(scenario, result)
    book = load_workbook(io.BytesIO(workbook_bytes(DecisionExport(scenario, result,
                                                                  given_prices={}))))
    formats = {c.number_format for row in book["Allocation"].iter_rows() for c in row}
    assert number_format("JPY") in formats and "¥" in number_format("JPY")
