"""The optimiser: build the model, solve it, read it back, explain what cannot be done."""

from workbench.optimiser.conflict import describe_conflict, minimal_conflict
from workbench.optimiser.model import BuiltModel, build_model
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.recommend import GroupRange, Recommendation, group_ranges, recommend
from workbench.optimiser.solver import DEFAULT_TIME_LIMIT, SOLVERS, SolverRun, run

__all__ = [
    "DEFAULT_TIME_LIMIT", "SOLVERS", "BuiltModel", "GroupRange", "Portfolio", "Recommendation",
    "SolverRun", "build_model", "describe_conflict", "group_ranges", "minimal_conflict",
    "recommend", "run",
]
