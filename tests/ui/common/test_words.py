"""Numbers and givens in words, as the room reads them."""

from __future__ import annotations

from tests.conftest import SCENARIOS
from workbench.scenario import load_scenario
from workbench.ui.common.words import given_text, short_money, signed_money


def test_money_for_a_slide():
    assert short_money(71_000_000) == "£71m"
    assert short_money(73_500_000) == "£73.5m"
    assert short_money(250_000) == "£250k"
    assert short_money(900) == "£900"
    assert short_money(-1_200_000, "EUR") == "-€1.2m"
    assert signed_money(1_200_000) == "+£1.2m" and signed_money(0.2) == "£0"


def test_every_given_of_the_example_in_words_with_names_and_limits():
    scenario = load_scenario(SCENARIOS / "riverside.yaml")
    texts = {g.id: given_text(scenario, g) for g in scenario.givens}
    assert texts["mtfs_envelope"].startswith("Spend at most £71m in ")
    assert "£73.5m" in texts["mtfs_envelope"]
    assert "Adult social care" in texts["adult_care_envelope"]
    assert "cannot be stopped" in texts["care_act"]
    assert "Home care for older and disabled adults" in texts["care_act"]
    assert "below 40" in texts["equality_duty"] and "every service" in texts["equality_duty"]
    assert texts["in_house_commitment"] == "at least 35% of spend in-house"
    assert texts["change_capacity"] == "At most 6 services change from today"
    for g in scenario.givens:       # never an id where a name exists
        assert "_" not in texts[g.id], texts[g.id]
