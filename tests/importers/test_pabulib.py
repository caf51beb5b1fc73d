"""Real participatory-budgeting elections are a special case of the decision model.

Data: tests/datasets/pabulib (see its PROVENANCE.json and README.md: a pabulib_files
snapshot; cite Faliszewski et al., IJCAI-2023). The expected optimum is computed here
independently, by dynamic programming over whole-zloty costs, not by the workbench.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import DATASETS
from workbench.importers.pabulib import read_pb, to_scenario
from workbench.optimiser import recommend

FILES = sorted((DATASETS / "pabulib").glob("*.pb"))


def utilitarian_optimum(costs: list[int], support: list[float], budget: int):
    """Most total support within the budget, then least cost: exact knapsack DP."""
    best = np.zeros(budget + 1)                      # best[c]: most support at cost <= c
    for cost, value in zip(costs, support):
        if cost <= budget:
            shifted = np.concatenate([np.full(cost, -np.inf), best[:budget + 1 - cost] + value])
            best = np.maximum(best, shifted)
    top = best[-1]
    cheapest = int(np.argmax(best >= top - 1e-9))
    return top, cheapest


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_election_optimum_matches_independent_knapsack(path):
    election = read_pb(path)
    costs = [int(float(p["cost"])) for p in election.projects]
    votes = [float(p["votes"]) for p in election.projects]
    top, cheapest = utilitarian_optimum(costs, votes, int(election.budget))
    result = recommend(to_scenario(election), with_groups=False)
    assert result.status == "optimal"
    funded = [p for p in election.projects
              if result.portfolio.choices["p_" + p["project_id"].replace("/", "_")] == "fund"]
    assert sum(float(p["votes"]) for p in funded) == pytest.approx(top)
    assert result.portfolio.total_cost == pytest.approx(cheapest)
    assert result.portfolio.total_cost <= election.budget


def test_all_eight_elections_are_present():
    # five decided by greedy (2018-2020) and three officially decided by MES (2023-2024)
    assert len(FILES) == 8
