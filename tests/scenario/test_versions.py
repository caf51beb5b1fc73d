"""Scenario versions made by accepting proposed options: the new file loads, keeps the
proposal beside the officers' cost and scores, the old file is unchanged, and the diff
names the new option."""

from __future__ import annotations

import pytest

from tests.conftest import SCENARIOS
from workbench.errors import InputError
from workbench.scenario import load_scenario
from workbench.scenario.versions import version_data, version_diff, write_version
from workbench.store import MeetingStore

SCORES = {"quality": 65, "access": 85}


@pytest.fixture
def accepted(tmp_path):
    text = (SCENARIOS / "teaching.yaml").read_text()
    with MeetingStore(f"sqlite:///{tmp_path / 'm.sqlite'}") as store:
        m = store.create_meeting(text, source="teaching.yaml")
        users, fac = m.panel_tokens["users"], m.facilitator_token
        one = store.propose_option(m.id, users, "transport", "partnership", "Community trust",
                                   35000, {"access": 90}, "They drive people already")
        two = store.propose_option(m.id, users, "meals", "in_house", None, None, None,
                                   "Cook it fresh")
        store.accept_option(m.id, fac, f"option:{one.version}", 32000, 5000, SCORES, "Clerk")
        store.accept_option(m.id, fac, f"option:{two.version}", [90000], 0, SCORES, "Clerk")
        yield store.scenario(m.id), store.options(m.id), one.version, two.version


def test_the_new_version_loads_with_the_option_and_the_old_file_is_unchanged(
        accepted, tmp_path):
    scenario, options, one, _ = accepted
    old = tmp_path / "teaching.yaml"
    old.write_text((SCENARIOS / "teaching.yaml").read_text())
    before = old.read_bytes()
    new = tmp_path / "teaching-v2.yaml"
    write_version(scenario, options, 2, new)
    assert old.read_bytes() == before
    loaded = load_scenario(new)
    added = loaded.service("transport").option(f"proposed-{one}")
    assert (added.mode, added.provider, added.cost, added.one_off) == \
        ("partnership", "Community trust", (32000.0,), 5000.0)
    assert added.scores == {"quality": 65.0, "access": 85.0}
    assert len(loaded.service("meals").options) == len(scenario.service("meals").options)
    assert load_scenario(old) == scenario            # the meeting's own, as it was


def test_each_version_adds_its_option_and_keeps_the_proposal(accepted):
    scenario, options, one, two = accepted
    data = version_data(scenario, options, 3)
    transport = next(s for s in data["services"] if s["id"] == "transport")
    kept = transport["options"][-1]["proposed"]
    assert kept["proposal"] == f"option:{one}" and kept["by"] == "users"
    assert kept["expected_scores"] == {"access": 90.0} and kept["rough_cost"] == [35000.0]
    meals = next(s for s in data["services"] if s["id"] == "meals")
    assert meals["options"][-1]["id"] == f"proposed-{two}"
    with pytest.raises(InputError, match="no scenario version 4"):
        version_data(scenario, options, 4)


def test_the_diff_names_the_new_option_against_the_version_before(accepted):
    scenario, options, one, two = accepted
    diff2 = version_diff(scenario, options, 2)
    assert diff2.startswith("--- version 1\n+++ version 2\n")
    assert f"+  - id: proposed-{one}\n" in diff2
    assert "+    name: Community trust (proposed by Service users)\n" in diff2
    assert "proposed-" + str(two) not in diff2
    diff3 = version_diff(scenario, options, 3)
    assert f"proposed-{two}" in diff3 and f"id: proposed-{one}" not in diff3
    added = [line for line in diff3.splitlines() if line.startswith("+")]
    assert any("Cook it fresh" in line for line in added)
