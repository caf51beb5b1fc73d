"""Participatory budgeting (spec section 6): pabulib ``.pb`` elections and three rules.

``read_election`` reads and checks a file, ``RULES`` maps each rule's name to a plain
function from an election to an :class:`Outcome` that explains itself, and
``save_election`` writes an election back in the same format.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.pb.compare import compare
from workbench.pb.election import Ballot, Election, Project
from workbench.pb.greedy import greedy
from workbench.pb.mes import mes
from workbench.pb.outcome import Coverage, Outcome, coverage
from workbench.pb.reading import parse_election, read_election
from workbench.pb.utilitarian import utilitarian
from workbench.pb.writing import election_text, save_election

RULES: dict[str, Callable[[Election], Outcome]] = {
    "utilitarian": utilitarian, "greedy": greedy, "mes": mes}

__all__ = ["RULES", "Ballot", "Coverage", "Election", "Outcome", "Project", "compare",
           "coverage", "election_text", "greedy", "mes", "parse_election", "read_election",
           "save_election", "utilitarian"]
