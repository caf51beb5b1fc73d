"""Plain-text reports for the command line: what a council officer reads in a terminal."""

from __future__ import annotations

from workbench.givens.kind import GivenBase
from workbench.givens.registry import kind_of
from workbench.money import money
from workbench.optimiser.recommend import Recommendation
from workbench.optimiser.status import status_sentence
from workbench.scenario.model import Scenario

__all__ = ["describe_given", "recommendation_text", "table"]


def describe_given(given: GivenBase) -> str:
    """One line per given: what it demands, in its file's terms."""
    terms = ", ".join(f"{k}={v}" for k, v in kind_of(given).terms(given).items())
    return f"{given.id} ({given.kind}, {given.category}): {given.reason}" + \
        (f" [{terms}]" if terms else "") + (f" — answerable: {given.owner}" if given.owner else "")


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format(*header), line.format(*("-" * w for w in widths))]
    out += [line.format(*map(str, r)) for r in rows]
    return "\n".join(s.rstrip() for s in out)


def recommendation_text(scenario: Scenario, result: Recommendation) -> str:
    """The recommended portfolio, its spend, each group's satisfaction and the givens."""
    cur = scenario.currency
    out = [f"{scenario.name}" + (f" — {scenario.organisation}" if scenario.organisation else "")]
    if result.portfolio is None:
        out += [f"Status: {result.status}", "", result.explanation]
        return "\n".join(out)
    p = result.portfolio
    out += [f"Status: {status_sentence(result.status, result.gap)}; solver {result.solver}", ""]
    rows = []
    for service, index in zip(scenario.services, p.chosen):
        option = service.option(p.arrays.refs[index][1])
        change = "" if service.current in (None, option.id) else f"(was {service.current})"
        rows.append([service.id, service.area or "", option.id, option.mode,
                     money(float(p.arrays.total_cost[index]), cur), change])
    out.append(table(rows, ["service", "area", "option", "mode", "total cost", "change"]))
    out += ["", f"Value: {p.value:.4f} (0 to 100)   Total cost: {money(p.total_cost, cur)}",
            "Spend by year: " + ", ".join(f"{y} {money(v, cur)}" for y, v in p.spend.items()),
            "Agreed weights: " + ", ".join(f"{c} {w:.3f}" for c, w in result.weights.items())]
    if result.satisfaction:
        out += ["", "Satisfaction of each group (0 = its worst possible, 1 = its best):"]
        out += [f"  {g}: {s:.3f}" + ("" if result.groups[g].exact else
                                     " (time limit: its best and worst are not proven)")
                for g, s in result.satisfaction.items()]
    if scenario.givens:
        out += ["", "Givens (all kept):" if not result.lifted else
                f"Givens (lifted for this run: {', '.join(result.lifted)}):"]
        out += ["  " + describe_given(g) for g in scenario.givens]
    return "\n".join(out)
