"""The optimiser: build the model, solve it, read it back, explain what cannot be done."""

from workbench.optimiser.conflict import describe_conflict, minimal_conflict
from workbench.optimiser.groups import GroupRange, group_ranges
from workbench.optimiser.model import BuiltModel, build_model
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.recommend import Recommendation, recommend
from workbench.optimiser.solver import DEFAULT_TIME_LIMIT, SOLVERS, SolverRun, run
from workbench.optimiser.status import Status

__all__ = [
    "DEFAULT_TIME_LIMIT", "SOLVERS", "BuiltModel", "GroupRange", "Portfolio", "Recommendation",
    "SolverRun", "Status", "build_model", "describe_conflict", "group_ranges",
    "minimal_conflict", "recommend", "run",
]
