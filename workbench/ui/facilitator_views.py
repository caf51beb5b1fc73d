"""The facilitator's page: the meeting workbench on a stored meeting, with every panel's
latest input arriving live, who has not submitted, and adopting the decision."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from workbench.ui.controls import disabled_while
from workbench.ui.facilitator import FacilitatorState
from workbench.ui.views import build_meeting_app


def panels_html(state: FacilitatorState) -> str:
    """Each panel's latest weights, comment and dissent (as text), and who is still to
    submit."""
    if state.scenario is None:
        return ""
    names = {c.id: c.name for c in state.scenario.criteria}
    rows = []
    for g in state.scenario.stakeholders:
        got = state.panels.get(g.id)
        if got is None:
            rows.append(f"<tr><th scope='row'>{escape(g.name)}</th><td colspan='4'>not yet "
                        "submitted (the scenario's starting weights stand in)</td></tr>")
            continue
        total = sum(got["weights"].values()) or 1.0
        weights = ", ".join(f"{escape(names.get(c, c))} {w / total:.2f}"
                            for c, w in got["weights"].items())
        rows.append(f"<tr><th scope='row'>{escape(g.name)}</th>"
                    f"<td>{got['revision']} at {got['at']:%H:%M:%S}</td><td>{weights}</td>"
                    f"<td>{escape(got['comment'])}</td><td>{escape(got['dissent'])}</td></tr>")
    waiting = state.waiting
    line = (f"<p class='wb-waiting'>Not yet submitted: {escape(', '.join(waiting))}.</p>"
            if waiting else "<p class='wb-waiting'>Every panel has submitted.</p>")
    return (line + "<table class='wb-table wb-panels'><caption>Each panel's latest "
            "submission (weights normalised to sum 1)</caption><thead><tr>"
            "<th scope='col'>Panel</th><th scope='col'>Revision, time (UTC)</th>"
            "<th scope='col'>Weights</th><th scope='col'>Views</th><th scope='col'>Dissent"
            f"</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def adopted_html(state: FacilitatorState) -> str:
    if not state.adopted:
        return "<p>No decision adopted yet in this meeting.</p>"
    items = "".join(f"<li>Decision {d['id']}, adopted by {escape(d['by'])} at "
                    f"{d['at']:%Y-%m-%d %H:%M:%S} UTC (record SHA-256 {d['sha256'][:12]}…)"
                    "</li>" for d in state.adopted)
    return f"<ul class='wb-adopted'>{items}</ul>"


def build_facilitator_app(state: FacilitatorState) -> widgets.VBox:
    """The page; a link that does not work gets only the refusal."""
    if not state.open_meeting():
        return widgets.VBox([widgets.HTML(
            f"<h1>Commissioning workbench</h1><p class='wb-refused' role='alert'>"
            f"{escape(state.refused or state.status)} Use the facilitator's link printed "
            "when the meeting was created.</p>")]).add_class("wb-app")
    page = build_meeting_app(state=state)
    panels = widgets.HTML(panels_html(state)).add_class("wb-panels-panel")
    who = widgets.Text(description="Adopted by", placeholder="name and role",
                       style={"description_width": "8em"}).add_class("wb-adopted-by")
    adopt = widgets.Button(description="Adopt this decision").add_class("wb-adopt")
    adopted = widgets.HTML(adopted_html(state)).add_class("wb-adopted-panel")

    def working():
        return disabled_while([adopt, who], state)

    def adopting(_):
        with working():
            state.adopt(who.value)

    adopt.on_click(adopting)
    state.observe(lambda _: setattr(panels, "value", panels_html(state)), names="panels")
    state.observe(lambda _: setattr(adopted, "value", adopted_html(state)), names="adopted")
    head, rest = page.children[:3], page.children[3:]
    page.children = (*head, widgets.HTML("<h2>The panels</h2>"), panels, *rest,
                     widgets.HTML("<h2>Adopt the decision</h2><p>Adopting stores the "
                                  "recommendation, every panel's weights and views, the "
                                  "givens and their prices as a record that cannot be "
                                  "edited; a later adoption supersedes it.</p>"),
                     widgets.HBox([who, adopt]), adopted)
    state.start_polling()
    return page
