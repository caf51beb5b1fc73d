"""Kept for the panel and finance pages until they move: the controls every page shares
now live in workbench/ui/common/controls.py."""

from workbench.ui.common.controls import ScenarioSource, disabled_while

__all__ = ["ScenarioSource", "disabled_while"]
