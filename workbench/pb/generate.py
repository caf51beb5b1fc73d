"""Synthetic approval elections, seeded, for the benchmark and the tests.

Voters belong to a few neighbourhoods that favour different projects (so that proportional
rules differ from greedy ones); costs are spread like real district budgets (a few large
projects, many small ones); the budget is a share of the total cost.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from workbench.pb.election import Ballot, Election, Project


def synthetic_election(voters: int = 6500, projects: int = 64, seed: int = 0,
                       budget_share: float = 0.3, neighbourhoods: int = 4) -> Election:
    """An approval election with ``voters`` ballots over ``projects`` projects."""
    rng = np.random.default_rng(seed)
    costs = np.clip(np.round(rng.lognormal(12.0, 0.9, projects), -2), 5_000, 3_000_000)
    appeal = rng.beta(1.0, 8.0, (neighbourhoods, projects))
    home = rng.integers(neighbourhoods, size=voters)
    ballots = []
    for v in range(voters):
        chosen = np.flatnonzero(rng.random(projects) < appeal[home[v]])
        if not len(chosen):
            chosen = np.array([int(np.argmax(appeal[home[v]] * rng.random(projects)))])
        ballots.append(Ballot(str(v + 1), tuple(str(j + 1) for j in chosen)))
    budget = Fraction(int(round(float(costs.sum()) * budget_share, -3)))
    meta = (("description", f"Synthetic approval election (seed {seed})"),
            ("country", "Nowhere"), ("unit", "Synthetic"), ("instance", str(seed)),
            ("num_projects", str(projects)), ("num_votes", str(voters)),
            ("budget", str(budget)), ("vote_type", "approval"), ("rule", "equalshares"),
            ("currency", "PLN"))
    items = tuple(Project(str(j + 1), Fraction(int(c)), (("name", f"Project {j + 1}"),))
                  for j, c in enumerate(costs))
    return Election(meta, items, tuple(ballots), budget, "approval",
                    ("project_id", "cost", "name"), ("voter_id", "vote"))
