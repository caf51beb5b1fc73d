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
                  ours: str = "the recommendation") -> str:
    """The officers' proposal beside ``recommended`` (named ``ours``): each group's
    satisfaction under both, value and cost of both, the givens it breaks and the services
    where they differ."""
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
    return (f"<h2>The officers' proposal beside {esc(ours)}</h2>"
            + table(f"Satisfaction of each group (0 to 1) with {ours} and with the officers' "
                    "proposal", ["", word[:1].upper() + word[1:], "Officers' proposal"],
                    rows, "wb-proposal")
            + f"<p><strong>Givens the proposal breaks:</strong> {esc(broken)}</p>"
            + (f"<p>Where they differ ({len(differ)} services):</p><ul>{''.join(differ)}</ul>"
               if differ else f"<p>The proposal is {esc(ours)}.</p>"))
