"""Numbers and givens in words, as the room reads them."""

from __future__ import annotations

from tests.conftest import SCENARIOS
from workbench.money import short_money, signed_money
from workbench.scenario import load_scenario
from workbench.ui.common.words import given_names, given_text, satisfaction_text
from workbench.ui.panel.words import given_sentence


def test_money_for_a_slide():
    assert short_money(71_000_000) == "£71m"
    assert short_money(73_500_000) == "£73.5m"
    assert short_money(250_000) == "£250k"
    assert short_money(900) == "£900"
    assert short_money(120, "EUR") == "€120"
    assert short_money(-1_200_000, "EUR") == "-€1.2m"
    assert signed_money(1_200_000) == "+£1.2m" and signed_money(0.2) == "£0"
    assert satisfaction_text(0.876) == "0.88"


def test_every_given_of_the_example_in_words_with_names_and_limits():
    """The projected page and the panel page say a given in its kind's own words."""
    scenario = load_scenario(SCENARIOS / "riverside.yaml")
    texts = {g.id: given_text(scenario, g) for g in scenario.givens}
    assert texts == {g.id: given_sentence(g, scenario) for g in scenario.givens}
    assert texts["mtfs_envelope"] == ("Spending on all services must be at most £71m in "
                                      "2027/28, £72m in 2028/29, £73.5m in 2029/30.")
    assert "Adult social care" in texts["adult_care_envelope"]
    assert texts["care_act"].endswith("may not be stopped.")
    assert "Home care for older and disabled adults" in texts["care_act"]
    assert texts["equality_duty"] == ("Every service must score at least 40 out of 100 on "
                                      "access and inclusion.")
    assert texts["in_house_commitment"] == ("Each year, at least 35% of spending must go to "
                                            "services that are kept in-house.")
    assert texts["change_capacity"] == ("At most 6 services may change from how they are "
                                        "delivered today.")
    assert texts["hubs_need_advice"].startswith("If Libraries is “Eight libraries")
    assert given_names(scenario, ["change_capacity"]) == texts["change_capacity"]
    for g in scenario.givens:       # never an id where a name exists
        assert "_" not in texts[g.id], texts[g.id]
