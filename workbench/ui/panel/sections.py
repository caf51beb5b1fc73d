"""The panel page's sections for the commissioning cycle, phone first: the council's answers
to what the group said, its word on the proposed targets, and opting out of the meeting.

Each callback is one state call inside ``disabled_while``; its message shows beside its own
button, and nothing typed is lost on a refusal.
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import disabled_while, text_box
from workbench.ui.panel import html

FULL = {"width": "auto", "max_width": "40em"}


def _box(label: str, css: str, rows: int | None = None, placeholder: str = ""):
    return text_box(label, css, rows, placeholder, "40em").add_class("wb-stack")


def folded(title: str, section: widgets.Widget) -> list[widgets.Widget]:
    """A section one tap away (a toggle that shows and hides it), so a phone's page stays
    within four screens; empty when the section has nothing in it."""
    if isinstance(section, widgets.Box) and not section.children:
        return []
    toggle = widgets.ToggleButton(value=False, description=f"Show: {title}",
                                  layout=widgets.Layout(width="auto")).add_class("wb-fold")
    section.layout.display = "none"

    def flip(change) -> None:
        section.layout.display = None if change["new"] else "none"
        toggle.description = f"{'Hide' if change['new'] else 'Show'}: {title}"

    toggle.observe(flip, names="value")
    return [toggle, section]


class AnswersSection:
    """What the group said, and each answer, kept up to date by the poll."""

    def __init__(self, state):
        self.state = state
        self.html = widgets.HTML().add_class("wb-my-answers-panel")
        state.observe(lambda _: self.show(), names="my_views")
        self.box = widgets.VBox([widgets.HTML("<h2>5. The council's answers to what you "
                                              "said</h2>"), self.html])
        self.show()

    def show(self) -> None:
        self.html.value = html.answers_html(self.state.my_views)


class TargetsSection:
    """The targets proposed for the services (one card each, in words), and one small form
    to agree with one or propose another value: few widgets, so the page stays quick."""

    def __init__(self, state):
        self.state = state
        self.names = {s.id: s.name for s in state.scenario.services}
        self.groups = {g.id: g.name for g in state.scenario.stakeholders}
        self.cards = widgets.HTML().add_class("wb-target-cards")
        self.which = widgets.Dropdown(description="Target", options=[],
                                      style={"description_width": "initial"},
                                      layout=widgets.Layout(**FULL)).add_class("wb-target-which")
        self.choice = widgets.RadioButtons(
            options=[("We agree", "agree"), ("We propose another value", "other")],
            value="agree", layout=widgets.Layout(width="auto")).add_class("wb-target-choice")
        self.value = widgets.FloatText(description="Our value",
                                       style={"description_width": "initial"})
        self.value.add_class("wb-target-value")
        self.other = widgets.VBox([self.value], layout=widgets.Layout(display="none"))
        self.why = _box("Why (optional)", "wb-target-why", 2)
        self.send = widgets.Button(description="Send our word on this target",
                                   layout=widgets.Layout(width="auto")).add_class("wb-target-send")
        self.note = widgets.HTML().add_class("wb-note-targets")
        self.choice.observe(self._toggle, names="value")
        self.which.observe(lambda _: self._fill(), names="value")
        self.send.on_click(lambda _: self.sending())
        state.observe(lambda _: self.show(), names=["targets", "my_positions"])
        state.observe(lambda _: self.show_note(), names="messages")
        intro = widgets.HTML(
            "<h2>6. Targets for the services</h2><p>The council proposes these targets for "
            "the services. Say whether your group agrees, or propose another value. The "
            "facilitator records the agreed targets and who agreed each.</p>")
        self.box = widgets.VBox([intro, self.cards, self.which, self.choice, self.other,
                                 self.why, self.send, self.note]) if state.targets else \
            widgets.VBox([])
        self.show()
        self.show_note()

    @property
    def controls(self) -> list[widgets.Widget]:
        return [self.which, self.choice, self.value, self.why, self.send]

    def _toggle(self, change) -> None:
        self.other.layout.display = None if change["new"] == "other" else "none"

    def _fill(self) -> None:
        found = next((t for t in self.state.targets if t.id == self.which.value), None)
        if found is not None:
            self.value.value = found.target

    def show(self) -> None:
        state = self.state
        items = "".join(
            "<li>" + html.target_card_html(t, self.names.get(t.service, t.service),
                                           state.my_positions.get(t.id),
                                           ", ".join(self.groups.get(g, g) for g in t.agreed_by))
            + "</li>"
            for t in state.targets)
        self.cards.value = f"<ul class='wb-cards wb-targets'>{items}</ul>"
        current = self.which.value
        options = [(f"{self.names.get(t.service, t.service)}: {t.measure}", t.id)
                   for t in state.targets]
        if list(self.which.options) != options:
            self.which.options = options
        ids = [t.id for t in state.targets]
        self.which.value = current if current in ids else (ids[0] if ids else None)

    def show_note(self) -> None:
        self.note.value = message_html(*self.state.message("targets"))

    def sending(self) -> None:
        with disabled_while(self.controls, self.state, "targets"):
            self.state.propose_target(self.which.value or "", self.choice.value == "agree",
                                      self.value.value, self.why.value)


class OptOutSection:
    """Opting the group out of the meeting or of one stage with a reason, and back in to
    each opt-out in force."""

    WHOLE = "the whole meeting"

    def __init__(self, state):
        self.state = state
        self.status = widgets.HTML().add_class("wb-optout-status")
        stages = state.stages
        self.which = widgets.Dropdown(
            options=[(self.WHOLE, "")] + [(f"the {st} stage", st) for st in stages],
            value="", description="Opt out of", style={"description_width": "initial"},
            layout=widgets.Layout(width="auto")).add_class("wb-optout-which")
        self.reason = _box("Why your group opts out (optional, shown to everyone)",
                           "wb-optout-reason", 2)
        self.out = widgets.Button(description="Opt our group out of this meeting",
                                  layout=widgets.Layout(width="auto")).add_class("wb-opt-out")
        self.backs = widgets.VBox().add_class("wb-opt-ins")
        self.note = widgets.HTML().add_class("wb-note-optout")
        self.out.on_click(lambda _: self._press(self._opt_out))
        self.which.observe(lambda _: self._word_out(), names="value")
        state.observe(lambda _: self.show(), names=["opted_out", "my_opt_outs"])
        state.observe(lambda _: self.show_note(), names="messages")
        self.box = widgets.VBox([
            widgets.HTML("<h2>7. Taking part, or not</h2><p>Your group may opt out of this "
                         "meeting" + (", or of one stage while it runs" if stages else "")
                         + ". While it is out its weights count for nothing in the agreed "
                         "weights, and every page and the record list it as \u201copted "
                         "out\u201d with your reason, never as agreeing.</p>"),
            self.status, self.which, self.reason, self.out, self.backs,
            self.note]).add_class("wb-optout")
        self.show()
        self.show_note()

    def _opt_out(self) -> None:
        if self.state.opt_out(self.reason.value, self.which.value or ""):
            self.reason.value, self.which.value = "", ""     # done: the form starts afresh

    def _word_out(self) -> None:
        stage = self.which.value or ""
        self.out.description = (f"Opt our group out of the {stage} stage" if stage
                                else "Opt our group out of this meeting")

    def _controls(self) -> list:
        return [self.out, self.which, self.reason, *self.backs.children]

    def _press(self, call) -> None:
        with disabled_while(self._controls(), self.state, "optout"):
            call()

    def _back(self, stage: str) -> widgets.Button:
        button = widgets.Button(
            description=(f"Opt back in to the {stage} stage" if stage
                         else "Opt our group back in"),
            layout=widgets.Layout(width="auto")).add_class("wb-opt-in")
        button.on_click(lambda _: self._press(lambda: self.state.opt_in(stage)))
        return button

    def show(self) -> None:
        mine = dict(self.state.my_opt_outs)
        lines = [("this meeting" if not st else f"the {esc(st)} stage")
                 + (f" ({esc(r)})" if r else "") for st, r in mine.items()]
        counts_zero = self.state.is_out and "" not in mine
        self.status.value = (
            "<p><strong>Your group has opted out of " + "; ".join(lines) + "</strong>."
            + (" Its influence counts as 0 now." if counts_zero else "")
            + "</p>") if mine else "<p>Your group is taking part in this meeting.</p>"
        whole = "" in mine
        self.out.layout.display = "none" if whole else None
        self.reason.layout.display = "none" if whole else None
        self.which.layout.display = "none" if whole or not self.state.stages else None
        self.backs.children = [self._back(st) for st in mine]

    def show_note(self) -> None:
        self.note.value = message_html(*self.state.message("optout"))
