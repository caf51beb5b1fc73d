"""The meeting workbench page: widgets linked to a MeetingState, and nothing else.

Callbacks turn one event into one state call; controls are disabled while it runs and
enabled again in ``finally``; errors go to the status line.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from workbench.ui import render
from workbench.ui.controls import ScenarioSource, disabled_while
from workbench.ui.meeting import MeetingState
from workbench.ui.weighting import WeightingPanel

# WCAG 2.2 AA contrast: the default unselected tab labels are too pale on grey.
STYLE = """<style>
.wb-app .lm-TabBar-tab, .wb-app .lm-TabBar-tab .lm-TabBar-tabLabel { color: #1a1a1a; }
.wb-app .lm-TabBar-tab:not(.lm-mod-current) { background: #f3f3f3; }
.wb-app .wb-lifted strong { color: #8a3b00; }
.wb-app table.wb-table caption { font-weight: 600; text-align: left; }
</style>"""


def build_meeting_app(scenario: str | Path | None = None,
                      state: MeetingState | None = None) -> widgets.VBox:
    """The page for a meeting, opened on ``scenario``; or on ``state`` when it is given
    with its scenario already open (a meeting in the store), without the scenario picker."""
    opened = state is not None
    state = state if opened else MeetingState()
    title = widgets.HTML().add_class("wb-title")
    givens = widgets.HTML().add_class("wb-givens-panel")
    lift_box = widgets.VBox().add_class("wb-lift")
    lifted = widgets.HTML().add_class("wb-lifted-panel")
    tabs = widgets.Tab().add_class("wb-weights")
    agreed = widgets.HTML().add_class("wb-agreed-panel")
    table = widgets.HTML().add_class("wb-results")
    criteria = widgets.HTML().add_class("wb-criteria-panel")
    satisfaction = widgets.HTML().add_class("wb-satisfaction-panel")
    pin = widgets.Button(description="Pin this run", tooltip="Keep this run to compare")
    pin.add_class("wb-pin")
    compare = widgets.HTML().add_class("wb-compare-panel")
    spend = widgets.HTML().add_class("wb-spend-panel")
    progress = widgets.FloatProgress(value=0, min=0, max=1, description="Trade-offs")
    progress.add_class("wb-progress")
    progress_text = widgets.HTML().add_class("wb-progress-text")
    analysis = widgets.HTML().add_class("wb-analysis")
    wi_service = widgets.Select(description="Service (pick one)", rows=8,
                                layout=widgets.Layout(width="30em")).add_class("wb-whatif-service")
    wi_option = widgets.Dropdown(description="Option").add_class("wb-whatif-option")
    wi_force = widgets.Button(description="What if it took this?").add_class("wb-whatif-force")
    wi_forbid = widgets.Button(description="What if this were ruled out?")
    wi_forbid.add_class("wb-whatif-forbid")
    wi_result = widgets.HTML().add_class("wb-whatif-panel")
    controls: list[widgets.Widget] = [pin, wi_force, wi_forbid]
    weight_widgets: list[widgets.Widget] = []

    def working():
        return disabled_while(controls + weight_widgets + panel.controls, state)

    source = ScenarioSource(state, working)
    controls += [source.picker, source.upload]

    panel = WeightingPanel(
        working, swing=state.use_swing,
        pairwise=lambda g, m, anyway: state.use_pairwise(g, m, accept_inconsistent=anyway),
        verdict=lambda g: render.pairwise_html(state, g))
    state.observe(lambda _: panel.show_verdict(), names="pairwise")
    sliders: dict[tuple[str, str], widgets.FloatSlider] = {}

    def weight_controls() -> None:
        pages, titles = [], []
        every = []
        sliders.clear()
        for g in state.scenario.stakeholders:
            rows = []
            for c in state.scenario.criteria:
                s = widgets.FloatSlider(value=state.group_weights[g.id].get(c.id, 0), min=0,
                                        max=100, step=1, description=c.name,
                                        continuous_update=False, readout_format=".0f",
                                        style={"description_width": "16em"},
                                        layout=widgets.Layout(width="38em"))
                s.add_class(f"wb-slider-{g.id}-{c.id}")
                sliders[(g.id, c.id)] = s

                def moved(change, group=g.id, crit=c.id):
                    if abs(change["new"] - state.group_weights[group].get(crit, 0)) < 1e-9:
                        return
                    with working():
                        state.set_weight(group, crit, change["new"])
                s.observe(moved, names="value")
                rows.append(s)
            influence = widgets.FloatSlider(
                value=state.influence[g.id], min=0, max=5, step=0.5,
                description="Influence of this group", continuous_update=False,
                style={"description_width": "16em"}, layout=widgets.Layout(width="38em"))
            influence.add_class(f"wb-influence-{g.id}")

            def weighed(change, group=g.id):
                if abs(change["new"] - state.influence[group]) < 1e-9:
                    return
                with working():
                    state.set_influence(group, change["new"])
            influence.observe(weighed, names="value")
            rows.append(influence)
            pages.append(widgets.VBox(rows))
            titles.append(g.name)
            every += rows
        tabs.children = pages
        for k, t in enumerate(titles):
            tabs.set_title(k, t)
        weight_widgets[:] = every

    def weights_changed(_=None) -> None:
        """Weights set another way (swing, pairwise) show on the group's sliders."""
        for (g, c), s in sliders.items():
            value = state.group_weights.get(g, {}).get(c)
            if value is not None and abs(s.value - value) > 1e-9:
                s.value = value

    def lift_controls() -> None:
        boxes = []
        for g in state.scenario.givens:
            box = widgets.Checkbox(value=False, description=f"Lift {g.id} for a what-if",
                                   indent=False).add_class(f"wb-lift-{g.id}")

            def toggled(change, given=g.id):
                with working():
                    state.lift(given, change["new"])
            box.observe(toggled, names="value")
            boxes.append(box)
        lift_box.children = boxes

    def scenario_changed(_=None) -> None:
        if state.scenario is None:
            return
        title.value = f"<h1>{escape(state.scenario.name)}</h1>"
        givens.value = "<h2>The givens</h2>" + render.givens_html(state.scenario, state.prices)
        weight_controls()
        panel.rebuild(state.scenario)
        lift_controls()
        wi_service.options = [(s.name, s.id) for s in state.scenario.services]
        service_picked()

    def results_changed(_=None) -> None:
        table.value = "<h2>Recommendation</h2>" + render.portfolio_html(state)
        satisfaction.value = render.satisfaction_html(state)
        agreed.value = render.agreed_html(state)
        criteria.value = render.criteria_html(state)
        lifted.value = render.lifted_html(state)
        compare.value = render.comparison_html(state)
        spend.value = render.spend_html(state)

    def prices_changed(_=None) -> None:
        if state.scenario is not None:
            givens.value = "<h2>The givens</h2>" + render.givens_html(state.scenario,
                                                                     state.prices)

    def analysis_changed(_=None) -> None:
        analysis.value = render.analysis_html(state)

    def progress_changed(_=None) -> None:
        progress.value = state.progress
        progress_text.value = f"<p>{escape(state.progress_message)}</p>"

    def service_picked(_=None) -> None:
        if state.scenario is not None and wi_service.value:
            service = state.scenario.service(wi_service.value)
            wi_option.options = [(o.name, o.id) for o in service.options]

    def ask(chosen: bool) -> None:
        with working():
            state.ask_what_if(wi_service.value, wi_option.value, chosen)

    def whatif_changed(_=None) -> None:
        wi_result.value = render.whatif_html(state)

    def pinned(_) -> None:
        with working():
            state.pin()
            compare.value = render.comparison_html(state)

    state.observe(scenario_changed, names="scenario")
    state.observe(weights_changed, names="group_weights")
    state.observe(results_changed, names=["result", "lifted_result", "pinned"])
    state.observe(prices_changed, names="prices")
    state.observe(whatif_changed, names="whatif")
    wi_service.observe(service_picked, names="value")
    wi_force.on_click(lambda _: ask(True))
    wi_forbid.on_click(lambda _: ask(False))
    state.observe(analysis_changed, names="analysis")
    state.observe(progress_changed, names=["progress", "progress_message"])
    if opened:
        scenario_changed()
        results_changed()
        source.show_status()
    else:
        source.open_first(scenario)
    pin.on_click(pinned)
    page = widgets.VBox([
        widgets.HTML(STYLE), title, source.status,
        widgets.HBox([] if opened else [source.picker, source.upload]), source.problems,
        givens, widgets.HTML("<h2>Lift a given (what-if)</h2>"), lift_box, lifted,
        widgets.HTML("<h2>Weights</h2>"), tabs,
        widgets.HTML("<h3>Or weigh by swings or by pairs</h3>"), panel.box, agreed,
        table, criteria, spend, satisfaction,
        widgets.HTML("<h2>What if…</h2>"), widgets.HBox([wi_service, wi_option]),
        widgets.HBox([wi_force, wi_forbid]), wi_result,
        widgets.HBox([pin]), compare,
        widgets.HBox([progress, progress_text]), analysis,
    ]).add_class("wb-app")
    page.state = state
    return page
