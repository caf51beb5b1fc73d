"""Real elections that cities decided by the Method of Equal Shares: the workbench's `mes`
(spec section 6: cost satisfaction, Add1 from floor(budget / voters) one unit at a time,
ties by id as text) funds exactly the projects that were officially funded.

Data: tests/datasets/pabulib (PROVENANCE.json, README.md): Assen 2024 (rule
``equalshares/add1``), Świecie 2023 (``equalshares/add1``) and Wieliczka 2023 Green Budget
(``equalshares/add1-comparison``). The official outcome is the file's ``selected`` column,
read here with the csv module rather than the workbench's reader. The greedy elections'
``selected`` column is checked against `greedy` the same way.

pabutools checks the data independently: its plain MES at the per-voter budget Add1 keeps
gives the official outcome on all three, and its own iterated MES
(``voter_budget_increment=1``) does on Assen and Świecie. On Wieliczka the iterated variant
stops early, at the first *exhaustive* outcome (nothing left fits the money left), which the
spec's Add1 and the city did not do: the test shows that stop alone explains the difference.
"""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import pytest

from tests.conftest import DATASETS
from workbench.pb import RULES, greedy, read_election
from workbench.pb.mes import add1

pabutools = pytest.importorskip("pabutools")   # a test dependency: the independent check
from pabutools.election import Cost_Sat, parse_pabulib  # noqa: E402
from pabutools.fractions import frac  # noqa: E402
from pabutools.rules import method_of_equal_shares  # noqa: E402

FOLDER = DATASETS / "pabulib"
OFFICIAL_MES = {
    "Netherlands_Assen_2024": "equalshares/add1",
    "Poland_Swiecie_2023": "equalshares/add1",
    "Poland_Wieliczka_2023_Green_Budget": "equalshares/add1-comparison",
}
MES_FILES = [FOLDER / f"{name}.pb" for name in OFFICIAL_MES]


def official(path: Path) -> tuple[dict[str, str], dict[str, int], set[str]]:
    """The file's META, each project's cost and the projects marked ``selected`` = 1."""
    meta: dict[str, str] = {}
    costs: dict[str, int] = {}
    selected: set[str] = set()
    section, header = "", []
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter=";"):
            if len(row) == 1 and row[0].strip() in ("META", "PROJECTS", "VOTES"):
                section, header = row[0].strip(), []
            elif section == "VOTES":
                break
            elif not header:
                header = [cell.strip() for cell in row]
            elif section == "META":
                meta[row[0].strip()] = row[1].strip()
            else:
                project = dict(zip(header, (cell.strip() for cell in row)))
                costs[project["project_id"]] = int(project["cost"])
                if project.get("selected") == "1":
                    selected.add(project["project_id"])
    return meta, costs, selected


def greedy_files() -> list[Path]:
    """The elections officially decided by greedy whose file says what was funded."""
    found = []
    for path in sorted(FOLDER.glob("*.pb")):
        meta, _, selected = official(path)
        if meta.get("rule", "").startswith("greedy") and selected:
            found.append(path)
    return found


@pytest.mark.parametrize("path", MES_FILES, ids=lambda p: p.stem)
def test_the_file_says_the_city_used_equal_shares(path):
    meta, costs, selected = official(path)
    assert meta["rule"] == OFFICIAL_MES[path.stem]
    assert meta["vote_type"] == "approval"
    assert selected and sum(costs[p] for p in selected) <= int(meta["budget"])


@pytest.mark.parametrize("path", MES_FILES, ids=lambda p: p.stem)
def test_our_mes_funds_exactly_the_official_projects(path):
    _, costs, selected = official(path)
    result = RULES["mes"](read_election(path))
    assert set(result.selected) == selected
    assert result.cost == sum(costs[p] for p in selected)


@pytest.mark.parametrize("path", MES_FILES, ids=lambda p: p.stem)
def test_greedy_and_the_optimum_would_have_funded_something_else(path):
    # so the match above says something about MES, not about these elections
    _, _, selected = official(path)
    e = read_election(path)
    assert set(RULES["greedy"](e).selected) != selected
    assert set(RULES["utilitarian"](e).selected) != selected


def test_the_official_greedy_outcomes_are_our_greedy():
    files = greedy_files()
    assert [p.stem for p in files] == ["Poland_Katowice_2020_Bogucice",
                                       "Poland_Warszawa_2019_Sluzewiec",
                                       "Poland_Warszawa_2020_Wlochy"]
    for path in files:
        _, _, selected = official(path)
        assert set(greedy(read_election(path)).selected) == selected, path.stem


def their_mes(instance, profile, per_voter) -> tuple[set[str], bool]:
    """pabutools' plain MES with ``per_voter`` for each voter: the projects, and whether
    the outcome is exhaustive for the real budget."""
    scaled = copy.copy(instance)
    scaled.budget_limit = per_voter * profile.num_ballots()
    found = method_of_equal_shares(scaled, profile, sat_class=Cost_Sat)
    return {p.name for p in found}, instance.is_exhaustive(found)


@pytest.mark.parametrize("path", MES_FILES, ids=lambda p: p.stem)
def test_pabutools_mes_at_our_kept_budget_gives_the_official_outcome(path):
    _, costs, selected = official(path)
    instance, profile = parse_pabulib(str(path))
    done = add1(read_election(path))
    assert their_mes(instance, profile, done.kept.budget)[0] == selected
    assert done.over is not None
    over = their_mes(instance, profile, done.over.budget)[0]
    assert sum(costs[p] for p in over) > instance.budget_limit


@pytest.mark.parametrize("path", MES_FILES[:2], ids=lambda p: p.stem)
def test_pabutools_iterated_mes_gives_the_official_outcome(path):
    _, _, selected = official(path)
    instance, profile = parse_pabulib(str(path))
    theirs = method_of_equal_shares(instance, profile, sat_class=Cost_Sat,
                                    voter_budget_increment=1)
    assert {p.name for p in theirs} == selected


def test_pabutools_iterated_mes_stops_early_on_wieliczka():
    path = FOLDER / "Poland_Wieliczka_2023_Green_Budget.pb"
    _, costs, selected = official(path)
    instance, profile = parse_pabulib(str(path))
    theirs = {p.name for p in method_of_equal_shares(
        instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)}
    # It drops project 46 (36,000) and funds 66 and 67 (9,000 and 16,500): 984,579 in all.
    assert theirs ^ selected == {"46", "66", "67"}
    assert sum(costs[p] for p in theirs) == 984_579
    # Its grid starts at budget / voters exactly; 150 units on, the outcome is exhaustive
    # (no project left costs 15,421 or less) and pabutools stops there.
    start = frac(instance.budget_limit, profile.num_ballots())
    assert their_mes(instance, profile, start + 150) == (theirs, True)
    # Going on up its own grid until the budget is exceeded, as Add1 in the spec does,
    # reaches the official outcome: the stop, not the start, makes the difference.
    assert their_mes(instance, profile, start + 154) == (selected, True)
    assert their_mes(instance, profile, start + 164)[0] == selected
    over = their_mes(instance, profile, start + 165)[0]
    assert sum(costs[p] for p in over) > instance.budget_limit
