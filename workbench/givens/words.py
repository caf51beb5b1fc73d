"""Small phrases the kinds share in their sentences for people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from workbench.fields import ALL, MODE_WORDS

if TYPE_CHECKING:
    from workbench.scenario.model import Scenario


def listed(items: Sequence[str], joiner: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {joiner} " + items[-1]


def services_text(scenario: Scenario, services: str | Sequence[str]) -> str:
    if services == ALL:
        return "Every service"
    return listed([scenario.service(s).name for s in services])


def modes_text(modes: Sequence[str], joiner: str = "and") -> str:
    return listed([MODE_WORDS.get(m, m.replace("_", " ")) for m in modes], joiner)
