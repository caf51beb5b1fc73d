"""Each kind of given lives in its own module, registered in one table that every stage
reads; no other module dispatches on kinds."""

from __future__ import annotations

import re
from pathlib import Path

import workbench
from workbench.givens import GIVEN_KINDS, kind_of, kinds
from workbench.optimiser.conflict import describe_conflict
from workbench.report import describe_given
from workbench.scenario import load_scenario

STANDARD = ("budget", "require_option", "forbid_modes", "min_score", "spend_share",
            "max_changes", "requires")
PACKAGE = Path(workbench.__file__).parent


def test_the_standard_kinds_each_live_in_a_module_named_after_them():
    assert tuple(GIVEN_KINDS) == STANDARD
    for kind in kinds():
        assert type(kind).__module__ == f"workbench.givens.{kind.name}"
        assert kind.model.__module__ == type(kind).__module__
        assert (PACKAGE / "givens" / f"{kind.name}.py").exists()


def test_every_given_has_words_for_people(riverside_path):
    scenario = load_scenario(riverside_path)
    assert {g.kind for g in scenario.givens} == set(STANDARD)
    for given in scenario.givens:
        kind = kind_of(given)
        sentence = kind.sentence(given, scenario)
        assert sentence.endswith(".") and len(sentence) > 20, sentence
        assert describe_given(given).startswith(f"{given.id} ({given.kind}, ")
        assert f"({kind.label}: {given.reason}" in describe_conflict([given])


def test_budget_sentences_use_the_scenario_currency(riverside_path):
    scenario = load_scenario(riverside_path)
    budget = next(g for g in scenario.givens if g.kind == "budget")
    assert "£" in kind_of(budget).sentence(budget, scenario)


def test_no_module_outside_the_givens_dispatches_on_kinds():
    """``elif kind == ...`` chains and isinstance tests on kinds belong in the kind's own
    module. (Budget-only tables and charts may pick out budgets.)"""
    others = "RequireOption|ForbidModes|MinScore|SpendShare|MaxChanges|Requires"
    kind_names = "|".join(STANDARD)
    pattern = re.compile(rf"isinstance\([^)]*\b({others})\b|kind\s*(==|!=)\s*[\"']"
                         rf"({kind_names})[\"']|kind\s+in\s+\([\"']({kind_names})")
    found = [f"{path.relative_to(PACKAGE)}:{n}" for path in PACKAGE.rglob("*.py")
             if "givens" not in path.parts
             for n, line in enumerate(path.read_text().splitlines(), 1)
             if pattern.search(line)]
    assert not found, found
