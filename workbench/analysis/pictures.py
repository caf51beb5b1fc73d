"""The trade-offs as pictures (matplotlib, no Jupyter, no pyplot state).

Okabe-Ito colours (safe for colour-blind readers), labelled axes with units, and type large
enough for a projector. Each function returns a Figure; ``write_pictures`` saves PNGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from workbench.analysis.analyse import Analysis
from workbench.optimiser.portfolio import Portfolio
from workbench.scenario.model import Budget

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
FONT: dict[str, Any] = {"font.size": 14, "axes.titlesize": 16, "axes.labelsize": 14,
                        "legend.fontsize": 12}


def _figure(width: float = 10, height: float = 6) -> tuple[Figure, Axes]:
    import matplotlib

    with matplotlib.rc_context(FONT):  # type: ignore[arg-type]  # its keys are literals
        fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
        ax = fig.add_subplot()
    for key, value in FONT.items():
        if key == "axes.titlesize":
            ax.title.set_fontsize(value)
    ax.tick_params(labelsize=12)
    return fig, ax


def _millions(amount: float) -> float:
    return amount / 1e6


def frontier_figure(analysis: Analysis, adopted: Portfolio | None = None) -> Figure:
    """Total cost against value, with the recommended, fair and each group's best marked,
    and ``adopted`` (a portfolio adopted instead of the recommended one) as a square."""
    fig, ax = _figure()
    cur = analysis.scenario.currency
    points = analysis.frontier
    ax.plot([_millions(p.total_cost) for p in points], [p.value for p in points], "-o",
            color=OKABE_ITO[0], markersize=4, label="Efficient frontier (budgets lifted)",
            gid="frontier")
    rec = analysis.recommended.solved_portfolio
    ax.plot([_millions(rec.total_cost)], [rec.value], "*", markersize=20, color=OKABE_ITO[5],
            label="Recommended", gid="recommended", linestyle="none")
    if analysis.fair is not None:
        f = analysis.fair.portfolio
        ax.plot([_millions(f.total_cost)], [f.value], "D", markersize=11, color=OKABE_ITO[2],
                label="Fair (best for the least satisfied)", gid="fair", linestyle="none")
    if adopted is not None:
        ax.plot([_millions(adopted.total_cost)], [adopted.value], "s", markersize=13,
                color=OKABE_ITO[7], label="Adopted", gid="adopted", linestyle="none")
    markers = "v^<>ph"
    for k, (g, r) in enumerate(analysis.recommended.groups.items()):
        own = Portfolio.from_choices(rec.arrays, r.best_choices, analysis.recommended.weights)
        ax.plot([_millions(own.total_cost)], [own.value], markers[k % len(markers)],
                markersize=9, color=OKABE_ITO[(k + 1) % 8], linestyle="none",
                label=f"Best for {g}", gid=f"group:{g}")
    ax.set_xlabel(f"Total cost over the horizon ({cur} million)")
    ax.set_ylabel("Value under the agreed weights (0 to 100)")
    ax.set_title("What each extra pound buys: the efficient frontier")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return fig


def satisfaction_figure(analysis: Analysis) -> Figure:
    fig, ax = _figure()
    sat = analysis.recommended.satisfaction
    groups = list(sat)
    names = {g.id: g.name for g in analysis.scenario.stakeholders}
    ax.barh([names[g] for g in groups], [sat[g] for g in groups], color=OKABE_ITO[0],
            label="Recommended")
    if analysis.fair is not None:
        from workbench.weights import group_weights

        normal = group_weights(analysis.scenario)
        fair = [analysis.recommended.groups[g].satisfaction(
            analysis.fair.portfolio.value_under(normal[g])) for g in groups]
        ax.plot(fair, [names[g] for g in groups], "D", color=OKABE_ITO[2], markersize=10,
                label="Fair portfolio", linestyle="none")
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("Satisfaction (0 = the group's worst possible, 1 = its best)")
    ax.set_title("How well the recommendation serves each group")
    ax.legend(loc="lower right")
    ax.invert_yaxis()
    return fig


def spend_by_area(portfolio) -> dict[str, np.ndarray]:
    """Each area's spend by year in a portfolio ("" for services with no area), in the
    scenario's order of areas: what the spend charts stack."""
    scenario = portfolio.arrays.scenario
    areas = list(scenario.areas) + ([""] if any(s.area is None for s in scenario.services)
                                    else [])
    out = {}
    for area in areas:
        rows = [i for s, i in zip(scenario.services, portfolio.chosen) if (s.area or "") == area]
        out[area] = portfolio.arrays.spend[rows].sum(axis=0) if rows else \
            np.zeros(len(scenario.years))
    return out


def spend_figure(analysis: Analysis, portfolio: Portfolio | None = None) -> Figure:
    """Spend by area and year (stacked), with each budget given as a line, of ``portfolio``
    (default the recommended one)."""
    fig, ax = _figure()
    scenario = analysis.scenario
    years = list(scenario.years)
    bottom = np.zeros(len(years))
    shown = portfolio if portfolio is not None else analysis.recommended.portfolio
    for k, (area, spend) in enumerate(spend_by_area(shown).items()):
        ax.bar(years, spend / 1e6, bottom=bottom / 1e6, color=OKABE_ITO[k % 8],
               label=area or "(no area)")
        bottom = bottom + spend
    for k, g in enumerate(g for g in scenario.givens if isinstance(g, Budget)):
        ax.plot(years, np.array(g.limit) / 1e6, linestyle=["--", ":", "-."][k % 3],
                color="black", marker="_", markersize=30, label=f"Budget: {g.id}",
                gid=f"budget:{g.id}")
    ax.set_ylabel(f"Spend ({scenario.currency} million a year)")
    ax.set_xlabel("Financial year")
    ax.set_title("Spend by area and year against the budget givens")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def prices_figure(analysis: Analysis) -> Figure:
    fig, ax = _figure()
    ids = list(analysis.prices)
    values = [analysis.prices[g].value for g in ids]
    ax.barh(ids, values, color=OKABE_ITO[1])
    ax.set_xlabel("Value given up to keep it (points out of 100)")
    ax.set_title("The price of each given")
    ax.invert_yaxis()
    return fig


def weights_figure(analysis: Analysis) -> Figure:
    from workbench.weights import group_weights

    fig, ax = _figure(11, 6)
    normal = group_weights(analysis.scenario)
    criteria = list(analysis.scenario.criterion_ids)
    series = {**normal, "agreed": analysis.recommended.weights}
    width = 0.8 / len(series)
    x = np.arange(len(criteria))
    for k, (name, w) in enumerate(series.items()):
        ax.bar(x + k * width, [w[c] for c in criteria], width,
               color="black" if name == "agreed" else OKABE_ITO[k % 8],
               label="Agreed" if name == "agreed" else name, gid=f"weights:{name}")
    ax.set_xticks(x + width * (len(series) - 1) / 2,
                  [c.name for c in analysis.scenario.criteria], rotation=20, ha="right")
    ax.set_ylabel("Weight (share of 1)")
    ax.set_title("Each group's weights beside the agreed weights")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def stability_figure(analysis: Analysis) -> Figure:
    fig, ax = _figure()
    items = list(analysis.stability.values())
    names = {c.id: c.name for c in analysis.scenario.criteria}
    for k, s in enumerate(items):
        ax.plot([s.low, s.high], [k, k], linewidth=10, color=OKABE_ITO[4], solid_capstyle="butt",
                gid=f"interval:{s.criterion}")
        ax.plot([s.weight], [k], "|", markersize=25, markeredgewidth=3, color=OKABE_ITO[5])
    ax.set_yticks(range(len(items)), [names[s.criterion] for s in items])
    ax.set_xlim(0, 1)
    ax.set_xlabel("Agreed weight of the criterion (the others scaled to fit)")
    ax.set_title("How far each weight can move before the recommendation changes")
    ax.invert_yaxis()
    return fig


PICTURES = {"frontier": frontier_figure, "satisfaction": satisfaction_figure,
            "spend": spend_figure, "prices": prices_figure, "weights": weights_figure,
            "stability": stability_figure}


def write_pictures(analysis: Analysis, folder: str | Path) -> list[Path]:
    """Save every picture as PNG in ``folder`` (created if needed)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if analysis.recommended.portfolio is None:
        return written
    for name, draw in PICTURES.items():
        path = folder / f"{name}.png"
        draw(analysis).savefig(path)
        written.append(path)
    return written
