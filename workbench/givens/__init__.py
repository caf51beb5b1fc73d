"""Given kinds, one module each, registered in one table (:mod:`workbench.givens.registry`).

Where a kind lives: ``workbench/givens/<kind>.py`` holds its schema, checks, model rows,
frontier handling and words. The modules every kind uses: ``kind.py`` (the interface),
``rows.py`` (the model's row form), ``references.py`` (checks against the file).
"""

from workbench.givens import (
    budget,
    forbid_modes,
    max_changes,
    min_score,
    require_option,
    requires,
    spend_share,
)
from workbench.givens.budget import Budget
from workbench.givens.forbid_modes import ForbidModes
from workbench.givens.kind import COMMON_KEYS, GivenBase, GivenKind, Parts
from workbench.givens.max_changes import MaxChanges
from workbench.givens.min_score import MinScore
from workbench.givens.registry import GIVEN_KINDS, kind_of, kinds, register
from workbench.givens.require_option import RequireOption
from workbench.givens.requires import Requires
from workbench.givens.spend_share import SpendShare

register(budget.KIND, require_option.KIND, forbid_modes.KIND, min_score.KIND,
         spend_share.KIND, max_changes.KIND, requires.KIND)

__all__ = ["COMMON_KEYS", "GIVEN_KINDS", "Budget", "ForbidModes", "GivenBase", "GivenKind",
           "MaxChanges", "MinScore", "Parts", "RequireOption", "Requires", "SpendShare",
           "kind_of", "kinds", "register"]
