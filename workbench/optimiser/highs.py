"""Direct use of a live HiGHS model, for re-solves that must not rebuild anything.

PuLP builds the HiGHS model once (``pulp.HiGHS``); after that the objective, column bounds
and a warm start are changed in place. Status is checked before any value is read.
"""

from __future__ import annotations

import time

import numpy as np
import pulp

from workbench.optimiser.model import BuiltModel
from workbench.optimiser.solver import (
    INFEASIBLE,
    NO_SOLUTION,
    OPTIMAL,
    TIME_LIMIT,
    SolverRun,
    quiet_stdout,
)

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
    with quiet_stdout():
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
    model.changeObjectiveSense(highspy.ObjSense.kMaximize)
    return model


def run_highs(model, objective: np.ndarray, maximise: bool, time_limit: float | None,
              start: np.ndarray | None = None, relax: bool = False,
              quick: bool = False) -> SolverRun:
    """Solve the live model with a new objective; the model keeps its constraints."""
    import highspy

    n = len(objective)
    idx = np.arange(n, dtype=np.int32)
    model.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise
                               else highspy.ObjSense.kMinimize)
    model.changeColsCost(n, idx, np.asarray(objective, dtype=float))
    model.setOptionValue("time_limit", float(time_limit) if time_limit else highspy.kHighsInf)
    if relax:
        model.changeColsIntegrality(n, idx, np.zeros(n, dtype=np.uint8))
    else:
        for key, value in (WARM_OPTIONS if quick else COLD_OPTIONS).items():
            model.setOptionValue(key, value)
        if start is not None:
            model.setSolution(n, idx, np.asarray(start, dtype=float))
    started = time.perf_counter()
    try:
        model.run()
        return _read(model, objective, relax, time.perf_counter() - started)
    finally:
        if relax:  # restoring integrality clears the model status: read first
            model.changeColsIntegrality(n, idx, np.ones(n, dtype=np.uint8))


def _read(model, objective: np.ndarray, relax: bool, seconds: float) -> SolverRun:
    import highspy

    status = model.getModelStatus()
    kinds = highspy.HighsModelStatus
    if status == kinds.kOptimal:
        verdict = OPTIMAL
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
    reduced = np.array(solution.col_dual) if relax else None
    return SolverRun(verdict, x, float(objective @ x), gap, seconds, reduced)
