"""The terms of engagement (commissioning-cycle.md, section 1), shown before the givens on
every page a stakeholder sees: what is being decided, what views can change, the stages and
who takes part, how views are used and how to challenge. Plain data in, escaped HTML out."""

from __future__ import annotations

from collections.abc import Mapping

from workbench.export.terms import engagement_parts, opted_out_words
from workbench.scenario import Scenario
from workbench.ui.common import esc


def engagement_html(scenario: Scenario, opted_out: Mapping[str, str] | None = None,
                    heading: str = "The terms of engagement", folded: bool = False) -> str:
    """The scenario's ``engagement`` block, and which groups have opted out (with their
    reasons); empty when the scenario states no terms. ``folded`` (a phone's page): what is
    being decided stays in view, the rest of the terms one tap away."""
    names = {g.id: g.name for g in scenario.stakeholders}
    terms_parts = engagement_parts(scenario, "What your views can change")
    parts: list[str] = []
    if opted_out:
        items = "".join(f"<li><strong>{esc(names.get(g, g))}</strong>: "
                        f"{esc(opted_out_words(reason))}</li>" for g, reason in opted_out.items())
        parts.append("<p><strong>Opted out</strong> (their influence counts as 0 while they "
                     f"are out; they are not counted as agreeing):</p><ul class='wb-opted-out'>"
                     f"{items}</ul>")
    if not parts and not terms_parts:
        return ""
    if folded and len(terms_parts) > 1:
        body = (terms_parts[0] + "<details class='wb-terms-more'><summary>The rest of the "
                "terms: what your views can change, the stages, how views are used and how "
                f"to challenge</summary>{''.join(terms_parts[1:])}</details>")
    else:
        body = "".join(terms_parts)
    return (f"<section class='wb-engagement' aria-label='{esc(heading)}'>"
            f"<h2>{esc(heading)}</h2>{body}{''.join(parts)}</section>")

