"""The givens in the words a tenant reads: names and limits in money, never ids."""

from __future__ import annotations

from tests.conftest import SCENARIOS
from workbench.scenario import load_scenario
from workbench.ui.panel.words import given_sentence, listed, short_money


def test_limits_are_said_as_people_say_them():
    assert short_money(71_000_000, "GBP") == "£71m"
    assert short_money(73_500_000, "GBP") == "£73.5m"
    assert short_money(450_000, "GBP") == "£450k"
    assert short_money(120, "EUR") == "€120"
    assert listed(["a"]) == "a" and listed(["a", "b", "c"]) == "a, b and c"


def test_every_riverside_given_in_one_sentence_with_names_not_ids():
    scenario = load_scenario(SCENARIOS / "riverside.yaml")
    said = {g.id: given_sentence(g, scenario) for g in scenario.givens}
    assert said["mtfs_envelope"] == ("Spending on these services is at most £71m in 2027/28, "
                                     "£72m in 2028/29 and £73.5m in 2029/30.")
    assert said["adult_care_envelope"].startswith("Spending on Adult social care")
    assert said["care_act"].endswith("cannot be stopped.")
    assert said["equality_duty"] == ("No service may take an option that scores below 40 "
                                     "out of 100 for Access and inclusion.")
    assert said["in_house_commitment"] == ("At least 35% of the spending goes on services "
                                           "kept in-house.")
    assert said["change_capacity"] == "At most 6 services may change how they are delivered."
    assert said["hubs_need_advice"].startswith("If Libraries becomes “Eight libraries")
    service_ids = {s.id for s in scenario.services} | {g.id for g in scenario.givens}
    for sentence in said.values():
        assert not any(f" {i} " in f" {sentence} " for i in service_ids if "_" in i), sentence
