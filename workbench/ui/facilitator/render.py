"""The facilitator's view of the panels, from plain data: each panel's latest submission
(when, which revision, its weights in criterion order, views and dissent as text)."""

from __future__ import annotations

from workbench.scenario import Scenario
from workbench.ui.common import esc
from workbench.ui.common.tables import row, table


def panels_html(scenario: Scenario, panels: dict[str, dict]) -> str:
    """Who has submitted and who not, then each panel's latest input. ``panels``: group id
    -> {revision, at, weights, comment, dissent}."""
    rows, waiting = [], []
    for g in scenario.stakeholders:
        got = panels.get(g.id)
        if got is None:
            waiting.append(g.name)
            rows.append(f"<tr class='wb-waiting-row'><th scope='row'>{esc(g.name)}</th>"
                        "<td colspan='4'><strong>not yet submitted</strong> (the scenario's "
                        "starting weights stand in)</td></tr>")
            continue
        total = sum(got["weights"].values()) or 1.0
        weights = "; ".join(f"{esc(c.name)} {got['weights'].get(c.id, 0) / total:.2f}"
                            for c in scenario.criteria)
        rows.append(row(g.name, [f"revision {got['revision']} at {got['at']:%H:%M:%S} UTC",
                                 weights, esc(got["comment"]) or "–",
                                 esc(got["dissent"]) or "–"]))
    done = len(scenario.stakeholders) - len(waiting)
    line = (f"<p class='wb-waiting'><strong>{done} of {len(scenario.stakeholders)} panels "
            f"have submitted.</strong> Not yet submitted: {esc(', '.join(waiting))}.</p>"
            if waiting else "<p class='wb-waiting'><strong>Every panel has submitted."
            "</strong></p>")
    return line + table("Each panel's latest submission (weights normalised to sum 1, in "
                        "criterion order)", ["Panel", "Submitted", "Weights", "Views",
                                             "Dissent"], rows, "wb-panels")


def adopted_html(adopted: list[dict]) -> str:
    """The decisions adopted in this meeting so far, newest last."""
    if not adopted:
        return "<p>No decision adopted yet in this meeting.</p>"
    items = "".join(f"<li>Decision {d['id']}, adopted by {esc(d['by'])} at "
                    f"{d['at']:%Y-%m-%d %H:%M:%S} UTC (record SHA-256 {d['sha256'][:12]}…)"
                    "</li>" for d in adopted)
    return f"<ul class='wb-adopted'>{items}</ul>"
