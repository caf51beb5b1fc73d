"""The Method of Equal Shares (approval ballots, cost satisfaction), completed by Add1.

MES gives every voter an equal share of the money; a project is bought by its supporters,
each paying the same amount or everything they have left, and in each round the project
that costs its supporters the least per unit of satisfaction (``rho``) is bought; ties go to
the project id first as text. With cost satisfaction a voter's satisfaction from a project
is its cost, so a supporter paying ``q`` for a project costing ``c`` pays ``rho = q / c``.

Add1 (the spec, section 6): each voter's budget starts at floor(budget / voters) and rises by
1 currency unit at a time until the outcome would cost more than the budget (or every
project a voter supports is selected); the result is the last outcome within the budget.

Trying every unit would rerun MES thousands of times. Instead, after each run at a per-voter
budget ``b`` the run is *certified* for ``b + T``: within one sequence of choices every
voter's money left is non-decreasing in ``b`` and every project's ``rho`` non-increasing, so
if at ``b + T`` (following the same choices) each round's choice still beats or ties every
rival by the margins the tie rule needs, and nothing left over became affordable, then every
budget in ``[b, b + T]`` gives the same outcome. The largest such ``T`` is found by doubling
then halving; the next budget tried is ``b + T + 1``. This gives exactly the outcome of trying
every unit in order (``every_unit=True`` does that, and the tests compare the two).

Amounts are floats; two ``rho`` within a relative ``TIE`` of each other are a tie, and a
project is affordable when its supporters hold its cost to within the same margin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from workbench.pb.election import Election, number_text
from workbench.pb.outcome import Cancelled, Outcome, Progress, check_cancelled, outcome

TIE = 1e-9
_LONGEST_SKIP = 1 << 40
_MOST_WAIT = 16
_FIRST_SKIP = 8


@dataclass(frozen=True)
class _Instance:
    """The election as arrays: each project's cost and its supporters' indices."""

    ids: tuple[str, ...]
    cost: np.ndarray
    supporters: tuple[np.ndarray, ...]
    rank: tuple[int, ...]          # position of each id in text order, for ties
    supported: tuple[int, ...]     # projects someone supports, in text order of id
    voters: int

    @classmethod
    def of(cls, election: Election) -> _Instance:
        ids = tuple(p.id for p in election.projects)
        index = {p: i for i, p in enumerate(ids)}
        members: list[list[int]] = [[] for _ in ids]
        for voter, approved in enumerate(election.approvals):
            for project in approved:
                members[index[project]].append(voter)
        order = sorted(range(len(ids)), key=lambda i: ids[i])
        rank = [0] * len(ids)
        for position, i in enumerate(order):
            rank[i] = position
        return cls(ids, np.array([float(p.cost) for p in election.projects]),
                   tuple(np.array(m, dtype=np.int64) for m in members), tuple(rank),
                   tuple(i for i in order if members[i]), election.voters)


@dataclass(frozen=True)
class Run:
    """One MES run at a per-voter budget: the projects bought in order, each at its rho."""

    budget: int
    chosen: tuple[int, ...]
    rho: tuple[float, ...]


def _price(money: np.ndarray, cost: float) -> float | None:
    """What each supporter pays at most (``q``) so that, each paying q or all they have,
    together they pay ``cost``; None when they cannot afford it.

    Supporters with less than q pay all they have and the rest share what remains; q only
    rises as more supporters turn out to have less than it, so a few passes settle it."""
    total = float(money.sum())
    if total < cost * (1 - TIE):
        return None
    k = len(money)
    q = cost / k
    poor = money < q
    count = int(np.count_nonzero(poor))
    while count:
        if count == k:                   # every supporter gives all they have
            return float(money.max())
        q = (cost - float(money[poor].sum())) / (k - count)
        poor = money < q
        now = int(np.count_nonzero(poor))
        if now == count:
            break
        count = now
    return q


def _affordable(money: np.ndarray, cost: float) -> bool:
    return float(money.sum()) >= cost * (1 - TIE)


def equal_shares_run(inst: _Instance, budget: int, cancelled: Cancelled | None = None) -> Run:
    """One run of MES with ``budget`` for each voter (``cancelled`` is asked each round).

    A project's rho only rises as voters spend, so the rho last computed for a project is a
    lower bound: a round stops looking once the bounds left cannot beat its best."""
    money = np.full(inst.voters, float(budget))
    bound = {j: 1.0 / len(inst.supporters[j]) for j in inst.supported}
    left = set(inst.supported)
    chosen: list[int] = []
    rhos: list[float] = []
    while left:
        check_cancelled(cancelled)
        best = math.inf
        found: dict[int, float] = {}
        for j in sorted(left, key=lambda j: (bound[j], inst.rank[j])):
            if bound[j] > best * (1 + TIE):
                break
            q = _price(money[inst.supporters[j]], inst.cost[j])
            if q is None:
                left.discard(j)
                continue
            bound[j] = found[j] = q / inst.cost[j]
            best = min(best, found[j])
        if not found:
            break
        pick = min((j for j, r in found.items() if r <= best * (1 + TIE)),
                   key=lambda j: inst.rank[j])
        who = inst.supporters[pick]
        money[who] = np.maximum(money[who] - found[pick] * inst.cost[pick], 0.0)
        chosen.append(pick)
        rhos.append(found[pick])
        left.discard(pick)
    return Run(budget, tuple(chosen), tuple(rhos))


def _still_holds(inst: _Instance, run: Run, budget: int) -> bool:
    """Whether MES at ``budget`` (above ``run.budget``) makes the same choices as ``run``
    and so does every budget between (see the module's docstring)."""
    money = np.full(inst.voters, float(budget))
    bound = {j: 1.0 / len(inst.supporters[j]) for j in inst.supported}
    rivals = set(inst.supported) - {run.chosen[0]} if run.chosen else set(inst.supported)
    dead: set[int] = set()
    for r, pick in enumerate(run.chosen):
        limit = run.rho[r]
        for j in rivals:
            if j in dead:
                continue
            before = inst.rank[j] < inst.rank[pick]

            def wins(rho: float, before: bool = before, limit: float = limit) -> bool:
                return rho > limit * (1 + TIE) if before else limit <= rho * (1 + TIE)

            if wins(bound[j]):
                continue
            q = _price(money[inst.supporters[j]], inst.cost[j])
            if q is None:
                dead.add(j)
                continue
            bound[j] = q / inst.cost[j]
            if not wins(bound[j]):
                return False
        who = inst.supporters[pick]
        q = _price(money[who], inst.cost[pick])
        if q is None:
            return False
        money[who] = np.maximum(money[who] - q, 0.0)
        if r + 1 < len(run.chosen):
            rivals.discard(run.chosen[r + 1])
    return not any(_affordable(money[inst.supporters[j]], inst.cost[j])
                   for j in rivals - dead)


def _same_until(inst: _Instance, run: Run) -> int:
    """A per-voter budget up to which MES is proved to give ``run``'s outcome: ``run.budget``
    itself, or one at least ``_FIRST_SKIP`` higher (a shorter skip would cost more proofs
    than the runs it saves)."""
    if not _still_holds(inst, run, run.budget + _FIRST_SKIP):
        return run.budget
    good, step = _FIRST_SKIP, 2 * _FIRST_SKIP
    while step <= _LONGEST_SKIP and _still_holds(inst, run, run.budget + step):
        good, step = step, step * 2
    bad = step
    while bad - good > 1:
        middle = (good + bad) // 2
        if _still_holds(inst, run, run.budget + middle):
            good = middle
        else:
            bad = middle
    return run.budget + good


@dataclass(frozen=True)
class Add1:
    """How Add1 ended: the run kept, the runs tried, and the first run over the budget."""

    kept: Run
    runs: int
    over: Run | None
    over_cost: Fraction | None


def add1(election: Election, every_unit: bool = False, *, progress: Progress | None = None,
         cancelled: Cancelled | None = None) -> Add1:
    """MES completed by Add1 (the spec's section 6), exactly as trying every unit in order.
    ``progress`` hears the share of the budget the latest run spends; ``cancelled`` is asked
    between runs and each round of a run (a CancelledError stops it)."""
    inst = _Instance.of(election)
    costs = [p.cost for p in election.projects]
    start = math.floor(election.budget / inst.voters) if inst.voters else 0
    kept = equal_shares_run(inst, start, cancelled)
    runs, backoff, wait = 1, 1, 0
    everything = len(inst.supported)
    while len(kept.chosen) < everything:
        check_cancelled(cancelled)
        if progress is not None and election.budget:
            spent_now = sum((costs[j] for j in kept.chosen), Fraction(0))
            progress(min(float(spent_now / election.budget), 0.99),
                     f"the Method of Equal Shares: {kept.budget:,} for each voter so far")
        last = kept.budget
        if not every_unit and not wait:
            # A proof that fails costs about one run: after failures, try less often.
            last = _same_until(inst, kept)
            backoff = min(2 * backoff, _MOST_WAIT) if last == kept.budget else 1
            wait = backoff - 1
        elif wait:
            wait -= 1
        trial = equal_shares_run(inst, last + 1, cancelled)
        runs += 1
        spent = sum((costs[j] for j in trial.chosen), Fraction(0))
        if spent > election.budget:
            if last != kept.budget:          # the same choices, at the last budget that has them
                kept = equal_shares_run(inst, last, cancelled)
                runs += 1
            return Add1(kept, runs, trial, spent)
        kept = trial
    return Add1(kept, runs, None, None)


def mes(election: Election, every_unit: bool = False, *, progress: Progress | None = None,
        cancelled: Cancelled | None = None) -> Outcome:
    """The Method of Equal Shares with cost satisfaction, completed by Add1 (the hooks as in
    :func:`add1`; they never change the outcome)."""
    if not election.voters:
        return outcome("mes", election, (), ["no ballots: nothing is selected"])
    done = add1(election, every_unit, progress=progress, cancelled=cancelled)
    inst_ids = [p.id for p in election.projects]
    kept = done.kept
    steps = [f"each voter's budget starts at floor({number_text(election.budget)} / "
             f"{election.voters}) = {math.floor(election.budget / election.voters)}"]
    if done.over is not None:
        steps.append(f"with {done.over.budget} each, MES would spend "
                     f"{number_text(done.over_cost or Fraction(0))}, more than the budget; "
                     f"the last outcome within it is kept (per-voter budgets up to "
                     f"{kept.budget} give it)")
    else:
        steps.append(f"with {kept.budget} each, every project a voter supports is selected")
    for j, rho in zip(kept.chosen, kept.rho):
        cost = election.projects[j].cost
        steps.append(f"{inst_ids[j]} (cost {number_text(cost)}): its supporters pay at most "
                     f"{rho * float(cost):,.2f} each (rho {rho:.6g})")
    if progress is not None:
        progress(1.0, "the Method of Equal Shares is done")
    return outcome("mes", election, [inst_ids[j] for j in kept.chosen], steps)
