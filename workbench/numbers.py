"""How a measured figure is written on every page and document: thousands separated, no
trailing zeros, never in exponent form (30,000; 90.5; 1,500,000). Money has its own module
(``workbench.money``)."""

from __future__ import annotations


def figure(value: float) -> str:
    """A target, result or proposed level as people read it."""
    text = f"{value:,.10f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def satisfaction(value: float | None, missing: str = "–") -> str:
    """A group's satisfaction S the same way everywhere: 0 to 1 with two decimals (0.88)."""
    return missing if value is None else f"{value:.2f}"
