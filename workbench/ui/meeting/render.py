"""HTML of the meeting page, from plain data (the scenario, a result, an analysis), never
from the page's state. Every text from a file goes through ``esc``: names are data."""

from __future__ import annotations

from workbench.analysis import Analysis
from workbench.analysis.pictures import frontier_figure, stability_figure
from workbench.fields import mode_words
from workbench.money import money
from workbench.optimiser.recommend import Recommendation
from workbench.optimiser.status import TIME_LIMIT, status_sentence
from workbench.scenario import Scenario
from workbench.ui.common import esc
from workbench.ui.common.tables import row, table
from workbench.ui.common.words import (
    given_text,
    satisfaction_text,
    short_money,
    signed_money,
)
from workbench.ui.meeting.charts import figure_html, spend_svg


def _option_name(scenario: Scenario, service: str, option: str) -> str:
    return scenario.service(service).option(option).name


def clash_html(scenario: Scenario, result: Recommendation, lifted: bool = False) -> str:
    """Why there is no portfolio: the givens that clash, in words, and the way forward."""
    by_id = {g.id: g for g in scenario.givens}
    clashing = [by_id[g] for g in result.conflict if g in by_id]
    if not clashing:
        return f'<div class="wb-infeasible" role="alert"><p>{esc(result.explanation)}</p></div>'
    items = "".join(f"<li><strong>{esc(given_text(scenario, g))}</strong>: {esc(g.reason)}"
                    + (f" (answerable: {esc(g.owner)})" if g.owner else "") + "</li>"
                    for g in clashing)
    still = " even with the lifted givens set aside" if lifted else ""
    lead = ("This given cannot be met on its own" if len(clashing) == 1 else
            f"These {len(clashing)} givens cannot all hold together")
    return (f'<div class="wb-infeasible" role="alert"><p><strong>No portfolio can meet every '
            f"given{still}.</strong> {lead}; lifting any one of them lets the rest hold:</p>"
            f"<ul>{items}</ul><p>Tick “Lift … for a what-if” beside one of them (under "
            "<em>Lift a given</em>) to see the value, cost and portfolio it would give.</p>"
            "</div>")


def summary_html(scenario: Scenario, result: Recommendation | None,
                 changes: dict) -> str:
    """The recommendation in a few lines, pinned beside the sliders: value, total cost, the
    least-satisfied group, and what the last move changed."""
    if result is None:
        return ""
    if result.portfolio is None:
        return "<h2>Recommendation</h2>" + clash_html(scenario, result)
    p, cur = result.portfolio, scenario.currency
    names = {g.id: g.name for g in scenario.stakeholders}
    sat = result.satisfaction
    least = min(sat, key=sat.get) if sat else None
    lines = [f"<p class='wb-headline'>Value <strong>{p.value:.2f}</strong> out of 100 · "
             f"total cost <strong>{short_money(p.total_cost, cur)}</strong></p>"]
    if least is not None:
        lines.append(f"<p>Least satisfied: {esc(names[least])} "
                     f"({satisfaction_text(sat[least])})</p>")
    if result.status == TIME_LIMIT:
        lines.append(f"<p class='wb-time-limit' role='status'><strong>Not proven best:</strong> "
                     f"the solver reached its time limit after {max(1, round(result.seconds))} "
                     f"s; this is the {status_sentence(result.status, result.gap)}.</p>")
    lines.append(changes_html(scenario, changes))
    return "<h2>Recommendation</h2>" + "".join(lines)



def changes_html(scenario: Scenario, changes: dict) -> str:
    """What the last move changed, said in words (not by colour alone)."""
    if not changes:
        return ""
    cur = scenario.currency
    moved = changes["changed"]
    deltas = (f"value {changes['value']:+.2f} points, total cost "
              f"{signed_money(changes['total_cost'], cur)}")
    if not moved:
        return (f"<div class='wb-changes' role='status'><p><strong>Last change:</strong> "
                f"the same portfolio ({deltas}).</p></div>")
    items = "".join(f"<li>{esc(scenario.service(s).name)}: "
                    f"{esc(_option_name(scenario, s, a))} → "
                    f"<strong>{esc(_option_name(scenario, s, b))}</strong></li>"
                    for s, (a, b) in moved.items())
    return (f"<div class='wb-changes' role='status'><p><strong>Last change:</strong> "
            f"{len(moved)} service{'s' if len(moved) != 1 else ''} changed option; {deltas}."
            f"</p><ul>{items}</ul></div>")


def portfolio_html(scenario: Scenario, result: Recommendation | None,
                   changed: set[str] | frozenset[str] = frozenset(),
                   caption: str = "Recommended portfolio (every given kept)",
                   css: str = "wb-portfolio") -> str:
    """The portfolio, one row per service; rows the last move changed say so."""
    if result is None:
        return ""
    if result.portfolio is None:
        return clash_html(scenario, result)
    p, cur = result.portfolio, scenario.currency
    rows = []
    for service, index in zip(scenario.services, p.chosen):
        option = service.option(p.arrays.refs[index][1])
        spend = [money(v, cur) for v in p.arrays.spend[index]]
        change = "stays as today" if service.current in (None, option.id) else \
            f"changes (was {esc(service.option(service.current).name)})"
        if service.id in changed:
            change += " · <strong class='wb-moved'>changed by the last move</strong>"
        rows.append(row(service.name, [esc(service.area or ""), esc(option.name),
                                       esc(mode_words(option.mode)),
                                       esc(option.provider or ""), *spend, change],
                        "wb-changed" if service.id in changed else ""))
    summary = (f"<p class='wb-summary'>Value {p.value:.2f} out of 100; total cost "
               f"{money(p.total_cost, cur)}.</p>")
    return summary + table(caption, ["Service", "Area", "Option", "Mode", "Provider",
                                     *scenario.years, "Against today"], rows, css)


def satisfaction_html(scenario: Scenario, result: Recommendation | None) -> str:
    if result is None or result.portfolio is None:
        return ""
    names = {g.id: g.name for g in scenario.stakeholders}
    rows = [row(names[g], [satisfaction_text(s) + (
        "" if result.groups[g].exact else " (not proven: time limit)")])
        for g, s in result.satisfaction.items()]
    return table("How well the recommendation serves each group (0 = its worst possible, "
                 "1 = its best)", ["Group", "Satisfaction"], rows, "wb-satisfaction")


def agreed_html(scenario: Scenario, agreed: dict[str, float]) -> str:
    """The agreed weights in criterion order."""
    rows = [row(c.name, [f"{agreed.get(c.id, 0):.3f}"]) for c in scenario.criteria]
    return table("Agreed weights (influence-weighted mean of the groups)",
                 ["Criterion", "Agreed weight"], rows, "wb-agreed")


def lifted_html(scenario: Scenario, lifted: list[str], result: Recommendation | None,
                lifted_result: Recommendation | None) -> str:
    """A what-if with givens lifted: what it would give, marked as not official. When the
    givens clash, this is the way forward: the value, cost and portfolio it gives."""
    if not lifted or lifted_result is None:
        return ""
    listed = esc("; ".join(given_text(scenario, g) for g in scenario.givens
                           if g.id in lifted))
    mark = "<strong>What-if, not the official recommendation:</strong>"
    if lifted_result.portfolio is None:
        return f'<div class="wb-lifted"><p>{mark} with “{listed}” lifted:</p>' + \
            clash_html(scenario, lifted_result, lifted=True) + "</div>"
    b, cur = lifted_result.portfolio, scenario.currency
    if result is None or result.portfolio is None:
        return (f'<div class="wb-lifted"><p>{mark} with “{listed}” lifted, every other given '
                "holds, and this is the portfolio it gives:</p>"
                + portfolio_html(scenario, lifted_result,
                                 caption="What-if portfolio with the lifted givens set aside "
                                 "(not official)", css="wb-lifted-portfolio") + "</div>")
    a = result.portfolio
    moves = "stay the same" if abs(b.total_cost - a.total_cost) < 0.5 else \
        f"{'rise' if b.total_cost > a.total_cost else 'fall'} by " \
        f"{money(abs(b.total_cost - a.total_cost), cur)}"
    differ = [row(s.name, [esc(s.option(a.choices[s.id]).name),
                           esc(s.option(b.choices[s.id]).name)])
              for s in scenario.services if a.choices[s.id] != b.choices[s.id]]
    return (f'<div class="wb-lifted"><p>{mark} with “{listed}” lifted, value would rise by '
            f"{b.value - a.value:.2f} points and total cost would {moves}.</p>"
            + (table("Services whose option the what-if changes", ["Service", "Official",
                                                                  "What-if"], differ,
                     "wb-lifted-choices") if differ else
               "<p>The portfolio itself would not change.</p>") + "</div>")


def comparison_html(scenario: Scenario, diff: dict, pinned: bool) -> str:
    """The pinned run beside the current one, by name."""
    if not diff:
        return "" if pinned else "<p>Pin a run to compare it with what follows.</p>"
    cur = scenario.currency
    rows = [row(scenario.service(s).name, [esc(_option_name(scenario, s, a)),
                                           esc(_option_name(scenario, s, b))])
            for s, (a, b) in diff["changed"].items()]
    (v0, v1), (c0, c1) = diff["value"], diff["total_cost"]
    names = {g.id: g.name for g in scenario.stakeholders}
    sat = [row(names[g], [satisfaction_text(a), satisfaction_text(b)])
           for g, (a, b) in diff["satisfaction"].items()]
    same = "" if rows else "<p>The same choices as the pinned run.</p>"
    return (f"<p class='wb-compare-summary'>Pinned: value {v0:.2f}, cost {money(c0, cur)}. "
            f"Now: value {v1:.2f}, cost {money(c1, cur)}.</p>" + same
            + table("Choices that differ from the pinned run", ["Service", "Pinned", "Now"],
                    rows, "wb-compare")
            + table("Satisfaction of each group, pinned and now", ["Group", "Pinned", "Now"],
                    sat, "wb-compare-groups"))


def analysis_html(scenario: Scenario, analysis: Analysis | None, current: bool,
                  body: str | None = None) -> str:
    """The long analyses: fair portfolio, frontier, stability, summary; marked as being
    updated when they are for earlier weights. ``body`` is ``analysis_body`` when the page
    has it already (its charts take about 0.3 s to draw: not again on every slider move)."""
    a = analysis
    if a is None or a.recommended.portfolio is None:
        return ""
    stale = "" if current else (
        "<p class='wb-stale' role='status'><strong>Being updated:</strong> these "
        "trade-offs are for the weights before the last change.</p>")
    return ("<h2>Trade-offs</h2>" + stale
            + (body if body is not None else analysis_body(scenario, a)))


def analysis_body(scenario: Scenario, a: Analysis) -> str:
    """The analyses themselves, charts included (see ``analysis_html``)."""
    cur = scenario.currency
    parts = []
    if a.fair is not None:
        rec, fair = a.recommended, a.fair
        parts.append(
            f"<p class='wb-fair'>The fair portfolio (best for the least satisfied group) "
            f"gives its least satisfied group {satisfaction_text(fair.min_satisfaction)}, "
            f"against {satisfaction_text(min(rec.satisfaction.values(), default=1))} for the "
            f"recommendation; it would cost {rec.portfolio.value - fair.portfolio.value:.2f} "
            f"points of agreed value and {money(fair.portfolio.total_cost, cur)} in "
            "total.</p>")
        parts.append(fair_html(scenario, a))
    parts.append(figure_html(frontier_figure(a), (
        f"Efficient frontier: {len(a.frontier)} portfolios from "
        f"{money(a.frontier[0].total_cost, cur) if a.frontier else ''} to "
        f"{money(a.frontier[-1].total_cost, cur) if a.frontier else ''}; the recommendation "
        f"has value {a.recommended.portfolio.value:.2f} at "
        f"{money(a.recommended.portfolio.total_cost, cur)}."), "wb-frontier-chart"))
    names = {c.id: c.name for c in scenario.criteria}
    rows = [row(names[c], [f"{s.weight:.2f}", f"{s.low:.2f} to {s.high:.2f}"])
            for c, s in a.stability.items()]
    parts.append(table("How far each agreed weight can move before the recommendation "
                       "changes", ["Criterion", "Agreed", "Holds from … to"], rows,
                       "wb-stability"))
    parts.append(figure_html(stability_figure(a), "Stability intervals of each weight, "
                             "as in the table above.", "wb-stability-chart"))
    parts.append("<h3>In plain words</h3><ul class='wb-decisions'>" + "".join(
        f"<li>{esc(d.text)}</li>" for d in a.decisions) + "</ul>")
    return "".join(parts)


def whatif_html(scenario: Scenario, w) -> str:
    if w is None:
        return ""
    service = scenario.service(w.service)
    option = service.option(w.option)
    asked = (f"What if {esc(service.name)} {'took' if w.chosen else 'could not take'} "
             f"“{esc(option.name)}”?")
    if not w.possible:
        return (f"<div class='wb-whatif'><p><strong>{asked}</strong></p>"
                + clash_html(scenario, w.result) + "</div>")
    cur = scenario.currency
    names = {g.id: g.name for g in scenario.stakeholders}
    groups = "; ".join(f"{esc(names[g])} {d:+.2f}" for g, d in w.satisfaction_change.items())
    return (f"<div class='wb-whatif'><p><strong>{asked}</strong> Value would change by "
            f"{w.value_change:+.2f} points and total cost by "
            f"{'+' if w.cost_change >= 0 else '-'}{money(abs(w.cost_change), cur)}. "
            f"Change in each group's satisfaction: {groups}.</p></div>")


def spend_html(scenario: Scenario, result: Recommendation | None) -> str:
    if result is None or result.portfolio is None:
        return ""
    spend = result.portfolio.spend
    alt = "Spend by year: " + "; ".join(f"{y} {short_money(v, scenario.currency)}"
                                         for y, v in spend.items()) + ", against the budgets."
    return spend_svg(result.portfolio, alt, "wb-spend-chart")


def criteria_html(scenario: Scenario, result: Recommendation | None) -> str:
    """Value by criterion: the portfolio's score on each, and what each adds to the value."""
    if result is None or result.portfolio is None:
        return ""
    scores = result.portfolio.scores
    rows = [row(c.name, [f"{result.weights[c.id]:.3f}", f"{scores[c.id]:.1f}",
                         f"{result.weights[c.id] * scores[c.id]:.2f}"])
            for c in scenario.criteria if c.id in result.weights]
    return table("Value by criterion: the recommendation's score on each (0 to 100, services "
                 "weighted) times its agreed weight",
                 ["Criterion", "Agreed weight", "Score", "Adds to value"], rows,
                 "wb-criteria", foot=row("Value", ["1.000", "",
                                                   f"{result.portfolio.value:.2f}"]))


def fair_html(scenario: Scenario, analysis: Analysis) -> str:
    """The fair portfolio beside the recommended one: the choices that differ, and how each
    group fares under both."""
    rec, fair = analysis.recommended, analysis.fair
    if fair is None or rec.portfolio is None:
        return ""
    cur = scenario.currency
    a, b = rec.portfolio.choices, fair.portfolio.choices
    rows = [row(s.name, [esc(s.option(a[s.id]).name), esc(s.option(b[s.id]).name)])
            for s in scenario.services if a[s.id] != b[s.id]]
    rows.append(row("Value (0 to 100)", [f"{rec.portfolio.value:.2f}",
                                         f"{fair.portfolio.value:.2f}"]))
    rows.append(row("Total cost", [money(rec.portfolio.total_cost, cur),
                                   money(fair.portfolio.total_cost, cur)]))
    names = {g.id: g.name for g in scenario.stakeholders}
    now = rec.satisfaction
    groups = [row(names[g], [satisfaction_text(now[g]), satisfaction_text(
        r.satisfaction(fair.portfolio.value_under(r.weights)))])
        for g, r in rec.groups.items() if g in now]
    same = "" if a != b else "<p>The fair portfolio is the recommended one.</p>"
    return (same + table("Recommended and fair portfolios side by side: the services where "
                         "they differ", ["Service", "Recommended", "Fair"], rows,
                         "wb-fair-choices")
            + table("Satisfaction of each group under the recommended and the fair "
                    "portfolio", ["Group", "Recommended", "Fair"], groups, "wb-fair-groups"))
