"""The officers' proposal beside the recommendation (commissioning-cycle.md, section 2),
one table for the facilitator's page and the panels' pages: each group's satisfaction under
both, so that a consensus contrary to the intended direction is visible to everyone."""

from __future__ import annotations

from workbench.money import money
from workbench.numbers import satisfaction
from workbench.scenario import Scenario
from workbench.ui.common import esc
from workbench.ui.common.tables import row, table
from workbench.ui.common.words import given_names


def proposal_html(scenario: Scenario, recommended, proposal,
                  ours: str = "the recommendation", cards: bool = False) -> str:
    """The officers' proposal beside ``recommended`` (named ``ours``): each group's
    satisfaction under both, value and cost of both, the givens it breaks and the services
    where they differ; as a table, or with ``cards`` one line per group (a phone's page)."""
    if proposal is None or recommended is None or recommended.portfolio is None:
        return ""
    mine, theirs = recommended.satisfaction, proposal.satisfaction
    rows = [row(g.name, [satisfaction(mine.get(g.id)), satisfaction(theirs.get(g.id))])
            for g in scenario.stakeholders]
    rec = recommended.portfolio
    rows.append(row("Value (agreed weights)", [f"{rec.value:.1f}", f"{proposal.value:.1f}"]))
    rows.append(row("Total cost", [money(rec.total_cost, scenario.currency),
                                   money(proposal.total_cost, scenario.currency)]))
    broken = given_names(scenario, proposal.breaks) or "none"
    word = ours.removeprefix("the ")
    differ = [f"<li>{esc(s.name)}: {esc(word)}: {esc(s.option(rec.choices[s.id]).name)}; "
              f"proposed: {esc(s.option(proposal.choices[s.id]).name)}</li>"
              for s in scenario.services if rec.choices[s.id] != proposal.choices[s.id]]
    caption = f"Satisfaction of each group (0 to 1) with {ours} and with the officers' proposal"
    if cards:
        lines = [f"<li><strong>{esc(g.name)}</strong>: {esc(word)} "
                 f"{satisfaction(mine.get(g.id))}, officers' proposal "
                 f"{satisfaction(theirs.get(g.id))}</li>" for g in scenario.stakeholders]
        lines += [f"<li><strong>Value (agreed weights)</strong>: {esc(word)} {rec.value:.1f}, "
                  f"officers' proposal {proposal.value:.1f}</li>",
                  f"<li><strong>Total cost</strong>: {esc(word)} "
                  f"{money(rec.total_cost, scenario.currency)}, officers' proposal "
                  f"{money(proposal.total_cost, scenario.currency)}</li>"]
        shown = f"<p>{esc(caption)}:</p><ul class='wb-cards'>{''.join(lines)}</ul>"
    else:
        shown = table(caption, ["", word[:1].upper() + word[1:], "Officers' proposal"], rows,
                      "wb-proposal")
    return (f"<h2>The officers' proposal beside {esc(ours)}</h2>" + shown
            + f"<p><strong>Givens the proposal breaks:</strong> {esc(broken)}</p>"
            + (f"<p>Where they differ ({len(differ)} services):</p><ul>{''.join(differ)}</ul>"
               if differ else f"<p>The proposal is {esc(ours)}.</p>"))
