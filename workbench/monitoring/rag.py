"""The one mapping from a rating to what people see: a colour, its words, and whether it is
marked "inadequate" (commissioning-cycle.md, section 3). Pages, records and the command line
all read it here."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.monitoring.rating import Rating


@dataclass(frozen=True)
class Rag:
    """How a rating is shown: ``colour`` (a word) and ``hex`` for pages, ``words`` to read."""

    colour: str
    hex: str
    words: str
    marked: str | None = None     # the mark beside the colour ("inadequate")


RAG: dict[Rating | None, Rag] = {
    "good": Rag("green", "#2e7d32", "good"),
    "approaching_target": Rag("amber", "#f0a202", "approaching target"),
    "requires_improvement": Rag("red", "#c62828", "requires improvement"),
    "inadequate": Rag("red", "#c62828", "inadequate", marked="inadequate"),
    None: Rag("grey", "#9e9e9e", "no result"),     # a period that is due, with no result
}


def rag(rating: Rating | None) -> Rag:
    """How ``rating`` is shown; None is a due period with no result (grey)."""
    return RAG[rating]
