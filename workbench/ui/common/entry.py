"""Swing and pairwise entry turned into slider weights: one rule for the facilitator's
page and the panels' pages. Pure functions: no widgets, no state."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.errors import WorkbenchError
from workbench.weights import PairwiseResult, ahp, scaled_to_100, swing


def swing_entry(points: dict[str, float]) -> tuple[dict[str, float] | None, str]:
    """Slider weights from swing points, and how they were set; or None and why not."""
    try:
        return scaled_to_100(swing(points)), "swing weighting"
    except WorkbenchError as exc:
        return None, f"swing weights not used: {exc}"


def pairwise_entry(matrix: list[list[float]], criteria: Sequence[str],
                   accept_inconsistent: bool = False
                   ) -> tuple[dict[str, float] | None, PairwiseResult | None, str]:
    """Slider weights from pairwise comparisons, their AHP result and how they were set; or
    None and why not. A consistency ratio above 0.10 is used only when accepted knowingly."""
    try:
        result = ahp(matrix)
    except WorkbenchError as exc:
        return None, None, f"pairwise comparisons not used: {exc}"
    ratio = result.consistency_ratio
    if not result.consistent and not accept_inconsistent:
        return None, result, (f"the comparisons are inconsistent (consistency ratio "
                              f"{ratio:.2f}, above 0.10). Revise them, or use them anyway "
                              "knowing this.")
    how = "pairwise comparison" + ("" if result.consistent else
                                   f" (inconsistent: ratio {ratio:.2f})")
    return scaled_to_100(dict(zip(criteria, result.weights))), result, how
