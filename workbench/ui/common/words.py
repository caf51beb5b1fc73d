"""Numbers and givens as people in the room read them: £71m rather than 71000000, a given's
demand in a sentence rather than its id, satisfaction always with two decimals (0.88)."""

from __future__ import annotations

from workbench.givens.registry import kind_of
from workbench.money import short_money, signed_money
from workbench.numbers import satisfaction
from workbench.scenario import Scenario

__all__ = ["KINDS", "given_names", "given_text", "satisfaction_text",
           "short_money", "signed_money"]

KINDS = {"budget": "Budget", "require_option": "Fixed choice", "forbid_modes": "Ruled out",
         "min_score": "Minimum standard", "spend_share": "Share of spend",
         "max_changes": "Limit on changes", "requires": "Depends on"}


satisfaction_text = satisfaction      # 0 to 1 with two decimals, "–" when missing


def given_text(scenario: Scenario, given) -> str:
    """What a given demands, in one sentence with names and limits in words (its kind's
    own words, :mod:`workbench.givens`)."""
    return kind_of(given).sentence(given, scenario)


def given_names(scenario: Scenario, ids) -> str:
    """Givens named in words for a sentence (the ids are for files, not for people)."""
    by_id = {g.id: g for g in scenario.givens}
    return "; ".join(given_text(scenario, by_id[g]) if g in by_id else str(g) for g in ids)

