"""Direct use of a live HiGHS model, for re-solves that must not rebuild anything.

PuLP builds the HiGHS model once (``pulp.HiGHS``); after that the objective, column bounds
and a warm start are changed in place. Status is checked before any value is read.
"""

from __future__ import annotations

import time

import numpy as np
import pulp

from workbench.optimiser.model import BuiltModel
from workbench.optimiser.solver import SolverRun, quiet_stdout, silenced
from workbench.optimiser.status import INFEASIBLE, NO_SOLUTION, OPTIMAL, TIME_LIMIT

THREADS = 1  # measured: on 2 cores HiGHS's parallel set-up costs more than it gains here
# When reduced-cost fixing has left only a small search, HiGHS's primal heuristics and restarts
# cost more (tens of ms) than the whole proof; on a large open search they are what makes it
# fast (16 s instead of 1 s at 2,000 services without them). ``quick`` picks the first set.
WARM_OPTIONS = {"mip_heuristic_effort": 0.0, "mip_allow_restart": False,
                "mip_heuristic_run_feasibility_jump": False, "mip_heuristic_run_rins": False,
                "mip_heuristic_run_rens": False, "mip_heuristic_run_root_reduced_cost": False,
                "mip_heuristic_run_zi_round": False, "mip_heuristic_run_shifting": False}
COLD_OPTIONS = {"mip_heuristic_effort": 0.05, "mip_allow_restart": True,
                "mip_heuristic_run_feasibility_jump": True, "mip_heuristic_run_rins": True,
                "mip_heuristic_run_rens": True, "mip_heuristic_run_root_reduced_cost": True,
                "mip_heuristic_run_zi_round": False, "mip_heuristic_run_shifting": False}


def highs_model(built: BuiltModel):
    """A live ``highspy.Highs`` holding ``built`` (columns in option order), quiet, gap 0."""
    import highspy

    engine = pulp.HiGHS(msg=False, gapRel=0, gapAbs=0)
    if built.problem.objective is None:
        built.set_objective(np.zeros(len(built.x)), maximise=True)
    with quiet_stdout(), silenced():
        engine.createAndConfigureSolver(built.problem)
        engine.buildSolverModel(built.problem)
    model = built.problem.solverModel
    order = np.array([v.index for v in built.x])
    if not np.array_equal(order, np.arange(len(order))):
        raise RuntimeError("HiGHS columns are not in option order")
    model.setOptionValue("output_flag", False)
    model.setOptionValue("threads", THREADS)
    model.setOptionValue("mip_rel_gap", 0.0)
    model.setOptionValue("mip_abs_gap", 0.0)
    model.changeObjectiveSense(highspy.ObjSense.kMinimize)
    return model


def run_highs(model, objective: np.ndarray, maximise: bool, time_limit: float | None,
              start: np.ndarray | None = None, relax: bool = False,
              quick: bool = False, continuous: bool = False) -> SolverRun:
    """Solve the live model with a new objective; the model keeps its constraints.

    ``relax`` solves a MIP model's relaxation; ``continuous`` says the model is an LP already.
    """
    import highspy

    n = len(objective)
    idx = np.arange(n, dtype=np.int32)
    # Always minimise: with a maximising sense, HiGHS 1.16 took a user solution (setSolution)
    # as proven optimal although its own dual bound was higher (seen on frontier steps).
    model.changeObjectiveSense(highspy.ObjSense.kMinimize)
    sign = -1.0 if maximise else 1.0
    model.changeColsCost(n, idx, sign * np.asarray(objective, dtype=float))
    model.setOptionValue("time_limit", float(time_limit) if time_limit else highspy.kHighsInf)
    if relax:
        model.changeColsIntegrality(n, idx, np.zeros(n, dtype=np.uint8))
    elif not continuous:
        for key, value in (WARM_OPTIONS if quick else COLD_OPTIONS).items():
            model.setOptionValue(key, value)
        if start is not None:
            model.setSolution(n, idx, np.asarray(start, dtype=float))
    started = time.perf_counter()
    try:
        model.run()
        if start is not None and not relax and _unproven(model, sign * objective):
            # HiGHS 1.16 sometimes takes a user solution through presolve as optimal while
            # its own dual bound says otherwise; without presolve it searches properly,
            # within what is left of the time limit.
            left = None if not time_limit else time_limit - (time.perf_counter() - started)
            if left is not None and left <= 0.05:
                return _read(model, objective, False, time.perf_counter() - started,
                             unproven=True)
            model.setOptionValue("presolve", "off")
            model.setOptionValue("time_limit", left if left else highspy.kHighsInf)
            model.setSolution(n, idx, np.asarray(start, dtype=float))
            try:
                model.run()
            finally:
                model.setOptionValue("presolve", "choose")
        return _read(model, objective, relax or continuous, time.perf_counter() - started)
    finally:
        if relax:  # restoring integrality clears the model status: read first
            model.changeColsIntegrality(n, idx, np.ones(n, dtype=np.uint8))


def _unproven(model, cost: np.ndarray) -> bool:
    """An 'optimal' MIP answer that does not add up: its dual bound, its reported objective
    and the objective of the solution it hands back must all agree."""
    import highspy

    if model.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return False
    info = model.getInfo()
    primal, dual = info.objective_function_value, info.mip_dual_bound
    actual = float(cost @ np.array(model.getSolution().col_value))
    tol = 1e-7 * max(1.0, abs(primal))
    return abs(primal - dual) > tol or abs(primal - actual) > tol


def _read(model, objective: np.ndarray, relax: bool, seconds: float,
          unproven: bool = False) -> SolverRun:
    import highspy

    status = model.getModelStatus()
    kinds = highspy.HighsModelStatus
    if status == kinds.kOptimal:
        verdict = TIME_LIMIT if unproven else OPTIMAL
    elif status in (kinds.kInfeasible, kinds.kUnboundedOrInfeasible):
        return SolverRun(INFEASIBLE, seconds=seconds)
    elif status in (kinds.kTimeLimit, kinds.kInterrupt) and \
            model.getInfo().primal_solution_status == 2:  # a feasible portfolio in hand
        verdict = TIME_LIMIT
    else:
        return SolverRun(NO_SOLUTION, seconds=seconds)
    solution = model.getSolution()
    x = np.array(solution.col_value)
    if not relax:
        x = (x > 0.5).astype(float)
    gap = 0.0 if verdict == OPTIMAL else float(model.getInfo().mip_gap)
    if unproven:
        info = model.getInfo()
        primal, dual = info.objective_function_value, info.mip_dual_bound
        gap = abs(primal - dual) / max(1e-10, abs(primal))
    reduced = np.array(solution.col_dual) if relax else None
    return SolverRun(verdict, x, float(objective @ x), gap, seconds, reduced)
