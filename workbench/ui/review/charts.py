"""One small line picture per target: its results over time against the target, approaching
and inadequate levels, as a PNG in an <img> whose text states every figure.

Drawing costs tens of milliseconds a picture, so each is drawn once for its figures (an LRU
cache keyed by the target's thresholds and its points): a poll that finds nothing new about
a target redraws nothing.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from functools import lru_cache

from matplotlib.figure import Figure

from workbench.monitoring.rag import rag
from workbench.monitoring.results import Result
from workbench.scenario.cycle import Target
from workbench.ui.common import esc

TREND_MONTHS = 24       # a trend shows the results of the 24 months ending with A
LINE = "#0b4f8a"
FONT = 13              # points at 80 dpi: about 14 px, and still 11 px on a phone
# Threshold lines told apart by style and by their label, never by colour alone.
LEVELS = (("target", "-", "#1d6b2f"), ("approaching", "--", "#8a5a00"),
          ("inadequate", ":", "#a40000"))


def _number(value: float) -> str:
    return f"{value:,.10g}"


def trend_alt(target: Target, points: Sequence[tuple[str, float, str]]) -> str:
    """The picture in words: what is measured, the levels, then each period's figure."""
    unit = f" ({target.unit})" if target.unit else ""
    levels = [f"target {_number(target.target)}"]
    if target.approaching is not None and target.approaching != target.target:
        levels.append(f"approaching target from {_number(target.approaching)}")
    if target.inadequate is not None:
        levels.append(f"inadequate {'below' if target.direction == 'higher' else 'above'} "
                      f"{_number(target.inadequate)}")
    figures = "; ".join(f"{p} {_number(v)} {rag(r).words}" for p, v, r in points) or \
        "no results yet"  # type: ignore[arg-type]
    return (f"Trend of {target.measure}{unit}, {target.direction} is better; "
            f"{', '.join(levels)}. Results: {figures}.")


def trend_html(target: Target, results: Sequence[Result], service: str = "") -> str:
    """A figure with the picture and a caption; ``results`` are the target's, in order."""
    points = tuple((r.period.text, float(r.value), r.rating) for r in results)
    levels = (target.target, target.approaching, target.inadequate)
    png = _png(target.measure, target.unit or "", levels, points)
    alt = trend_alt(target, points)
    return (f"<figure class='wb-trend wb-trend-{esc(target.id)}'><img alt='{esc(alt)}' "
            f"src='data:image/png;base64,{png}' width='480' height='256'>"
            f"<figcaption>{esc(f'{service}: ' if service else '')}{esc(target.measure)}"
            "</figcaption></figure>")


@lru_cache(maxsize=512)
def _png(measure: str, unit: str, levels: tuple[float, float | None, float | None],
         points: tuple[tuple[str, float, str], ...]) -> str:
    """The picture as base64 PNG, drawn once for these figures."""
    fig = Figure(figsize=(6, 3.2), dpi=80)
    ax = fig.add_subplot()
    labels = [p for p, _, _ in points]
    values = [v for _, v, _ in points]
    xs = list(range(len(points)))
    for (name, style, colour), level in zip(LEVELS, levels, strict=True):
        if level is None or (name == "approaching" and level == levels[0]):
            continue
        ax.axhline(level, linestyle=style, color=colour, linewidth=1.5)
        ax.annotate(f"{name}\n{_number(level)}", xy=(1, level), xycoords=("axes fraction",
                                                                          "data"),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=FONT,
                    color=colour)
    if points:
        ax.plot(xs, values, color=LINE, marker="o", linewidth=2, markersize=4)
        step = max(1, -(-len(xs) // 3))       # at most three labels: they stay readable
        ax.set_xticks(xs[::step], labels[::step], fontsize=FONT)
    else:
        ax.set_xticks([])
    ax.set_ylabel(unit, fontsize=FONT)
    ax.tick_params(axis="y", labelsize=FONT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.subplots_adjust(left=0.15, right=0.74, top=0.95, bottom=0.14)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def trends_html(targets: Sequence[Target], results: Sequence[Result], as_of: int | None,
                services: dict[str, str] | None = None) -> str:
    """One picture per target, for the 24 months ending with A (``services``: id -> name,
    for the captions)."""
    if as_of is None:
        return "<p>No trends yet: import results first.</p>"
    first = as_of - TREND_MONTHS + 1
    parts = []
    for target in targets:
        mine = sorted((r for r in results if r.target.id == target.id
                       and first <= r.period.month <= as_of), key=lambda r: r.period)
        parts.append(trend_html(target, mine, (services or {}).get(target.service, "")))
    if not parts:
        return "<p>The scenario has no targets, so there is no trend to draw.</p>"
    return f"<div class='wb-trends'>{''.join(parts)}</div>"
