"""Moved to ``workbench.ui.common.entry``; kept until the meeting page imports it there."""

from workbench.ui.common.entry import pairwise_entry, swing_entry

__all__ = ["pairwise_entry", "swing_entry"]
