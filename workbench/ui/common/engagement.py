"""The terms of engagement (commissioning-cycle.md, section 1), shown before the givens on
every page a stakeholder sees: what is being decided, what views can change, the stages and
who takes part, how views are used and how to challenge. Plain data in, escaped HTML out."""

from __future__ import annotations

from collections.abc import Mapping

from workbench.scenario import Scenario
from workbench.ui.common import esc


def engagement_html(scenario: Scenario, opted_out: Mapping[str, str] | None = None,
                    heading: str = "The terms of engagement", folded: bool = False) -> str:
    """The scenario's ``engagement`` block, and which groups have opted out (with their
    reasons); empty when the scenario states no terms. ``folded`` (a phone's page): what is
    being decided stays in view, the rest of the terms one tap away."""
    terms = scenario.engagement
    names = {g.id: g.name for g in scenario.stakeholders}
    parts: list[str] = []
    if terms is not None:
        if terms.purpose:
            parts.append(f"<p><strong>What is being decided:</strong> {esc(terms.purpose)}</p>")
        if terms.open_to_change:
            items = "".join(f"<li>{esc(t)}</li>" for t in terms.open_to_change)
            parts.append(f"<p><strong>What your views can change:</strong></p><ul>{items}</ul>")
        if terms.stages:
            rows = "".join(
                f"<li><strong>{esc(s.stage)}</strong>: {_day(s.from_)} to {_day(s.to)}"
                + (f" ({esc(', '.join(names.get(g, g) for g in s.groups))})" if s.groups
                   else "") + "</li>" for s in terms.stages)
            parts.append(f"<p><strong>The stages, and who takes part:</strong></p><ul>{rows}</ul>")
        if terms.how_views_are_used:
            parts.append(f"<p><strong>How views are used:</strong> "
                         f"{esc(terms.how_views_are_used)}</p>")
        if terms.how_to_challenge:
            parts.append(f"<p><strong>How to challenge a decision or a service:</strong> "
                         f"{esc(terms.how_to_challenge)}</p>")
    if opted_out:
        items = "".join(f"<li><strong>{esc(names.get(g, g))}</strong>: opted out"
                        + (f" ({esc(reason)})" if reason else " (no reason given)") + "</li>"
                        for g, reason in opted_out.items())
        parts.append("<p><strong>Opted out</strong> (their influence counts as 0 while they "
                     f"are out; they are not counted as agreeing):</p><ul class='wb-opted-out'>"
                     f"{items}</ul>")
    if not parts:
        return ""
    out = [p for p in parts if "wb-opted-out" in p]
    terms_parts = [p for p in parts if "wb-opted-out" not in p]
    if folded and len(terms_parts) > 1:
        body = (terms_parts[0] + "<details class='wb-terms-more'><summary>The rest of the "
                "terms: what your views can change, the stages, how views are used and how "
                f"to challenge</summary>{''.join(terms_parts[1:])}</details>")
    else:
        body = "".join(terms_parts)
    return (f"<section class='wb-engagement' aria-label='{esc(heading)}'>"
            f"<h2>{esc(heading)}</h2>{body}{''.join(out)}</section>")


def _day(day) -> str:
    """1 September 2026, as people write it."""
    return f"{day.day} {day:%B %Y}"
