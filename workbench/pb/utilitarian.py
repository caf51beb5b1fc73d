"""The utilitarian rule: the set of projects with the most total score within the budget.

Solved exactly with PuLP's CBC, as the rest of the workbench solves, in two steps: the most
score, then, among the sets that reach it, the cheapest (so the answer does not depend on
which of several optima the solver happens to find first). Amounts are scaled to whole
numbers first, and the answer is checked in exact arithmetic before it is returned.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pulp

from workbench.errors import SolverError
from workbench.optimiser.solver import DEFAULT_TIME_LIMIT
from workbench.pb.election import Election, number_text
from workbench.pb.outcome import Cancelled, Outcome, Progress, check_cancelled, outcome


def utilitarian(election: Election, time_limit: float = DEFAULT_TIME_LIMIT, *,
                progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> Outcome:
    """The exact optimum of total score (approvals, or points) within the budget.
    ``cancelled`` is asked before each of the two solves; neither hook changes the outcome."""
    check_cancelled(cancelled)
    projects = election.projects
    scores = [election.scores[p.id] for p in projects]
    score_unit = _unit(scores)
    cost_unit = _unit([p.cost for p in projects] + [election.budget])
    score = [int(s * score_unit) for s in scores]
    cost = [int(p.cost * cost_unit) for p in projects]
    budget = int(election.budget * cost_unit)

    problem = pulp.LpProblem("pb_utilitarian", pulp.LpMaximize)
    width = len(str(len(projects)))
    x = [pulp.LpVariable(f"x_{i:0{width}d}", cat=pulp.LpBinary) for i in range(len(projects))]
    problem += pulp.lpSum(c * v for c, v in zip(cost, x)) <= budget, "budget"
    problem.setObjective(pulp.lpSum(s * v for s, v in zip(score, x)))
    check_cancelled(cancelled)
    best = _solve(problem, x, time_limit)
    if progress is not None:
        progress(0.5, "the utilitarian rule: the most total score is found; now the "
                 "cheapest set that reaches it")
    check_cancelled(cancelled)
    top = sum(s for s, chosen in zip(score, best) if chosen)

    problem += pulp.lpSum(s * v for s, v in zip(score, x)) >= top, "best_score"
    problem.sense = pulp.LpMinimize
    problem.setObjective(pulp.lpSum(c * v for c, v in zip(cost, x)))
    cheapest = _solve(problem, x, time_limit)

    chosen = [p.id for p, keep in zip(projects, cheapest) if keep]
    total = sum((s for s, keep in zip(score, cheapest) if keep), 0)
    spent = sum((c for c, keep in zip(cost, cheapest) if keep), 0)
    if total < top or spent > budget:      # the solver's tolerances, caught exactly
        raise SolverError("the CBC solver returned a set that breaks the budget or misses the "
                          "optimum; the utilitarian outcome cannot be trusted")
    steps = [f"total score {number_text(Fraction(total) / score_unit)}: the most any set of "
             f"projects within the budget of {number_text(election.budget)} reaches "
             "(proven optimal by CBC)",
             f"the cheapest such set costs {number_text(Fraction(spent) / cost_unit)}"]
    if progress is not None:
        progress(1.0, "the utilitarian rule is done")
    return outcome("utilitarian", election, chosen, steps)


def _unit(values: list[Fraction]) -> int:
    """The smallest whole number that makes every value whole."""
    return math.lcm(1, *(v.denominator for v in values))


def _solve(problem: pulp.LpProblem, x: list[pulp.LpVariable], time_limit: float) -> list[bool]:
    """Which projects are chosen, read only once the solver has proved its answer optimal."""
    engine = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, gapRel=0, gapAbs=0)
    try:
        problem.solve(engine)
    except pulp.PulpSolverError as exc:
        raise SolverError(f"the cbc solver failed: {exc}") from None
    if problem.status != pulp.LpStatusOptimal or problem.sol_status != pulp.LpSolutionOptimal:
        raise SolverError(f"the cbc solver did not prove an optimum "
                          f"({pulp.LpStatus.get(problem.status, problem.status)}) within "
                          f"{time_limit:g} s; the utilitarian outcome is unknown")
    return [(v.varValue or 0.0) > 0.5 for v in x]
