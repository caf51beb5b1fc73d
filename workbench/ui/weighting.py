"""Moved to ``workbench.ui.common.weighting``; kept until the meeting page imports it there."""

from workbench.ui.common.weighting import WeightingPanel

__all__ = ["WeightingPanel"]
