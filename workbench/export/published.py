"""The published decision record: one standalone HTML page for residents.

One file with no scripts and no external resources (pictures are PNG data: URIs with alt
text, the style sheet is inline), so it can be emailed, archived and printed to PDF from a
browser. Every piece of scenario text is escaped: names and comments are data, not markup.
"""

from __future__ import annotations

import base64
import io
from itertools import pairwise

from matplotlib.figure import Figure

import workbench
from workbench.analysis.frontier import PENNY
from workbench.analysis.pictures import frontier_figure, spend_figure
from workbench.errors import WorkbenchError
from workbench.export.answers import you_said_section
from workbench.export.beside import departures_section, proposal_section
from workbench.export.decision import DecisionExport
from workbench.export.page import STYLE, page_html, plural, satisfaction_text
from workbench.export.page import table as _table
from workbench.export.tables import file_name
from workbench.export.terms import engagement_section, group_label, opted_out_section
from workbench.fields import mode_words
from workbench.givens.registry import kind_of
from workbench.html import escaped as _e
from workbench.money import money
from workbench.optimiser.status import OPTIMAL
from workbench.scenario.model import Budget

__all__ = ["STYLE", "frontier_place", "record_html", "summary_sentences"]


def _picture(fig: Figure, alt: str, caption: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure><img alt="{_e(alt)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>")


# A decision whose value is this close to the frontier's best at its cost is on the frontier.
ON_FRONTIER = 0.005   # points of value out of 100 (the record writes values to 2 decimals)




def _fair_satisfaction(decision: DecisionExport) -> dict[str, float]:
    fair = decision.analysis.fair if decision.analysis else None
    if fair is None:
        return {}
    own = decision.group_weights
    return {g: r.satisfaction(fair.portfolio.value_under(own[g]))
            for g, r in decision.recommendation.groups.items()}


def summary_sentences(decision: DecisionExport) -> list[str]:
    """The decision in a few short sentences, from the numbers (plain text, unescaped)."""
    scenario, rec, p = decision.scenario, decision.recommendation, decision.portfolio
    cur, years = scenario.currency, scenario.years
    who = scenario.organisation or "The council"
    span = years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"
    out = [f"{who} decided how each of its {len(scenario.services)} services will be "
           f"delivered for {span}."]
    if decision.departs:
        n = len(decision.departures)
        out.append(f"It adopted {decision.source_words}, not the recommendation: "
                   f"{plural(n, 'service')} {'departs' if n == 1 else 'depart'} from it, "
                   f"{'with its reason' if n == 1 else 'each with its reason'} (shown below).")
    with_today = [s for s in scenario.services if s.current is not None]
    changed = [s for s in with_today if s.current != p.choices[s.id]]
    if with_today:
        stay, change = len(with_today) - len(changed), len(changed)
        stays = "service stays as it is" if stay == 1 else "services stay as they are"
        out.append(f"{stay} {stays} today and {change} "
                   f"{'changes' if change == 1 else 'change'}.")
    out.append(f"Together the services will cost {money(p.total_cost, cur)} over "
               f"{plural(len(years), 'year')}.")
    budgets = [g for g in scenario.givens if isinstance(g, Budget)]
    if budgets:
        tightest = min(float(lim) - s for g in budgets
                       for lim, s in zip(g.limit, _budget_spend(decision, g)))
        if tightest > -0.5:
            out.append(f"Every budget is kept; in the tightest year {money(tightest, cur)} "
                       "is left unspent.")
        else:
            out.append(f"A budget is not kept: in the tightest year spend is "
                       f"{money(-tightest, cur)} over it.")
    if scenario.givens:
        n, broken = len(scenario.givens), len(decision.breaks)
        what = " (the things that had to hold, such as laws, budgets and contracts)"
        if broken:
            out.append(f"The portfolio adopted breaks {broken} of the {n} givens{what}; "
                       "the recommendation keeps them all.")
        else:
            out.append(("The one given" if n == 1 else f"All {n} givens") + what + " "
                       + ("is" if n == 1 else "are") + " kept.")
    if rec.status != OPTIMAL:
        out.append(f"The search stopped at its time limit: this is the best choice found, "
                   f"at most {rec.gap:.2%} below the best possible.")
    sat = rec.satisfaction
    if sat:
        names = {g.id: g.name for g in scenario.stakeholders}
        least = min(sat, key=lambda g: sat[g])
        out.append(f"Each group's satisfaction runs from 0 (its worst possible result) to "
                   f"1 (its best). The group served least well, {names[least]}, is at "
                   f"{satisfaction_text(sat[least])}.")
        fair = decision.analysis.fair if decision.analysis else None
        if fair is not None:
            if fair.portfolio.same_choices(p):
                out.append("No other choice would serve the least satisfied group better.")
            elif not decision.departs or (fair.min_satisfaction > sat[least]
                                          and p.value >= fair.portfolio.value):
                lost = p.value - fair.portfolio.value
                out.append(f"A fairer choice would lift the least satisfied group to "
                           f"{satisfaction_text(fair.min_satisfaction)}, but give {lost:.2f} "
                           "points less overall value out of 100; it is shown below.")
            else:
                out.append("The fair alternative, the choice that does best by the group "
                           "served least well under the givens, is shown below.")
    return out


def _budget_spend(decision: DecisionExport, given: Budget) -> list[float]:
    p = decision.portfolio
    spend = [0.0] * len(decision.scenario.years)
    for s in decision.scenario.services:
        if given.areas is None or s.area in given.areas:
            row = p.arrays.spend[p.arrays.index[(s.id, p.choices[s.id])]]
            spend = [a + float(b) for a, b in zip(spend, row)]
    return spend


def _givens_section(decision: DecisionExport) -> str:
    scenario, cur = decision.scenario, decision.scenario.currency
    if not scenario.givens:
        return "<h2>What had to hold</h2><p>There were no givens.</p>"
    prices = decision.prices
    rows = []
    for g in scenario.givens:
        price = prices.get(g.id)
        if price is None:
            cost = "not worked out"
        elif price.value <= 0:
            cost = "Nothing: the same choice would be made without it."
        else:
            moves = "" if abs(price.total_cost) < 0.5 else \
                f", and total cost would {'rise' if price.total_cost > 0 else 'fall'} by " \
                f"{money(abs(price.total_cost), cur)}"
            cost = (f"Without it, overall value could be {price.value:.2f} points higher"
                    f"{moves}.")
        rows.append([_e(kind_of(g).sentence(g, scenario)), _e(g.reason),
                     _e(g.category), _e(g.owner or "not named"), _e(cost)])
    return ("<h2>What had to hold: the givens</h2><p>Givens are set before any result is "
            "shown: laws, budgets, contracts and promises. Each has a reason and a person who "
            "answers for it. Keeping a given can mean giving up some value; the last column "
            "says how much.</p>"
            + _table("The givens, why they hold, who answers for them, and what they cost",
                     ["What had to hold", "Why it holds", "Kind of reason",
                      "Who answers for it", "What keeping it costs"], rows))


def _groups_section(decision: DecisionExport) -> str:
    scenario, rec = decision.scenario, decision.recommendation
    own, influence = decision.group_weights, decision.group_influence
    total = sum(influence.values()) or 1.0
    criteria = scenario.criteria
    out = decision.opted_out
    header = ["Group", *(c.name for c in criteria), "Share of the say"]
    rows = [[group_label(g.id, g.name, out), *(f"{own[g.id][c.id]:.0%}" for c in criteria),
             f"{influence[g.id] / total:.0%}" + (" (opted out)" if g.id in out else "")]
            for g in scenario.stakeholders]
    rows.append(["Agreed (the groups taking part)" if out else "Agreed (all groups together)",
                 *(f"{rec.weights[c.id]:.0%}" for c in criteria), "100%"])
    numeric = set(range(1, len(header)))
    parts = ["<h2>What each group asked for</h2><p>Each group shared out its weight between "
             "the things that matter. The agreed weights combine them, in proportion to each "
             "group's say"
             + ("; a group that opted out has no say in them and is not counted as agreeing"
                if out else "") + ".</p>",
             _table("How each group weighed what matters (shares of 100%)", header, rows,
                    numeric=numeric)]
    sat, fair = rec.satisfaction, _fair_satisfaction(decision)
    srows = [[group_label(g.id, g.name, out),
              _e(satisfaction_text(sat[g.id])) if g.id in sat else "",
              _e(satisfaction_text(fair[g.id])) if g.id in fair else "not worked out"]
             for g in scenario.stakeholders]
    parts.append("<h3>How well the decision serves each group</h3><p>0 means the group's "
                 "worst possible result under the givens, 1 its best.</p>"
                 + _table("Satisfaction of each group with the decision and with the fair "
                          "alternative", ["Group", "With the decision", "With the fair "
                          "alternative"], srows, numeric={1, 2}))
    said = [(g, decision.comments[g.id]) for g in scenario.stakeholders
            if decision.comments.get(g.id)]
    if said and decision.views is None:     # else "You said, we did" shows them, answered
        parts.append("<h3>What the groups said</h3>")
        parts += [f"<p><strong>{_e(g.name)}</strong></p><blockquote><p>{_e(text)}</p>"
                  "</blockquote>" for g, text in said]
    return "".join(parts)


def _portfolio_section(decision: DecisionExport) -> str:
    scenario, p = decision.scenario, decision.portfolio
    cur = scenario.currency
    rows, classes = [], []
    for s in scenario.services:
        option = s.option(p.choices[s.id])
        cost = float(p.arrays.total_cost[p.arrays.index[(s.id, option.id)]])
        if s.current is None:
            today = "not stated"
        elif s.current == option.id:
            today = "Stays the same"
        else:
            today = f"Changes from “{_e(s.option(s.current).name)}”"
        rows.append([_e(s.name), _e(option.name), _e(mode_words(option.mode)),
                     _e(option.provider or ""), _e(money(cost, cur)), today])
        classes.append("changes" if s.current not in (None, option.id) else "")
    years = scenario.years
    span = years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"
    return ("<h2>The decision: how each service will be delivered</h2>"
            + _table(f"The chosen way of delivering each service, and its cost over {span}",
                     ["Service", "How it will be delivered", "Kind of delivery", "Provider",
                      "Cost over the years", "Against today"], rows, numeric={4},
                     row_class=classes))


def _changes_section(decision: DecisionExport) -> str:
    scenario, p = decision.scenario, decision.portfolio
    changed = {s.id for s in scenario.services if s.current not in (None, p.choices[s.id])}
    decisions = decision.analysis.decisions if decision.analysis else []
    out = ["<h2>What changes from today</h2>"]
    if not changed:
        out.append("<p>No service changes from how it is delivered today.</p>")
    # The analysis explains the recommended choices: a departing service has its reason.
    why = {d.service: d for d in decision.departures}
    explained = {d.service: d.text for d in decisions if d.service not in why}
    items = []
    for s in scenario.services:
        if s.id in changed:
            option = s.option(p.choices[s.id])
            text = explained.get(s.id) or (f"{s.name}: change from "
                                           f"“{s.option(str(s.current)).name}” to "
                                           f"“{option.name}”.")
            items.append(f"<li>{_e(text)}{_departing(decision, s.id)}</li>")
    if items:
        out.append(f"<ul>{''.join(items)}</ul>")
    kept = [d for d in decisions if d.service not in changed and d.service not in why]
    kept_departing = [s for s in scenario.services if s.id in why and s.id not in changed]
    if kept_departing:
        out.append("<h3>Services that stay as they are against the recommendation</h3><ul>"
                   + "".join(f"<li>{_e(s.name)}: stays "
                             f"“{_e(s.option(p.choices[s.id]).name)}”."
                             f"{_departing(decision, s.id)}</li>" for s in kept_departing)
                   + "</ul>")
    if kept:
        out.append("<h3>Why the other services stay as they are</h3><ul>"
                   + "".join(f"<li>{_e(d.text)}</li>" for d in kept) + "</ul>")
    return "".join(out)


def _departing(decision: DecisionExport, service: str) -> str:
    """For a service that departs from the recommendation: what was recommended, and why
    the adopter chose otherwise ("" for the others)."""
    found = next((d for d in decision.departures if d.service == service), None)
    if found is None:
        return ""
    option = {s.id: s for s in decision.scenario.services}[service].option(found.recommended)
    return (f" The recommendation was “{_e(option.name)}”; the adopter chose otherwise "
            f"because: {_e(found.reason)}")


def _fair_section(decision: DecisionExport) -> str:
    analysis = decision.analysis
    if analysis is None or analysis.fair is None:
        return ""
    scenario, p, fair = decision.scenario, decision.portfolio, analysis.fair.portfolio
    cur = scenario.currency
    head = ("<h2>The fair alternative</h2><p>The fair alternative is the choice that does "
            "best by the group served least well, keeping every given.</p>")
    if fair.same_choices(p):
        return head + "<p>It is the same as the decision.</p>"
    rows = []
    for s in scenario.services:
        a, b = p.choices[s.id], fair.choices[s.id]
        if a != b:
            rows.append([_e(s.name), _e(s.option(a).name), _e(s.option(b).name)])
    totals = (f"<p>The decision has overall value {p.value:.2f} out of 100 and costs "
              f"{money(p.total_cost, cur)}. The fair alternative has {fair.value:.2f} and costs "
              f"{money(fair.total_cost, cur)}.</p>")
    return head + totals + _table("Where the fair alternative differs from the decision",
                                  ["Service", "The decision", "The fair alternative"], rows)


def _money_section(decision: DecisionExport) -> str:
    scenario, p = decision.scenario, decision.portfolio
    cur = scenario.currency
    rows = [[_e(y), _e(money(p.spend[y], cur))] for y in scenario.years]
    header = ["Year", "Spend"]
    budgets = [g for g in scenario.givens if isinstance(g, Budget)]
    named = []
    for n, g in enumerate(budgets, start=1):
        header += [f"Budget {n}", f"Left under budget {n}"]
        named.append(f"<li>Budget {n}: {_e(kind_of(g).sentence(g, scenario))} "
                     f"Why: {_e(g.reason)}</li>")
        spend = _budget_spend(decision, g)
        for k, row in enumerate(rows):
            row += [_e(money(g.limit[k], cur)), _e(money(g.limit[k] - spend[k], cur))]
    listed = f"<ul>{''.join(named)}</ul>" if named else ""
    return ("<h2>Money: spend against the budgets</h2>" + listed
            + _table("Spend each year against each budget given", header, rows,
                     numeric=set(range(1, len(header)))))


def _line_value(points, cost: float) -> float:
    """The value the frontier picture's line reaches at ``cost`` (straight between points,
    level beyond its ends), as the picture draws it."""
    if cost <= points[0].total_cost:
        return points[0].value
    for a, b in pairwise(points):
        if cost <= b.total_cost:
            share = (cost - a.total_cost) / (b.total_cost - a.total_cost)
            return a.value + share * (b.value - a.value)
    return points[-1].value


def frontier_place(decision: DecisionExport) -> str:
    """Where the decision's star sits against the frontier's line, as the picture shows it:
    on the line only when it is one of its points (within a penny and ON_FRONTIER points);
    otherwise below it, by how much value at the same cost."""
    points = decision.analysis.frontier if decision.analysis else []
    p, cur = decision.portfolio, decision.scenario.currency
    if not points:
        return "There is no frontier to compare the decision with."
    marker = "The decision adopted, the square," if decision.departs else \
        "The decision, the star,"
    is_point = any(abs(q.total_cost - p.total_cost) <= PENNY
                   and abs(q.value - p.value) <= ON_FRONTIER for q in points)
    gap = _line_value(points, p.total_cost) - p.value
    if not is_point and gap < -ON_FRONTIER:
        return (f"{marker} sits above the line, by {-gap:.2f} points of value at its cost of "
                f"{money(p.total_cost, cur)}: it breaks givens that every choice on the line "
                "keeps.")
    if is_point or gap <= ON_FRONTIER:
        return f"{marker} is on the line: no choice costs less and gives more value."
    why = ("it was adopted for the reasons given above, not for its value" if decision.departs
           else "the line ignores the budgets' limits year by year, which the decision keeps")
    return (f"{marker} sits below the line, by {gap:.2f} points of value at its cost of "
            f"{money(p.total_cost, cur)}: {why}.")


def _pictures_section(decision: DecisionExport) -> str:
    analysis = decision.analysis
    if analysis is None:
        return ""
    scenario, p = decision.scenario, decision.portfolio
    cur = scenario.currency
    points = analysis.frontier
    if points:
        span = (f"{len(points)} choices, costing from {money(points[0].total_cost, cur)} "
                f"(value {points[0].value:.1f}) to {money(points[-1].total_cost, cur)} "
                f"(value {points[-1].value:.1f})")
    else:
        span = "no choices"
    fair = analysis.fair.portfolio if analysis.fair else None
    rec = analysis.recommended.solved_portfolio
    if decision.departs:
        marked = (f"The recommendation, a star, has value {rec.value:.1f} at "
                  f"{money(rec.total_cost, cur)}. The decision adopted, a square, has value "
                  f"{p.value:.1f} at {money(p.total_cost, cur)}.")
    else:
        marked = f"The decision, a star, has value {p.value:.1f} at {money(p.total_cost, cur)}."
    alt = (f"A chart of total cost (across) against overall value out of 100 (up). The line "
           f"joins the best value for each level of spending, ignoring the budgets: {span}. "
           f"{marked}"
           + (f" The fair alternative, a diamond, has value {fair.value:.1f} at "
              f"{money(fair.total_cost, cur)}." if fair else "")
           + " Other markers show each group's own best choice.")
    spend_alt = ("A stacked bar chart of spend in each year by area, with each budget as a "
                 "line: " + "; ".join(f"{y}: {money(v, cur)}" for y, v in p.spend.items())
                 + ". The same figures are in the table above.")
    return ("<h2>Cost and value: the bigger picture</h2><p>Spending more can buy more value. "
            "The line shows the best value each level of spending could buy, ignoring the "
            "budgets' limits year by year; nothing above the line is possible. "
            f"{_e(frontier_place(decision))}</p>"
            + _picture(frontier_figure(analysis, p if decision.departs else None), alt,
                       "Total cost against overall value.")
            + _picture(spend_figure(analysis, p), spend_alt,
                       "Spend by area and year against the budgets."))


def _about_section(decision: DecisionExport) -> str:
    rec = decision.recommendation
    items = [
        ("Scenario file", file_name(decision.source) or "not recorded"),
        ("SHA-256 of the file", decision.sha256 or "not recorded"),
        ("Solver", f"{rec.solver} ({rec.status}, proven gap {rec.gap:.4%})"),
        ("Solve time", f"{rec.seconds:.2f} seconds"),
        *([("Portfolio adopted", f"{decision.source_words}, not the recommendation")]
          if decision.departs else []),
        ("Adopted by", decision.adopted_by or "not recorded"),
        ("Adopted on", decision.adopted_at.isoformat() if decision.adopted_at
         else "not recorded"),
        ("Record made", decision.generated_at.isoformat()),
        ("Workbench version", workbench.__version__),
    ]
    rows = [[_e(k), f"<code>{_e(v)}</code>"] for k, v in items]
    return ("<footer><h2>About this record</h2><p>Anyone with the scenario file can check "
            "these figures: the same file (same SHA-256) gives the same answer.</p>"
            + _table("Where this record comes from", None, rows) + "</footer>")


def record_html(decision: DecisionExport) -> str:
    """The decision record as one standalone HTML page (needs the trade-off analysis)."""
    if decision.analysis is None:
        raise WorkbenchError("the decision record needs the trade-off analysis "
                             "(fair portfolio and frontier); build the decision with it")
    scenario = decision.scenario
    title = f"Decision record: {scenario.name}"
    meta = []
    if scenario.organisation:
        meta.append(_e(scenario.organisation))
    if decision.adopted_at or decision.adopted_by:
        when = f" on {decision.adopted_at:%d %B %Y}" if decision.adopted_at else ""
        meta.append(f"Adopted{when}" + (f" by {_e(decision.adopted_by)}"
                                        if decision.adopted_by else ""))
    summary = "".join(f"<p>{_e(s)}</p>" for s in summary_sentences(decision))
    body = (f"<header><h1>{_e(title)}</h1><p class=\"meta\">{' · '.join(meta)}</p></header>"
            "<main><h2>In short</h2>"
            f'<div class="lead">{summary}</div>'
            + engagement_section(scenario)            # the terms, before the givens
            + opted_out_section(scenario, decision.opted_out)
            + _portfolio_section(decision) + departures_section(decision)
            + _changes_section(decision) + _givens_section(decision)
            + proposal_section(decision) + _groups_section(decision)
            + you_said_section(decision)
            + _fair_section(decision) + _money_section(decision)
            + _pictures_section(decision) + "</main>" + _about_section(decision))
    return page_html(title, body)
