"""The winning bid into a new scenario: refused in plain words when it cannot be done."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from tests.tender.build import tender_of
from workbench.errors import InputError
from workbench.scenario import load_scenario
from workbench.tender import award, evaluate, write_award
from workbench.tender.files import load_tender

RIVERSIDE = SCENARIOS / "riverside.yaml"
EXAMPLE = SCENARIOS / "tenders" / "home-care-framework.yaml"


@pytest.fixture(scope="module")
def riverside():
    return load_scenario(RIVERSIDE)


def test_the_marks_are_kept_beside_the_scores(riverside, tmp_path):
    result = evaluate(load_tender(EXAMPLE))
    data = award(result, riverside, "zoned_ethical")
    option = next(o for s in data["services"] if s["id"] == "home_care"
                  for o in s["options"] if o["id"] == "zoned_ethical")
    assert option["cost"] == 20_100_000 and option["provider"] == "Riverside Care Co-operative"
    assert option["tender"]["bid"] == "c" and option["tender"]["marks"]["outcomes"] == 75
    assert option["tender"]["of_points"] == 100
    write_award(data, tmp_path / "new.yaml")
    assert load_scenario(tmp_path / "new.yaml").service("home_care").option(
        "zoned_ethical").provider == "Riverside Care Co-operative"


@pytest.mark.parametrize(("kw", "option", "why"), [
    ({}, None, "names no service"),
    ({"service": "nowhere"}, None, "has no service 'nowhere'"),
    ({"service": "home_care"}, "in_house", "not an outsource option"),
    ({"service": "home_care"}, "gold", "has no option 'gold'"),
    ({"service": "home_care", "currency": "EUR"}, "framework", "is in EUR"),
])
def test_refusals(riverside, kw, option, why):
    result = evaluate(tender_of({"a": (100, {"q": 50})}, **kw))
    with pytest.raises(InputError, match=why):
        award(result, riverside, option)


def test_no_winner_nothing_to_award(riverside):
    result = evaluate(tender_of({"a": (200, {"q": 50})}, service="home_care", price={
        "weight": 40, "method": "ceiling", "ceiling": 100, "floor": 50}))
    with pytest.raises(InputError, match="no winner"):
        award(result, riverside, "framework")
