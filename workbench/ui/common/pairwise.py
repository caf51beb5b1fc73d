"""Pairwise comparisons' verdict in words, for every page that offers them."""

from __future__ import annotations

from workbench.scenario import Scenario
from workbench.ui.common import esc


def pairwise_verdict_html(scenario: Scenario, found) -> str:
    """A PairwiseResult in words: its weights, and a warning when it is inconsistent."""
    if found is None:
        return ""
    names = [c.name for c in scenario.criteria]
    weights = ", ".join(f"{esc(n)} {w:.2f}" for n, w in zip(names, found.weights))
    ratio = found.consistency_ratio
    if found.consistent:
        return (f"<p class='wb-pairwise-ok'>Consistency ratio {ratio:.2f} (0.10 or less is "
                f"consistent). Weights: {weights}.</p>")
    return (f"<p class='wb-pairwise-warning' role='alert'><strong>Warning: these comparisons "
            f"are inconsistent</strong> (consistency ratio {ratio:.2f}, above 0.10): some "
            f"judgements contradict others. Weights they give: {weights}. Revise them, or use "
            "them anyway knowing this.</p>")
