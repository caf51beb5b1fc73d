"""The participatory-budgeting page: an election's projects and its outcome under each of
the three rules side by side (spec section 6; coverage and budget share from issue 16)."""

from workbench.ui.pb.state import PbState

__all__ = ["PbState"]
