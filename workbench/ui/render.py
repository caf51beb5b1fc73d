"""HTML fragments for the page. Every piece of scenario text is escaped: names are data."""

from __future__ import annotations

from html import escape

from workbench.analysis import Analysis
from workbench.analysis.pictures import frontier_figure, stability_figure
from workbench.report import money
from workbench.scenario import Scenario
from workbench.ui.charts import figure_html, spend_svg
from workbench.ui.meeting import MeetingState


def _table(caption: str, header: list[str], rows: list[list[str]], css: str) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="wb-table {css}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _price_text(price) -> str:
    if price is None:
        return "…"
    if price.value <= 0:
        return "nothing at present"
    return f"{price.value:.2f} points of value"


def givens_html(scenario: Scenario, prices: dict | None = None) -> str:
    """Every given with its kind, category, reason, owner and (when known) its price."""
    rows = [[escape(g.id), escape(g.kind.replace("_", " ")), escape(g.category),
             escape(g.reason), escape(g.owner or ""),
             escape(_price_text((prices or {}).get(g.id)))] for g in scenario.givens]
    return _table("The givens: what cannot change, why, who answers for it, and what "
                  "keeping it costs", ["Given", "Kind", "Category", "Reason", "Answerable",
                                       "What it costs"], rows, "wb-givens")


def portfolio_html(state: MeetingState) -> str:
    result, scenario = state.result, state.scenario
    if result is None or result.portfolio is None:
        return f'<p class="wb-infeasible">{escape(result.explanation if result else "")}</p>'
    p, cur = result.portfolio, scenario.currency
    years = "".join(f'<th scope="col">{escape(y)}</th>' for y in scenario.years)
    rows = []
    for service, index in zip(scenario.services, p.chosen):
        option = service.option(p.arrays.refs[index][1])
        spend = "".join(f"<td>{money(v, cur)}</td>" for v in p.arrays.spend[index])
        change = "stays" if service.current in (None, option.id) else \
            f"changes (was {escape(service.option(service.current).name)})"
        rows.append(f"<tr><th scope='row'>{escape(service.name)}</th>"
                    f"<td>{escape(service.area or '')}</td><td>{escape(option.name)}</td>"
                    f"<td>{escape(option.mode.replace('_', ' '))}</td>"
                    f"<td>{escape(option.provider or '')}</td>{spend}<td>{change}</td></tr>")
    head = ('<tr><th scope="col">Service</th><th scope="col">Area</th>'
            '<th scope="col">Option</th><th scope="col">Mode</th><th scope="col">Provider</th>'
            f'{years}<th scope="col">Against today</th></tr>')
    summary = (f"<p class='wb-summary'>Value {p.value:.2f} out of 100; total cost "
               f"{money(p.total_cost, cur)}.</p>")
    return (summary + '<table class="wb-table wb-portfolio"><caption>Recommended portfolio '
            f"(every given kept)</caption><thead>{head}</thead><tbody>{''.join(rows)}"
            "</tbody></table>")


def satisfaction_html(state: MeetingState) -> str:
    if state.result is None or state.result.portfolio is None:
        return ""
    names = {g.id: g.name for g in state.scenario.stakeholders}
    groups = state.result.groups
    rows = "".join(f"<tr><th scope='row'>{escape(names[g])}</th><td>{s:.2f}"
                   f"{'' if groups[g].exact else ' (not proven: time limit)'}</td></tr>"
                   for g, s in state.result.satisfaction.items())
    return ('<table class="wb-table wb-satisfaction"><caption>How well the recommendation '
            "serves each group (0 = its worst possible, 1 = its best)</caption><thead><tr>"
            '<th scope="col">Group</th><th scope="col">Satisfaction</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def agreed_html(state: MeetingState) -> str:
    if state.scenario is None:
        return ""
    names = {c.id: c.name for c in state.scenario.criteria}
    cells = "".join(f"<tr><th scope='row'>{escape(names[c])}</th><td>{w:.3f}</td></tr>"
                    for c, w in state.agreed_weights.items())
    return ('<table class="wb-table wb-agreed"><caption>Agreed weights (influence-weighted '
            f"mean of the groups)</caption><tbody>{cells}</tbody></table>")


def lifted_html(state: MeetingState) -> str:
    price = state.price_of_lifted()
    if not state.lifted:
        return ""
    listed = ", ".join(escape(g) for g in state.lifted)
    if price is None:
        return f'<p class="wb-lifted">Lifted for this what-if: {listed}.</p>'
    cost = price["total_cost"]
    moves = "stay the same" if abs(cost) < 0.5 else \
        f"{'rise' if cost > 0 else 'fall'} by {money(abs(cost), state.scenario.currency)}"
    return (f'<p class="wb-lifted"><strong>What-if, not the official recommendation:</strong> '
            f"with {listed} lifted, value would rise by {price['value']:.2f} points and total "
            f"cost would {moves}.</p>")


def comparison_html(state: MeetingState) -> str:
    diff = state.comparison()
    if not diff:
        return "<p>Pin a run to compare it with what follows.</p>" if state.pinned is None \
            else ""
    cur = state.scenario.currency
    rows = "".join(f"<tr><th scope='row'>{escape(s)}</th><td>{escape(a)}</td>"
                   f"<td>{escape(b)}</td></tr>" for s, (a, b) in diff["changed"].items())
    (v0, v1), (c0, c1) = diff["value"], diff["total_cost"]
    names = {g.id: g.name for g in state.scenario.stakeholders}
    sat = "".join(f"<tr><th scope='row'>{escape(names[g])}</th>"
                  f"<td>{'' if a is None else f'{a:.2f}'}</td><td>{b:.2f}</td></tr>"
                  for g, (a, b) in diff["satisfaction"].items())
    return (f"<p class='wb-compare-summary'>Pinned: value {v0:.2f}, cost {money(c0, cur)}. "
            f"Now: value {v1:.2f}, cost {money(c1, cur)}.</p>"
            '<table class="wb-table wb-compare"><caption>Choices that differ from the pinned '
            'run</caption><thead><tr><th scope="col">Service</th><th scope="col">Pinned</th>'
            f'<th scope="col">Now</th></tr></thead><tbody>{rows}</tbody></table>'
            '<table class="wb-table wb-compare-groups"><caption>Satisfaction of each group, '
            'pinned and now</caption><thead><tr><th scope="col">Group</th>'
            '<th scope="col">Pinned</th><th scope="col">Now</th></tr></thead>'
            f"<tbody>{sat}</tbody></table>")


def analysis_html(state: MeetingState) -> str:
    """The long analyses: fair portfolio, frontier, stability, summary (when ready)."""
    a = state.analysis
    if a is None or a.recommended.portfolio is None:
        return ""
    cur = state.scenario.currency
    parts = ["<h2>Trade-offs</h2>"]
    if a.fair is not None:
        rec, fair = a.recommended, a.fair
        parts.append(
            f"<p class='wb-fair'>The fair portfolio (best for the least satisfied group) "
            f"gives its least satisfied group {fair.min_satisfaction:.2f}, against "
            f"{min(rec.satisfaction.values(), default=1):.2f} for the recommendation; it "
            f"would cost {rec.portfolio.value - fair.portfolio.value:.2f} points of agreed "
            f"value and {money(fair.portfolio.total_cost, cur)} in total.</p>")
        parts.append(fair_html(state.scenario, a))
    parts.append(figure_html(frontier_figure(a), (
        f"Efficient frontier: {len(a.frontier)} portfolios from "
        f"{money(a.frontier[0].total_cost, cur) if a.frontier else ''} to "
        f"{money(a.frontier[-1].total_cost, cur) if a.frontier else ''}; the recommendation "
        f"has value {a.recommended.portfolio.value:.2f} at "
        f"{money(a.recommended.portfolio.total_cost, cur)}."), "wb-frontier-chart"))
    names = {c.id: c.name for c in state.scenario.criteria}
    rows = "".join(f"<tr><th scope='row'>{escape(names[c])}</th><td>{s.weight:.2f}</td>"
                   f"<td>{s.low:.2f} to {s.high:.2f}</td></tr>" for c, s in a.stability.items())
    parts.append('<table class="wb-table wb-stability"><caption>How far each agreed weight '
                 "can move before the recommendation changes</caption><thead><tr>"
                 '<th scope="col">Criterion</th><th scope="col">Agreed</th>'
                 f'<th scope="col">Holds from … to</th></tr></thead><tbody>{rows}</tbody>'
                 "</table>")
    parts.append(figure_html(stability_figure(a), "Stability intervals of each weight, "
                             "as in the table above.", "wb-stability-chart"))
    parts.append("<h3>In plain words</h3><ul class='wb-decisions'>" + "".join(
        f"<li>{escape(d.text)}</li>" for d in a.decisions) + "</ul>")
    return "".join(parts)


def whatif_html(state: MeetingState) -> str:
    w = state.whatif
    if w is None:
        return ""
    service = state.scenario.service(w.service)
    option = service.option(w.option)
    asked = (f"What if {escape(service.name)} {'took' if w.chosen else 'could not take'} "
             f"“{escape(option.name)}”?")
    if not w.possible:
        return f"<p class='wb-whatif'><strong>{asked}</strong> {escape(w.result.explanation)}</p>"
    cur = state.scenario.currency
    names = {g.id: g.name for g in state.scenario.stakeholders}
    groups = "; ".join(f"{escape(names[g])} {d:+.2f}" for g, d in w.satisfaction_change.items())
    return (f"<p class='wb-whatif'><strong>{asked}</strong> Value would change by "
            f"{w.value_change:+.2f} points and total cost by "
            f"{'+' if w.cost_change >= 0 else '-'}{money(abs(w.cost_change), cur)}. "
            f"Change in each group's satisfaction: {groups}.</p>")


def spend_html(state: MeetingState) -> str:
    if state.result is None or state.result.portfolio is None:
        return ""
    spend = state.result.portfolio.spend
    alt = "Spend by year: " + "; ".join(f"{y} {money(v, state.scenario.currency)}"
                                         for y, v in spend.items()) + ", against the budgets."
    return spend_svg(state.result.portfolio, alt, "wb-spend-chart")


def _row(header: str, cells: list[str]) -> str:
    return f"<tr><th scope='row'>{escape(header)}</th>" + "".join(
        f"<td>{c}</td>" for c in cells) + "</tr>"


def _head(*names: str) -> str:
    return "<thead><tr>" + "".join(f'<th scope="col">{escape(n)}</th>' for n in names) + \
        "</tr></thead>"


def criteria_html(state: MeetingState) -> str:
    """Value by criterion: the portfolio's score on each, and what each adds to the value."""
    result = state.result
    if result is None or result.portfolio is None:
        return ""
    names = {c.id: c.name for c in state.scenario.criteria}
    scores = result.portfolio.scores
    rows = "".join(_row(names[c], [f"{w:.3f}", f"{scores[c]:.1f}", f"{w * scores[c]:.2f}"])
                   for c, w in result.weights.items())
    total = _row("Value", ["1.000", "", f"{result.portfolio.value:.2f}"])
    return ('<table class="wb-table wb-criteria"><caption>Value by criterion: the '
            "recommendation's score on each (0 to 100, services weighted) times its agreed "
            "weight</caption>" + _head("Criterion", "Agreed weight", "Score",
                                       "Adds to value") +
            f"<tbody>{rows}</tbody><tfoot>{total}</tfoot></table>")


def fair_html(scenario: Scenario, analysis: Analysis) -> str:
    """The fair portfolio beside the recommended one: the choices that differ, and how each
    group fares under both."""
    rec, fair = analysis.recommended, analysis.fair
    if fair is None or rec.portfolio is None:
        return ""
    cur = scenario.currency
    a, b = rec.portfolio.choices, fair.portfolio.choices
    rows = "".join(_row(s.name, [escape(s.option(a[s.id]).name),
                                 escape(s.option(b[s.id]).name)])
                   for s in scenario.services if a[s.id] != b[s.id])
    rows += _row("Value (0 to 100)", [f"{rec.portfolio.value:.2f}",
                                      f"{fair.portfolio.value:.2f}"])
    rows += _row("Total cost", [money(rec.portfolio.total_cost, cur),
                                money(fair.portfolio.total_cost, cur)])
    names = {g.id: g.name for g in scenario.stakeholders}
    now = rec.satisfaction
    groups = "".join(
        _row(names[g], [f"{now[g]:.2f}",
                        f"{r.satisfaction(fair.portfolio.value_under(r.weights)):.2f}"])
        for g, r in rec.groups.items() if g in now)
    same = "" if a != b else "<p>The fair portfolio is the recommended one.</p>"
    return (same + '<table class="wb-table wb-fair-choices"><caption>Recommended and fair '
            "portfolios side by side: the services where they differ</caption>" +
            _head("Service", "Recommended", "Fair") + f"<tbody>{rows}</tbody></table>"
            '<table class="wb-table wb-fair-groups"><caption>Satisfaction of each group under '
            "the recommended and the fair portfolio</caption>" +
            _head("Group", "Recommended", "Fair") + f"<tbody>{groups}</tbody></table>")


def pairwise_html(state: MeetingState, group: str) -> str:
    """The weights a group's pairwise comparisons give, with the consistency warning."""
    if state.scenario is None:
        return ""
    return pairwise_verdict_html(state.scenario, state.pairwise.get(group))


def pairwise_verdict_html(scenario: Scenario, found) -> str:
    """A PairwiseResult in words: its weights, and a warning when it is inconsistent."""
    if found is None:
        return ""
    names = [c.name for c in scenario.criteria]
    weights = ", ".join(f"{escape(n)} {w:.2f}" for n, w in zip(names, found.weights))
    ratio = found.consistency_ratio
    if found.consistent:
        return (f"<p class='wb-pairwise-ok'>Consistency ratio {ratio:.2f} (0.10 or less is "
                f"consistent). Weights: {weights}.</p>")
    return (f"<p class='wb-pairwise-warning' role='alert'><strong>Warning: these comparisons "
            f"are inconsistent</strong> (consistency ratio {ratio:.2f}, above 0.10): some "
            f"judgements contradict others. Weights they give: {weights}. Revise them, or use "
            "them anyway knowing this.</p>")
