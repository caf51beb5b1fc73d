"""The home care tender of scenarios/tenders as a stored evaluation: every mark and
moderation of the file given through the store, as evaluators and the moderator would."""

from __future__ import annotations

import yaml

from tests.conftest import ROOT

FILE = ROOT / "scenarios" / "tenders" / "home-care-framework.yaml"


def tender_text() -> str:
    return FILE.read_text(encoding="utf-8")


def file_data() -> dict:
    return yaml.safe_load(tender_text())


def mark_everything(store, made, *, moderate: bool = True) -> None:
    """Each evaluator declares (e3 one interest, the others none) and gives the file's
    marks; the moderator then gives the file's moderated marks."""
    data = file_data()
    for evaluator, token in made.evaluator_tokens.items():
        store.declare_interest(made.id, token, "My sister works for Homewise Ltd"
                               if evaluator == "e3" else None)
    for score in data["scores"]:
        store.give_mark(made.id, made.evaluator_tokens[score["evaluator"]], score["bid"],
                        score["criterion"], score["mark"])
    if moderate:
        for m in data["moderated"]:
            store.moderate(made.id, made.moderator_token, m["bid"], m["criterion"],
                           m["mark"], m["reason"])
