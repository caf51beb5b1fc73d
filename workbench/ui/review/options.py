"""Proposed options on the facilitator's review page (commissioning-cycle.md, section 6):
each proposal with its proposer, fields and rationale; a costing form (cost a year,
one-off cost, a score per criterion, all needed) that accepts it into a new scenario
version, or a reason that declines it; and for an accepted one, the new version as a
download with the diff against the version before.

Beside the needs register, for the same reasons: proposals go on after the meeting
closes, and this is the page that answers the public's and the panels' proposals.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

import ipywidgets as widgets

from workbench.errors import WorkbenchError
from workbench.export.answers import answer_html
from workbench.export.options import costing_html, option_facts_html
from workbench.store.options import ProposedOption, number
from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import disabled_while

if TYPE_CHECKING:
    from workbench.scenario import Scenario
    from workbench.ui.review.page import ReviewPage

WIDE = {"width": "auto", "max_width": "40em"}


def _text(label: str, css: str, placeholder: str = "", rows: int = 0) -> widgets.Widget:
    kind = widgets.Textarea if rows else widgets.Text
    box = kind(description=label, placeholder=placeholder, continuous_update=False,
               style={"description_width": "initial"}, layout=widgets.Layout(**WIDE))
    if rows:
        box.rows = rows
    return box.add_class(css).add_class("wb-stack")


DIFF_CSS = ("<style>.wb-diff{white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%;"
            "font-size:0.85em;background:#f6f6f6;padding:0.5em}</style>")


def version_html(name: str, content: bytes, diff: str, version: int) -> str:
    """The new version's download and its diff (escaped), for an accepted option."""
    data = base64.b64encode(content).decode("ascii")
    return (f"<p><a class='wb-download wb-version-download' download='{esc(name)}' "
            f"href='data:application/yaml;base64,{data}'>Download scenario version "
            f"{version}, {esc(name)}</a>. The meeting's own scenario is unchanged: use this "
            "file for the next meeting or analysis (on the command line: <code>workbench "
            "options accept MEETING N --out FILE</code> writes the same file).</p>"
            f"<details open><summary>What changed from version {version - 1} to version "
            f"{version}</summary><pre class='wb-diff' tabindex='0'>{esc(diff)}</pre>"
            "</details>")


def option_card_html(option: ProposedOption, scenario: Scenario) -> str:
    return (f"<div class='wb-card wb-option-card'>{option_facts_html(option, scenario)}"
            f"{costing_html(option, scenario)}{answer_html(option.answers)}</div>")


class CostingForm:
    """Cost, score and accept one proposal, or decline it with the reason."""

    def __init__(self, desk: OptionsDesk, option: ProposedOption, scenario: Scenario):
        self.key = option.key
        self.names = {c.id: c.name for c in scenario.criteria}
        n = number(option.key)
        self.cost = _text("Cost a year (one amount, or one a year separated by ;)",
                          f"wb-option-cost-{n}", "rough cost proposed: " + (
                              "; ".join(f"{v:g}" for v in option.rough_cost) or "none"))
        self.one_off = _text("One-off cost (empty: none)", f"wb-option-oneoff-{n}")
        self.scores = {c.id: _text(f"Score for {c.name} (0 to 100)",
                                   f"wb-option-score-{n}-{c.id}",
                                   f"expected: {option.scores[c.id]:g}"
                                   if c.id in option.scores else "")
                       for c in scenario.criteria}
        self.by = _text("Costed and answered by", f"wb-option-by-{n}", "name and role")
        self.accept = widgets.Button(description=f"Accept proposal {n} into a new scenario "
                                     "version", layout=widgets.Layout(width="auto"))
        self.accept.add_class(f"wb-option-accept-{n}")
        self.reason = _text("Or decline it: why", f"wb-option-reason-{n}", rows=2)
        self.decline = widgets.Button(description=f"Decline proposal {n}",
                                      layout=widgets.Layout(width="auto"))
        self.decline.add_class(f"wb-option-decline-{n}")
        self.note = widgets.HTML().add_class(f"wb-note-option-{n}")
        self.version = widgets.HTML().add_class(f"wb-option-version-{n}")
        self.card = widgets.HTML().add_class("wb-option-card-box")
        self.controls = [self.cost, self.one_off, *self.scores.values(), self.by, self.accept,
                         self.reason, self.decline]
        self.form = widgets.VBox([self.cost, self.one_off, *self.scores.values(), self.by,
                                  self.accept, self.reason, self.decline])
        self.box = widgets.VBox([self.card, self.form, self.note, self.version]
                                ).add_class("wb-form")
        self.accept.on_click(lambda _: desk.accepting(self))
        self.decline.on_click(lambda _: desk.declining(self))

    def typed_scores(self) -> dict[str, float | None]:
        """The scores typed; a box left empty is None, a word is refused by the store."""
        out: dict[str, float | None] = {}
        for c, box in self.scores.items():
            text = box.value.strip()
            if not text:
                out[c] = None
                continue
            try:
                out[c] = float(text)
            except ValueError:
                raise WorkbenchError(f"the score for {self.names[c]} must be a number "
                                     f"from 0 to 100 (got {text[:20]!r})") from None
        return out


class OptionsDesk:
    """Every proposed option with its costing form, kept per proposal across redraws."""

    def __init__(self, page: ReviewPage):
        self.page, self.state = page, page.state
        self.forms: dict[str, CostingForm] = {}
        self.summary = widgets.HTML().add_class("wb-options-summary")
        self.list = widgets.VBox().add_class("wb-options-list")
        self.box = widgets.VBox([
            widgets.HTML("<h2>Options proposed by the panels</h2><p>A proposed option is "
                         "never optimised as proposed. Cost and score it to accept it into a "
                         "new version of the scenario (a file to download, with what "
                         "changed), or decline it with the reason. The panel sees the "
                         "answer.</p>"),
            widgets.HTML(DIFF_CSS), self.summary, self.list]).add_class("wb-options-desk")

    def accepting(self, form: CostingForm) -> None:
        with disabled_while(form.controls, self.state, f"option:{form.key}"):
            try:
                scores = form.typed_scores()
            except WorkbenchError as exc:
                self.state.say(f"option:{form.key}", "error", f"Not accepted: {exc}. "
                               "Nothing you typed was lost.")
                return
            self.state.accept_option(form.key, form.cost.value, form.one_off.value, scores,
                                     form.by.value)

    def declining(self, form: CostingForm) -> None:
        with disabled_while(form.controls, self.state, f"option:{form.key}"):
            if self.state.decline_option(form.key, form.reason.value, form.by.value):
                form.reason.value = ""

    def show(self) -> None:
        s = self.state
        if s.scenario is None:
            return
        base = s.store.scenario(s.meeting_id)
        options: list[ProposedOption] = list(s.options)
        waiting = sum(o.state == "not_answered" for o in options)
        self.summary.value = (f"<p>{len(options)} proposed option"
                              f"{'s' if len(options) != 1 else ''}, {waiting} not answered "
                              "yet.</p>" if options else "<p>No option has been proposed "
                              "yet.</p>")
        boxes = []
        for option in options:
            form = self.forms.get(option.key) or CostingForm(self, option, base)
            self.forms[option.key] = form
            card = option_card_html(option, base)
            if form.card.value != card:
                form.card.value = card
            form.form.layout.display = "none" if option.accepted else None
            made = s.version_file(option) if not form.version.value else None
            if made is not None and option.accepted is not None:
                html = version_html(made[0], made[1], made[2], option.accepted.scenario_version)
                if form.version.value != html:
                    form.version.value = html
            boxes.append(form.box)
        self.list.children = boxes
        self.show_notes()

    def show_notes(self) -> None:
        for key, form in self.forms.items():
            value = message_html(*self.state.message(f"option:{key}"))
            if form.note.value != value:
                form.note.value = value
