"""Kept for the panel page until it moves into workbench/ui/panel/: the givens and the
pairwise verdict now live in workbench/ui/common/ (the meeting page's HTML is in
workbench/ui/meeting/render.py)."""

from workbench.ui.common.givens import givens_html
from workbench.ui.common.pairwise import pairwise_verdict_html

__all__ = ["givens_html", "pairwise_verdict_html"]
