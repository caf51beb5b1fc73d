"""The greedy rule: the most supported projects first, each one that still fits."""

from __future__ import annotations

from workbench.pb.election import Election, number_text
from workbench.pb.outcome import Cancelled, Outcome, Progress, check_cancelled, outcome


def greedy_order(election: Election) -> list[str]:
    """Projects by descending score, then lower cost, then project id (compared as text)."""
    scores = election.scores
    return [p.id for p in sorted(election.projects,
                                 key=lambda p: (-scores[p.id], p.cost, p.id))]


def greedy(election: Election, *, progress: Progress | None = None,
           cancelled: Cancelled | None = None) -> Outcome:
    """Each project in :func:`greedy_order` that still fits the budget is selected; the pass
    goes on to the end (a cheaper project further down may still fit). ``progress`` and
    ``cancelled`` are for a page: they never change the outcome."""
    check_cancelled(cancelled)
    left = election.budget
    chosen, steps = [], []
    scores = election.scores
    for ident in greedy_order(election):
        cost = election.by_id[ident].cost
        score = number_text(scores[ident])
        if cost <= left:
            left -= cost
            chosen.append(ident)
            steps.append(f"{ident} (score {score}) costs {number_text(cost)}: selected, "
                         f"{number_text(left)} left")
        else:
            steps.append(f"{ident} (score {score}) costs {number_text(cost)}: does not fit "
                         f"the {number_text(left)} left")
    if progress is not None:
        progress(1.0, "the greedy rule is done")
    return outcome("greedy", election, chosen, steps)
