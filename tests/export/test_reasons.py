"""Why a review is due, in words: targets by what they measure, the contract by its option,
days as people write them; challengers only when the caller may show them; never an id."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.monitoring.results_model import monthly_results, results_csv, riverside_monitored
from workbench.export.reasons import reason_words
from workbench.monitoring import read_results, review
from workbench.monitoring.due import Challenges

SCENARIO = riverside_monitored()
RESULTS = read_results(SCENARIO, results_csv(monthly_results(SCENARIO)).encode(), "r.csv")
REPORT = review(SCENARIO, RESULTS)
IDS = re.compile(r"\b(" + "|".join(
    [t.id for t in SCENARIO.targets or ()] + [g.id for g in SCENARIO.givens]) + r")\b")


@pytest.mark.parametrize("service", ["home_care", "waste_collection", "libraries"])
def test_every_reason_of_the_example_reads_in_words_without_an_id(service):
    for reason in REPORT.due[service]:
        said = reason_words(reason.to_json(), SCENARIO, who=True)
        assert not IDS.search(said), said
        assert said != "opened for another reason"


def test_a_missed_target_is_named_by_what_it_measures():
    (missed,) = [r for r in REPORT.due["libraries"] if r.to_json()["reason"] == "missed_targets"]
    said = reason_words(missed.to_json(), SCENARIO)
    assert said.startswith("“Visits to the libraries” missed 3 times running (2028-01")


def test_the_contract_that_ends_is_named_by_its_option():
    (ends,) = [r for r in REPORT.due["waste_collection"]
               if r.to_json()["reason"] == "contract_end"]
    said = reason_words(ends.to_json(), SCENARIO)
    option = SCENARIO.service("waste_collection").option(ends.option).name
    assert said == (f"the contract for “{option}” ends on 31 March 2030, "
                    f"{ends.months} months after the review month")


def test_challengers_are_named_only_when_asked_and_groups_by_their_name():
    reason = Challenges(("tenants", "Ann Reader"), 3,
                        (date(2028, 1, 2), date(2028, 3, 31))).to_json()
    public = reason_words(reason, SCENARIO)
    assert public == ("3 challenges from 2 different people or groups between 02 January "
                      "2028 and 31 March 2028")
    assert "Ann Reader" not in public
    facilitator = reason_words(reason, SCENARIO, who=True)
    assert "(the Council tenants and residents' associations panel, Ann Reader)" in facilitator


def test_a_reason_stored_without_its_facts_still_reads():
    assert reason_words({"reason": "by_hand"}, SCENARIO) == "opened for another reason"
    assert reason_words({"reason": "missed_targets", "target": "gone"}, SCENARIO) == \
        "“one of its targets” missed several times running"
    assert reason_words({"reason": "inadequate", "from": "bad", "to": "2028-03",
                         "periods": ["2028-01"]}, SCENARIO).endswith(
        "between bad and 2028-03 (2028-01)")
