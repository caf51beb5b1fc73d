"""The needs register on the facilitator's review page (commissioning-cycle.md, section 6):
each need's card (with a resident's name and contact, this page only), its answer form
(the challenges' own, ``page.AnswerForm``: one answering path, ``store.answer``) and a form
to merge it into another need with the reason.

Here rather than on the facilitator's meeting page: needs go on after the meeting closes,
and the review page is the one that opens after close and already answers the public's
challenges; the meeting page is long with the live weighting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from workbench.store.needs import Need
from workbench.ui.common import esc, message_html
from workbench.ui.common.controls import disabled_while
from workbench.ui.needs import html as needs_html

if TYPE_CHECKING:
    from workbench.ui.review.page import ReviewPage

WIDE = {"width": "auto", "max_width": "40em"}


def need_card_html(need: Need, names: dict[str, str]) -> str:
    """The public card of a need, and who sent it (a resident's name and contact are for
    this page only)."""
    who = ""
    if need.via == "public":
        who = (f"<p>Sent through the public link by <strong>"
               f"{esc(need.proposer_name) or 'no name given'}</strong>, contact "
               f"{esc(need.contact) or 'none given'}.</p>")
    return f"<div class='wb-card wb-need-card'>{needs_html.need_html(need, names)}{who}</div>"


class MergeForm:
    """Merge one need into another, with the reason."""

    def __init__(self, desk: NeedsDesk, key: str):
        self.key = key
        n = needs_html.number(key)
        self.into = widgets.Dropdown(description=f"Merge need {n} into", options=[],
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(**WIDE))
        self.into.add_class(f"wb-merge-into-{n}").add_class("wb-stack")
        self.reason = widgets.Text(description="Why they are the same need",
                                   continuous_update=False,
                                   style={"description_width": "initial"},
                                   layout=widgets.Layout(**WIDE))
        self.reason.add_class(f"wb-merge-reason-{n}").add_class("wb-stack")
        self.button = widgets.Button(description=f"Merge need {n}",
                                     layout=widgets.Layout(width="auto"))
        self.button.add_class(f"wb-merge-{n}")
        self.note = widgets.HTML().add_class(f"wb-note-merge-{n}")
        self.controls = [self.into, self.reason, self.button]
        self.box = widgets.VBox([self.into, self.reason, self.button, self.note]
                                ).add_class("wb-form")
        self.button.on_click(lambda _: desk.merging(self))


class NeedsDesk:
    """Every need with its answer and merge forms, kept per need across redraws."""

    def __init__(self, page: ReviewPage):
        self.page, self.state = page, page.state
        self.merge_forms: dict[str, MergeForm] = {}
        self.summary = widgets.HTML().add_class("wb-needs-summary")
        self.list = widgets.VBox().add_class("wb-needs-list")
        self.box = widgets.VBox([
            widgets.HTML("<h2>Needs register</h2><p>Needs proposed by the panels and by "
                         "residents through the public needs link. Answer each one; merge a "
                         "need into another that says the same (both stay listed, and its "
                         "supports count toward the other).</p>"),
            self.summary, self.list]).add_class("wb-needs-desk")

    def merging(self, form: MergeForm) -> None:
        with disabled_while(form.controls, self.state, f"merge:{form.key}"):
            if self.state.merge_need(form.key, form.into.value or "", form.reason.value):
                form.reason.value = ""

    def show(self) -> None:
        s = self.state
        names = {g.id: g.name for g in s.scenario.stakeholders} if s.scenario else {}
        needs: list[Need] = list(s.needs)
        unanswered = sum(n.state == "not_answered" for n in needs)
        self.summary.value = (f"<p>{len(needs)} need{'s' if len(needs) != 1 else ''}, "
                              f"{unanswered} not answered yet.</p>" if needs else
                              "<p>No need has been proposed yet.</p>")
        open_ = [n for n in needs if not n.merged_into]
        boxes: list[widgets.Widget] = []
        for need in needs:
            answer = self.page._answer_form(need)
            card = need_card_html(need, names)
            if answer.card.value != card:
                answer.card.value = card
            boxes.append(answer.box)
            if need.merged_into:
                if need.key in self.merge_forms:       # its message stays in view
                    boxes.append(self.merge_forms[need.key].note)
                continue
            form = self.merge_forms.get(need.key) or MergeForm(self, need.key)
            self.merge_forms[need.key] = form
            options = [("(choose the need)", "")] + [
                (f"Need {needs_html.number(n.key)}: {n.text[:60]}", n.key)
                for n in open_ if n.key != need.key]
            if list(form.into.options) != options:
                chosen = form.into.value
                form.into.options = options
                form.into.value = chosen if chosen in [v for _, v in options] else ""
            boxes.append(form.box)
        self.list.children = boxes
        self.show_notes()

    def show_notes(self) -> None:
        for key, form in self.merge_forms.items():
            value = message_html(*self.state.message(f"merge:{key}"))
            if form.note.value != value:
                form.note.value = value
