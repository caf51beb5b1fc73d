"""A stakeholder panel's page: widgets linked to a PanelState, sized for a phone too.

Callbacks turn one event into one state call, with the controls disabled while it runs and
enabled again in ``finally``; what goes wrong is said in the status line.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from workbench.report import money
from workbench.ui import render
from workbench.ui.controls import disabled_while
from workbench.ui.panel import COMMENT_LIMIT, PanelState
from workbench.ui.weighting import WeightingPanel

FULL = widgets.Layout(width="100%")
# Narrow screens: everything stacks, tables scroll sideways rather than overflow.
STYLE = """<style>
.wb-panel { max-width: 48em; margin: 0 auto; }
.wb-panel .widget-slider .widget-label, .wb-panel .widget-dropdown .widget-label {
  white-space: normal; }
.wb-panel .wb-scroll { overflow-x: auto; }
.wb-panel table.wb-table caption { font-weight: 600; text-align: left; }
.wb-panel .lm-TabBar-tab, .wb-panel .lm-TabBar-tab .lm-TabBar-tabLabel { color: #1a1a1a; }
.wb-panel .lm-TabBar-tab:not(.lm-mod-current) { background: #f3f3f3; }
.wb-panel .wb-submitted { border-left: 4px solid #006d2c; padding-left: 0.5em; }
</style>"""


def options_html(state: PanelState) -> str:
    """What is being decided: each service's options in plain words."""
    scenario = state.scenario
    parts = []
    for s in scenario.services:
        rows = "".join(
            f"<tr><th scope='row'>{escape(o.name)}</th>"
            f"<td>{escape(o.mode.replace('_', ' '))}</td><td>{escape(o.provider or '')}</td>"
            f"<td>{money(sum(o.cost) + (o.one_off or 0), scenario.currency)}</td>"
            f"<td>{'today' if s.current == o.id else ''}</td></tr>" for o in s.options)
        parts.append(
            f"<details><summary>{escape(s.name)}</summary><div class='wb-scroll'>"
            f"<table class='wb-table'><caption>Options for {escape(s.name)}</caption>"
            "<thead><tr><th scope='col'>Option</th><th scope='col'>How</th>"
            "<th scope='col'>Provider</th><th scope='col'>Cost over the plan</th>"
            f"<th scope='col'>Today</th></tr></thead><tbody>{rows}</tbody></table></div>"
            "</details>")
    return "<h2>What is being decided</h2>" + "".join(parts)


def preview_html(state: PanelState) -> str:
    """The portfolio the panel's own weights would choose beside the agreed one, and how
    well the agreed one serves this group."""
    preview, agreed = state.preview, state.agreed
    if preview is None or agreed is None or preview.portfolio is None \
            or agreed.portfolio is None:
        return f"<p>{escape(getattr(agreed, 'explanation', '') or '')}</p>"
    mine, ours = preview.portfolio.choices, agreed.portfolio.choices
    rows = "".join(
        f"<tr><th scope='row'>{escape(s.name)}</th>"
        f"<td>{escape(s.option(mine[s.id]).name)}</td>"
        f"<td>{escape(s.option(ours[s.id]).name)}</td></tr>"
        for s in state.scenario.services)
    served = agreed.satisfaction.get(state.group)
    line = "" if served is None else (
        f"<p class='wb-served'>The agreed recommendation serves your group "
        f"<strong>{served:.2f}</strong> on a scale from 0 (the worst it could get under the "
        "givens) to 1 (its best).</p>")
    return (line + "<div class='wb-scroll'><table class='wb-table wb-preview'><caption>What "
            "your weights would choose, beside what everyone's latest weights choose"
            "</caption><thead><tr><th scope='col'>Service</th><th scope='col'>Your weights"
            "</th><th scope='col'>Agreed</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


def submitted_html(state: PanelState) -> str:
    done = state.submitted
    if not done:
        return "<p>Nothing submitted yet from this panel.</p>"
    return (f"<p class='wb-submitted'>Last submitted: revision {done['revision']} at "
            f"{done['at']:%H:%M:%S} UTC.</p>")


def build_panel_app(state: PanelState) -> widgets.VBox:
    """The page of one panel; a link that does not work gets only the refusal."""
    status = widgets.HTML().add_class("wb-status")
    if not state.open():
        return widgets.VBox([widgets.HTML(STYLE), widgets.HTML(
            f"<h1>Commissioning workbench</h1><p class='wb-refused' role='alert'>"
            f"{escape(state.refused)} Ask the facilitator for your panel's link.</p>")]
        ).add_class("wb-panel")
    scenario = state.scenario
    sliders: dict[str, widgets.FloatSlider] = {}
    controls: list[widgets.Widget] = []

    def working():
        return disabled_while(controls + methods.controls, state)

    for c in scenario.criteria:
        s = widgets.FloatSlider(value=state.weights.get(c.id, 0), min=0, max=100, step=1,
                                description=c.name, continuous_update=False,
                                readout_format=".0f", layout=FULL,
                                style={"description_width": "40%"})
        s.add_class(f"wb-panel-slider-{c.id}")

        def moved(change, crit=c.id):
            if abs(change["new"] - state.weights.get(crit, 0)) < 1e-9:
                return
            with working():
                state.set_weight(crit, change["new"])
        s.observe(moved, names="value")
        sliders[c.id] = s
    methods = WeightingPanel(
        working, swing=lambda _g, points: state.use_swing(points),
        pairwise=lambda _g, m, anyway: state.use_pairwise(m, accept_inconsistent=anyway),
        verdict=lambda _g: render.pairwise_verdict_html(scenario, state.pairwise),
        with_groups=False)
    methods.rebuild(scenario)
    comment = widgets.Textarea(value=state.comment, description="Your views",
                               placeholder="What this panel thinks, in its own words",
                               layout=widgets.Layout(width="100%", height="6em"))
    comment.add_class("wb-comment")
    dissent = widgets.Textarea(value=state.dissent, description="Dissent",
                               placeholder="Anything this panel disagrees with, for the record",
                               layout=widgets.Layout(width="100%", height="4em"))
    dissent.add_class("wb-dissent")
    submit = widgets.Button(description="Submit our weights and views",
                            layout=widgets.Layout(width="auto")).add_class("wb-submit")
    confirmation = widgets.HTML().add_class("wb-confirmation")
    preview = widgets.HTML().add_class("wb-preview-panel")
    controls += [*sliders.values(), comment, dissent, submit]

    def typed(change, name):
        setattr(state, name, change["new"])
    comment.observe(lambda ch: typed(ch, "comment"), names="value")
    dissent.observe(lambda ch: typed(ch, "dissent"), names="value")

    def submitted(_):
        with working():
            state.submit()
            confirmation.value = submitted_html(state)

    submit.on_click(submitted)

    def weights_changed(_=None):
        for c, s in sliders.items():
            if abs(s.value - state.weights.get(c, 0)) > 1e-9:
                s.value = state.weights[c]

    def status_changed(_=None):
        status.value = f'<p role="status" aria-live="polite">{escape(state.status)}</p>'

    state.observe(weights_changed, names="weights")
    state.observe(lambda _: setattr(preview, "value", preview_html(state)),
                  names=["preview", "agreed"])
    state.observe(lambda _: methods.show_verdict(), names="pairwise")
    state.observe(status_changed, names="status")
    preview.value = preview_html(state)
    confirmation.value = submitted_html(state)
    status_changed()
    return widgets.VBox([
        widgets.HTML(STYLE),
        widgets.HTML(f"<h1>{escape(scenario.name)}</h1><p>You are the panel of "
                     f"<strong>{escape(state.group_name)}</strong>. Set how much each "
                     "criterion matters to your group, see what that would choose, and submit "
                     "your weights with your views. You can submit again; every submission "
                     "is kept.</p>"),
        status,
        widgets.HTML(options_html(state)),
        widgets.HTML("<h2>The givens</h2><div class='wb-scroll'>"
                     + render.givens_html(scenario) + "</div>"),
        widgets.HTML("<h2>Your weights</h2>"), *sliders.values(),
        widgets.HTML("<h3>Or weigh by swings or by pairs</h3>"), methods.box,
        widgets.HTML("<h2>What your weights would choose</h2>"), preview,
        widgets.HTML(f"<h2>Your views</h2><p>Up to {COMMENT_LIMIT} characters each. They "
                     "are shown to everyone as you wrote them.</p>"), comment, dissent,
        submit, confirmation,
    ]).add_class("wb-panel")
