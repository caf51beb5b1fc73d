"""Trade-offs everyone can see: groups, fairness, frontier, prices, stability, what-ifs."""

from workbench.analysis.analyse import Analysis, analyse
from workbench.analysis.fair import FairResult, fair_portfolio
from workbench.analysis.frontier import FrontierPoint, frontier
from workbench.analysis.prices import Price, prices
from workbench.analysis.progress import Progress
from workbench.analysis.stability import StabilityInterval, stability
from workbench.analysis.whatif import WhatIf, what_if

__all__ = ["Analysis", "FairResult", "FrontierPoint", "Price", "Progress", "StabilityInterval",
           "WhatIf", "analyse", "fair_portfolio", "frontier", "prices", "stability", "what_if"]
