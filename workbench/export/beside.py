"""Another portfolio beside the recommendation, as the decision record shows it
(commissioning-cycle.md, section 2): where the adopted portfolio departs (each service's
recommended and adopted option with the reason; value, total cost and each group's
satisfaction under both), and the officers' proposal with the givens it breaks. Options and
givens are named in words, never by their ids."""

from __future__ import annotations

from workbench.analysis.compare import Beside
from workbench.export.decision import DecisionExport
from workbench.export.page import satisfaction_text, table
from workbench.export.terms import group_label
from workbench.givens.registry import kind_of
from workbench.html import escaped as _e
from workbench.money import money


def recommended_beside(decision: DecisionExport) -> Beside:
    """The recommendation as the record measures it (the decision itself unless the adopted
    portfolio departs from it)."""
    if decision.recommended is not None:
        return decision.recommended
    p = decision.portfolio
    return Beside(dict(p.choices), p.value, p.total_cost, (),
                  decision.recommendation.satisfaction)


def adopted_beside(decision: DecisionExport) -> Beside:
    p = decision.portfolio
    return Beside(dict(p.choices), p.value, p.total_cost, tuple(decision.breaks),
                  decision.recommendation.satisfaction)


def _both(decision: DecisionExport, first: Beside, second: Beside, titles: tuple[str, str],
          caption: str) -> str:
    """Value and total cost of two portfolios, then each group's satisfaction under both."""
    cur = decision.scenario.currency
    totals = table(f"{caption}: overall value and total cost",
                       ["Measure", *titles],
                       [["Overall value (0 to 100)", f"{first.value:.2f}", f"{second.value:.2f}"],
                        ["Total cost over the years", _e(money(first.total_cost, cur)),
                         _e(money(second.total_cost, cur))]], numeric={1, 2})
    rows = [[group_label(g.id, g.name, decision.opted_out),
             _e(satisfaction_text(first.satisfaction.get(g.id))),
             _e(satisfaction_text(second.satisfaction.get(g.id)))]
            for g in decision.scenario.stakeholders]
    groups = table(f"{caption}: how well each group is served (0 to 1)",
                       ["Group", *titles], rows, numeric={1, 2})
    return totals + groups


def _givens_named(decision: DecisionExport, ids) -> str:
    scenario = decision.scenario
    known = {g.id: g for g in scenario.givens}
    items = "".join(f"<li>{_e(kind_of(known[g]).sentence(known[g], scenario))}</li>"
                    if g in known else "<li>a given no longer in the scenario</li>"
                    for g in ids)
    return f"<ul>{items}</ul>"


def _option_name(decision: DecisionExport, service: str, option: str) -> str:
    found = {s.id: s for s in decision.scenario.services}[service]
    return found.option(option).name


def departures_section(decision: DecisionExport) -> str:
    """Side by side, each service whose adopted option is not the recommended one, with the
    reason, and both portfolios' value, cost and satisfactions ("" when it does not depart)."""
    if not decision.departs:
        return ""
    names = {s.id: s.name for s in decision.scenario.services}
    n = len(decision.departures)
    rows = [[_e(names[d.service]), _e(_option_name(decision, d.service, d.recommended)),
             _e(_option_name(decision, d.service, d.adopted)), _e(d.reason)]
            for d in decision.departures]
    broken = ""
    if decision.breaks:
        broken = (f"<p>The portfolio adopted breaks {len(decision.breaks)} of the givens "
                  "that the recommendation keeps:</p>" + _givens_named(decision, decision.breaks))
    return ("<h2>Where the decision departs from the recommendation</h2>"
            f"<p>The portfolio adopted is {_e(decision.source_words)}, not the recommendation. "
            f"It differs for {n} service{'s' if n != 1 else ''}, and the adopter gave the "
            "reason for each.</p>"
            + table("Each service where the adopted option differs from the recommended one, "
                    "and why", ["Service", "Recommended", "Adopted", "Why it departs"], rows)
            + broken
            + _both(decision, recommended_beside(decision), adopted_beside(decision),
                    ("The recommendation", "The decision adopted"),
                    "The recommendation and the decision adopted"))


def proposal_section(decision: DecisionExport) -> str:
    """The officers' proposal beside the recommendation ("" when there is none): where it
    differs, the givens it breaks, and each group's satisfaction under both, so that a
    consensus contrary to the intended direction is visible."""
    proposal = decision.proposal
    if proposal is None:
        return ""
    recommended = recommended_beside(decision)
    head = ("<h2>The officers' proposal beside the recommendation</h2><p>Before the groups "
            "gave their views, the officers proposed a portfolio of their own. It is shown "
            "beside the recommendation, which the groups' agreed weights chose, so that any "
            "difference between the two is plain to see.</p>")
    rows = [[_e(s.name), _e(s.option(recommended.choices[s.id]).name),
             _e(s.option(proposal.choices[s.id]).name)]
            for s in decision.scenario.services
            if proposal.choices.get(s.id, recommended.choices[s.id])
            != recommended.choices[s.id]]
    differs = "<p>The proposal is the same as the recommendation.</p>" if not rows else \
        table("Where the officers' proposal differs from the recommendation",
              ["Service", "The recommendation", "The officers' proposal"], rows)
    if proposal.breaks:
        breaks = (f"<p>The proposal breaks {len(proposal.breaks)} of the givens:</p>"
                  + _givens_named(decision, proposal.breaks))
    else:
        breaks = "<p>The proposal keeps every given.</p>"
    return head + differs + breaks + _both(
        decision, recommended, proposal, ("The recommendation", "The officers' proposal"),
        "The recommendation and the officers' proposal")
