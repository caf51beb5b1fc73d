"""A scenario in the words a tenant reads: each given as one sentence with its limits in
money (£71m, not 71000000) and names (never ids), each delivery mode as a phrase."""

from __future__ import annotations

from workbench.givens.words import listed
from workbench.scenario import Scenario
from workbench.ui.common.words import given_text

__all__ = ["given_sentence", "listed"]

def given_sentence(given, scenario: Scenario) -> str:
    """What a given demands, in one plain sentence (its kind's own words)."""
    return given_text(scenario, given)
