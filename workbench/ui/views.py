"""The meeting workbench page: widgets linked to a MeetingState, and nothing else.

Callbacks turn one event into one state call; controls are disabled while it runs and
enabled again in ``finally``; errors go to the status line.
"""

from __future__ import annotations

import contextlib
from html import escape
from pathlib import Path

import ipywidgets as widgets

from workbench.analysis import Analysis
from workbench.analysis.pictures import frontier_figure, spend_figure, stability_figure
from workbench.report import money
from workbench.ui.charts import figure_html
from workbench.ui.meeting import MeetingState
from workbench.ui.render import givens_html

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"

# WCAG 2.2 AA contrast: the default unselected tab labels are too pale on grey.
STYLE = """<style>
.wb-app .lm-TabBar-tab, .wb-app .lm-TabBar-tab .lm-TabBar-tabLabel { color: #1a1a1a; }
.wb-app .lm-TabBar-tab:not(.lm-mod-current) { background: #f3f3f3; }
.wb-app .wb-lifted strong { color: #8a3b00; }
.wb-app table.wb-table caption { font-weight: 600; text-align: left; }
</style>"""


def _portfolio_table(state: MeetingState) -> str:
    result, scenario = state.result, state.scenario
    if result is None or result.portfolio is None:
        return f'<p class="wb-infeasible">{escape(result.explanation if result else "")}</p>'
    p, cur = result.portfolio, scenario.currency
    years = "".join(f'<th scope="col">{escape(y)}</th>' for y in scenario.years)
    rows = []
    for service, index in zip(scenario.services, p.chosen):
        option = service.option(p.arrays.refs[index][1])
        spend = "".join(f"<td>{money(v, cur)}</td>" for v in p.arrays.spend[index])
        change = "stays" if service.current in (None, option.id) else \
            f"changes (was {escape(service.option(service.current).name)})"
        rows.append(f"<tr><th scope='row'>{escape(service.name)}</th>"
                    f"<td>{escape(service.area or '')}</td><td>{escape(option.name)}</td>"
                    f"<td>{escape(option.mode.replace('_', ' '))}</td>"
                    f"<td>{escape(option.provider or '')}</td>{spend}<td>{change}</td></tr>")
    head = ('<tr><th scope="col">Service</th><th scope="col">Area</th>'
            '<th scope="col">Option</th><th scope="col">Mode</th><th scope="col">Provider</th>'
            f'{years}<th scope="col">Against today</th></tr>')
    summary = (f"<p class='wb-summary'>Value {p.value:.2f} out of 100; total cost "
               f"{money(p.total_cost, cur)}.</p>")
    return (summary + '<table class="wb-table wb-portfolio"><caption>Recommended portfolio '
            f"(every given kept)</caption><thead>{head}</thead><tbody>{''.join(rows)}"
            "</tbody></table>")


def _satisfaction_html(state: MeetingState) -> str:
    if state.result is None or state.result.portfolio is None:
        return ""
    names = {g.id: g.name for g in state.scenario.stakeholders}
    rows = "".join(f"<tr><th scope='row'>{escape(names[g])}</th><td>{s:.2f}</td></tr>"
                   for g, s in state.result.satisfaction.items())
    return ('<table class="wb-table wb-satisfaction"><caption>How well the recommendation '
            "serves each group (0 = its worst possible, 1 = its best)</caption><thead><tr>"
            '<th scope="col">Group</th><th scope="col">Satisfaction</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def _weights_html(state: MeetingState) -> str:
    if state.scenario is None:
        return ""
    names = {c.id: c.name for c in state.scenario.criteria}
    cells = "".join(f"<tr><th scope='row'>{escape(names[c])}</th><td>{w:.3f}</td></tr>"
                    for c, w in state.agreed_weights.items())
    return ('<table class="wb-table wb-agreed"><caption>Agreed weights (influence-weighted '
            f"mean of the groups)</caption><tbody>{cells}</tbody></table>")


def _lifted_html(state: MeetingState) -> str:
    price = state.price_of_lifted()
    if not state.lifted:
        return ""
    listed = ", ".join(escape(g) for g in state.lifted)
    if price is None:
        return f'<p class="wb-lifted">Lifted for this what-if: {listed}.</p>'
    cost = price["total_cost"]
    moves = "stay the same" if abs(cost) < 0.5 else \
        f"{'rise' if cost > 0 else 'fall'} by {money(abs(cost), state.scenario.currency)}"
    return (f'<p class="wb-lifted"><strong>What-if, not the official recommendation:</strong> '
            f"with {listed} lifted, value would rise by {price['value']:.2f} points and total "
            f"cost would {moves}.</p>")


def _comparison_html(state: MeetingState) -> str:
    diff = state.comparison()
    if not diff:
        return "<p>Pin a run to compare it with what follows.</p>" if state.pinned is None \
            else ""
    cur = state.scenario.currency
    rows = "".join(f"<tr><th scope='row'>{escape(s)}</th><td>{escape(a)}</td>"
                   f"<td>{escape(b)}</td></tr>" for s, (a, b) in diff["changed"].items())
    (v0, v1), (c0, c1) = diff["value"], diff["total_cost"]
    names = {g.id: g.name for g in state.scenario.stakeholders}
    sat = "".join(f"<tr><th scope='row'>{escape(names[g])}</th>"
                  f"<td>{'' if a is None else f'{a:.2f}'}</td><td>{b:.2f}</td></tr>"
                  for g, (a, b) in diff["satisfaction"].items())
    return (f"<p class='wb-compare-summary'>Pinned: value {v0:.2f}, cost {money(c0, cur)}. "
            f"Now: value {v1:.2f}, cost {money(c1, cur)}.</p>"
            '<table class="wb-table wb-compare"><caption>Choices that differ from the pinned '
            'run</caption><thead><tr><th scope="col">Service</th><th scope="col">Pinned</th>'
            f'<th scope="col">Now</th></tr></thead><tbody>{rows}</tbody></table>'
            '<table class="wb-table wb-compare-groups"><caption>Satisfaction of each group, '
            'pinned and now</caption><thead><tr><th scope="col">Group</th>'
            '<th scope="col">Pinned</th><th scope="col">Now</th></tr></thead>'
            f"<tbody>{sat}</tbody></table>")


def _analysis_html(state: MeetingState) -> str:
    """The long analyses: fair portfolio, frontier, stability, summary (when ready)."""
    a = state.analysis
    if a is None or a.recommended.portfolio is None:
        return ""
    cur = state.scenario.currency
    parts = ["<h2>Trade-offs</h2>"]
    if a.fair is not None:
        rec, fair = a.recommended, a.fair
        parts.append(
            f"<p class='wb-fair'>The fair portfolio (best for the least satisfied group) "
            f"gives its least satisfied group {fair.min_satisfaction:.2f}, against "
            f"{min(rec.satisfaction.values(), default=1):.2f} for the recommendation; it "
            f"would cost {rec.portfolio.value - fair.portfolio.value:.2f} points of agreed "
            f"value and {money(fair.portfolio.total_cost, cur)} in total.</p>")
    parts.append(figure_html(frontier_figure(a), (
        f"Efficient frontier: {len(a.frontier)} portfolios from "
        f"{money(a.frontier[0].total_cost, cur) if a.frontier else ''} to "
        f"{money(a.frontier[-1].total_cost, cur) if a.frontier else ''}; the recommendation "
        f"has value {a.recommended.portfolio.value:.2f} at "
        f"{money(a.recommended.portfolio.total_cost, cur)}."), "wb-frontier-chart"))
    names = {c.id: c.name for c in state.scenario.criteria}
    rows = "".join(f"<tr><th scope='row'>{escape(names[c])}</th><td>{s.weight:.2f}</td>"
                   f"<td>{s.low:.2f} to {s.high:.2f}</td></tr>" for c, s in a.stability.items())
    parts.append('<table class="wb-table wb-stability"><caption>How far each agreed weight '
                 "can move before the recommendation changes</caption><thead><tr>"
                 '<th scope="col">Criterion</th><th scope="col">Agreed</th>'
                 f'<th scope="col">Holds from … to</th></tr></thead><tbody>{rows}</tbody>'
                 "</table>")
    parts.append(figure_html(stability_figure(a), "Stability intervals of each weight, "
                             "as in the table above.", "wb-stability-chart"))
    parts.append("<h3>In plain words</h3><ul class='wb-decisions'>" + "".join(
        f"<li>{escape(d.text)}</li>" for d in a.decisions) + "</ul>")
    return "".join(parts)


def _whatif_html(state: MeetingState) -> str:
    w = state.whatif
    if w is None:
        return ""
    service = state.scenario.service(w.service)
    option = service.option(w.option)
    asked = (f"What if {escape(service.name)} {'took' if w.chosen else 'could not take'} "
             f"“{escape(option.name)}”?")
    if not w.possible:
        return f"<p class='wb-whatif'><strong>{asked}</strong> {escape(w.result.explanation)}</p>"
    cur = state.scenario.currency
    names = {g.id: g.name for g in state.scenario.stakeholders}
    groups = "; ".join(f"{escape(names[g])} {d:+.2f}" for g, d in w.satisfaction_change.items())
    return (f"<p class='wb-whatif'><strong>{asked}</strong> Value would change by "
            f"{w.value_change:+.2f} points and total cost by "
            f"{'+' if w.cost_change >= 0 else '-'}{money(abs(w.cost_change), cur)}. "
            f"Change in each group's satisfaction: {groups}.</p>")


def _spend_html(state: MeetingState) -> str:
    if state.result is None or state.result.portfolio is None:
        return ""
    view = Analysis(state.scenario, state.result)
    spend = state.result.portfolio.spend
    alt = "Spend by year: " + "; ".join(f"{y} {money(v, state.scenario.currency)}"
                                         for y, v in spend.items()) + ", against the budgets."
    return figure_html(spend_figure(view), alt, "wb-spend-chart")


def build_meeting_app(scenario: str | Path | None = None) -> widgets.VBox:
    """The page for a meeting, opened on ``scenario``."""
    state = MeetingState()
    title = widgets.HTML().add_class("wb-title")
    status = widgets.HTML().add_class("wb-status")
    problems = widgets.HTML().add_class("wb-problems")
    choices = sorted(p.name for p in SCENARIO_DIR.glob("*.yaml"))
    picker = widgets.Dropdown(options=choices, description="Scenario").add_class("wb-picker")
    upload = widgets.FileUpload(accept=".yaml,.yml,.json", multiple=False,
                                description="Upload a scenario").add_class("wb-upload")
    givens = widgets.HTML().add_class("wb-givens-panel")
    lift_box = widgets.VBox().add_class("wb-lift")
    lifted = widgets.HTML().add_class("wb-lifted-panel")
    tabs = widgets.Tab().add_class("wb-weights")
    agreed = widgets.HTML().add_class("wb-agreed-panel")
    table = widgets.HTML().add_class("wb-results")
    satisfaction = widgets.HTML().add_class("wb-satisfaction-panel")
    pin = widgets.Button(description="Pin this run", tooltip="Keep this run to compare")
    pin.add_class("wb-pin")
    compare = widgets.HTML().add_class("wb-compare-panel")
    spend = widgets.HTML().add_class("wb-spend-panel")
    progress = widgets.FloatProgress(value=0, min=0, max=1, description="Trade-offs")
    progress.add_class("wb-progress")
    progress_text = widgets.HTML().add_class("wb-progress-text")
    analysis = widgets.HTML().add_class("wb-analysis")
    wi_service = widgets.Dropdown(description="Service").add_class("wb-whatif-service")
    wi_option = widgets.Dropdown(description="Option").add_class("wb-whatif-option")
    wi_force = widgets.Button(description="What if it took this?").add_class("wb-whatif-force")
    wi_forbid = widgets.Button(description="What if this were ruled out?")
    wi_forbid.add_class("wb-whatif-forbid")
    wi_result = widgets.HTML().add_class("wb-whatif-panel")
    controls: list[widgets.Widget] = [picker, upload, pin, wi_force, wi_forbid]

    @contextlib.contextmanager
    def working():
        """Controls off while a state call runs; back on whatever happens."""
        for c in controls:
            c.disabled = True
        try:
            yield
        except Exception as exc:  # never into the void: say it on the page
            state.status = f"Something went wrong: {exc}"
        finally:
            for c in controls:
                c.disabled = False

    def weight_controls() -> None:
        pages, titles = [], []
        sliders = []
        for g in state.scenario.stakeholders:
            rows = []
            for c in state.scenario.criteria:
                s = widgets.FloatSlider(value=state.group_weights[g.id].get(c.id, 0), min=0,
                                        max=100, step=1, description=c.name,
                                        continuous_update=False, readout_format=".0f",
                                        style={"description_width": "16em"},
                                        layout=widgets.Layout(width="38em"))
                s.add_class(f"wb-slider-{g.id}-{c.id}")

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
            sliders += rows
        tabs.children = pages
        for k, t in enumerate(titles):
            tabs.set_title(k, t)
        controls[5:] = sliders

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
        givens.value = "<h2>The givens</h2>" + givens_html(state.scenario, state.prices)
        weight_controls()
        lift_controls()
        wi_service.options = [(s.name, s.id) for s in state.scenario.services]
        service_picked()

    def results_changed(_=None) -> None:
        table.value = "<h2>Recommendation</h2>" + _portfolio_table(state)
        satisfaction.value = _satisfaction_html(state)
        agreed.value = _weights_html(state)
        lifted.value = _lifted_html(state)
        compare.value = _comparison_html(state)
        spend.value = _spend_html(state)

    def prices_changed(_=None) -> None:
        if state.scenario is not None:
            givens.value = "<h2>The givens</h2>" + givens_html(state.scenario, state.prices)

    def analysis_changed(_=None) -> None:
        analysis.value = _analysis_html(state)

    def progress_changed(_=None) -> None:
        progress.value = state.progress
        progress_text.value = f"<p>{escape(state.progress_message)}</p>"

    def status_changed(_=None) -> None:
        status.value = f'<p role="status" aria-live="polite">{escape(state.status)}</p>'
        problems.value = ("<ul class='wb-problem-list'>" + "".join(
            f"<li>{escape(p)}</li>" for p in state.problems) + "</ul>") if state.problems \
            else ""

    def service_picked(_=None) -> None:
        if state.scenario is not None and wi_service.value:
            service = state.scenario.service(wi_service.value)
            wi_option.options = [(o.name, o.id) for o in service.options]

    def ask(chosen: bool) -> None:
        with working():
            state.ask_what_if(wi_service.value, wi_option.value, chosen)

    def whatif_changed(_=None) -> None:
        wi_result.value = _whatif_html(state)

    def picked(change) -> None:
        with working():
            state.open_path(SCENARIO_DIR / change["new"])

    def uploaded(change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        with working():
            try:
                text = bytes(item["content"]).decode("utf-8")
            except UnicodeDecodeError:
                state.status = f"{item['name']} is not UTF-8 text; nothing was changed."
                return
            state.open_text(text, item["name"])

    def pinned(_) -> None:
        with working():
            state.pin()
            compare.value = _comparison_html(state)

    state.observe(scenario_changed, names="scenario")
    state.observe(results_changed, names=["result", "lifted_result", "pinned"])
    state.observe(status_changed, names=["status", "problems"])
    state.observe(prices_changed, names="prices")
    state.observe(whatif_changed, names="whatif")
    wi_service.observe(service_picked, names="value")
    wi_force.on_click(lambda _: ask(True))
    wi_forbid.on_click(lambda _: ask(False))
    state.observe(analysis_changed, names="analysis")
    state.observe(progress_changed, names=["progress", "progress_message"])
    start = Path(scenario) if scenario else SCENARIO_DIR / "riverside.yaml"
    if start.name in choices and start.parent.resolve() == SCENARIO_DIR.resolve():
        picker.value = start.name
    state.open_path(start)
    picker.observe(picked, names="value")
    upload.observe(uploaded, names="value")
    pin.on_click(pinned)
    page = widgets.VBox([
        widgets.HTML(STYLE), title, status, widgets.HBox([picker, upload]), problems,
        givens, widgets.HTML("<h2>Lift a given (what-if)</h2>"), lift_box, lifted,
        widgets.HTML("<h2>Weights</h2>"), tabs, agreed,
        table, spend, satisfaction,
        widgets.HTML("<h2>What if…</h2>"), widgets.HBox([wi_service, wi_option]),
        widgets.HBox([wi_force, wi_forbid]), wi_result,
        widgets.HBox([pin]), compare,
        widgets.HBox([progress, progress_text]), analysis,
    ]).add_class("wb-app")
    page.state = state
    return page
