"""The analysis as a readable report for the terminal."""

from __future__ import annotations

from workbench.analysis.analyse import Analysis
from workbench.money import money
from workbench.report import recommendation_text, table


def analysis_text(analysis: Analysis) -> str:
    scenario, rec = analysis.scenario, analysis.recommended
    out = [recommendation_text(scenario, rec)]
    if rec.portfolio is None:
        return "\n".join(out)
    cur = scenario.currency
    out += ["", "What is decided, in plain words:"]
    out += [f"- {d.text}" for d in analysis.decisions]
    out += ["", "Each group's view (value under its own weights):"]
    rows = [[g, f"{r.worst:.2f}", f"{r.best:.2f}", f"{rec.satisfaction[g]:.3f}"]
            for g, r in rec.groups.items()]
    out.append(table(rows, ["group", "worst", "best", "satisfaction"]))
    if analysis.fair:
        f = analysis.fair
        out += ["", f"Fair portfolio (best for the least satisfied group): value "
                f"{f.portfolio.value:.4f}, total cost {money(f.portfolio.total_cost, cur)}, "
                f"lowest satisfaction {f.min_satisfaction:.3f} (recommended: "
                f"{min(rec.satisfaction.values(), default=1):.3f}); it costs "
                f"{rec.portfolio.value - f.portfolio.value:.4f} points of agreed value."]
    out += ["", "The price of each given (what lifting it alone would add):"]
    rows = [[g, f"{p.value:.4f}", money(p.total_cost, cur),
             "" if p.per_percent is None else f"{p.per_percent:.4f}"]
            for g, p in analysis.prices.items()]
    out.append(table(rows, ["given", "value", "change in cost", "value per +1% budget"]))
    out += ["", "Weight stability (the recommendation holds while the weight stays inside):"]
    rows = [[c, f"{s.weight:.3f}", f"{s.low:.3f}", f"{s.high:.3f}"]
            for c, s in analysis.stability.items()]
    out.append(table(rows, ["criterion", "agreed", "low", "high"]))
    kind = "exact" if analysis.frontier_exact else "at budget levels"
    out += ["", f"Efficient frontier ({kind}, budgets lifted): {len(analysis.frontier)} points "
            f"from {money(analysis.frontier[0].total_cost, cur)} to "
            f"{money(analysis.frontier[-1].total_cost, cur)}." if analysis.frontier else ""]
    return "\n".join(out)
