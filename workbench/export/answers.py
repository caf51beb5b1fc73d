"""Every view gets an answer (commissioning-cycle.md, section 2), as published pages show it:
what a group said, and the answer in force (its state in words, its text, who gave it and
when) with the earlier answers it superseded. A dissent note adopted without an answer is
marked "not answered". Plain data in, escaped HTML out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.export.decision import DecisionExport, SaidAndDone
from workbench.export.page import moment_words
from workbench.export.terms import group_names
from workbench.html import escaped as _e
from workbench.monitoring.answers import STATE_WORDS, Answer, state_of
from workbench.scenario.model import Scenario

KIND_WORDS = {"comment": "Comment", "dissent": "Dissent note"}


def answer_html(answers: Sequence[Answer], *, unanswered: str = "") -> str:
    """The answer in force and the earlier ones, or "not answered" (with ``unanswered``, a
    sentence saying what was done without an answer)."""
    state = state_of(answers)
    if not answers:
        note = f" {_e(unanswered)}" if unanswered else ""
        return (f'<div class="answer unanswered"><p><strong>Answer: '
                f"{_e(STATE_WORDS[state])}.</strong>{note}</p></div>")
    last = answers[-1]
    text = f" {_e(last.text)}" if last.text.strip() else ""
    parts = [f'<div class="answer"><p><strong>Answer: {_e(STATE_WORDS[state])}.'
             f"</strong>{text}</p><p class=\"meta\">Answered by {_e(last.by)} on "
             f"{_e(moment_words(last.at))}.</p>"]
    if len(answers) > 1:
        earlier = "".join(
            f"<li>{_e(STATE_WORDS[a.state])}"
            + (f": {_e(a.text)}" if a.text.strip() else "")
            + f" ({_e(a.by)}, {_e(moment_words(a.at))})</li>" for a in answers[:-1])
        parts.append(f"<p>Earlier answers, since superseded:</p><ul>{earlier}</ul>")
    return "".join(parts) + "</div>"


def _view_html(view: SaidAndDone, not_answered: bool, replaced: bool = False) -> str:
    kind = KIND_WORDS.get(view.kind, view.kind)
    mark = "The decision was adopted with this dissent note not answered." \
        if not_answered else ""
    since = " <em>(since replaced by the group)</em>" if replaced else ""
    return (f'<div class="said"><p><strong>{_e(kind)}</strong>{since}</p>'
            f"<blockquote><p>{_e(view.text)}</p></blockquote>"
            + answer_html(view.answers, unanswered=mark) + "</div>")


def you_said_section(decision: DecisionExport) -> str:
    """Each group's comment and dissent note with the answer, group by group ("" when the
    record holds no views: a record adopted before views were answered)."""
    views = decision.views
    if views is None:
        return ""
    head = ("<h2>You said, we did</h2><p>Every comment and dissent note a group gave gets a "
            "written answer: accepted, partly accepted, rejected (with why), being evaluated, "
            "or withdrawn by the group.</p>")
    if not views:
        return head + "<p>No group left a comment or a dissent note.</p>"
    names = group_names(decision.scenario)
    order = [g.id for g in decision.scenario.stakeholders]
    order += sorted({v.group for v in views} - set(order))
    unanswered = set(decision.not_answered)
    parts = [head]
    if unanswered:
        parts.append(f"<p><strong>Adopted with {len(unanswered)} dissent "
                     f"note{'s' if len(unanswered) > 1 else ''} not answered</strong>: "
                     "the adopter confirmed adopting before "
                     f"{'they were' if len(unanswered) > 1 else 'it was'} answered.</p>")
    for group in order:
        said = [v for v in views if v.group == group]
        if said:
            parts.append(f"<h3>{_e(names.get(group, group))}</h3>")
            parts += [_view_html(v, v.key in unanswered) for v in said]
    return "".join(parts)


def views_now_section(views: Sequence[Any], scenario: Scenario) -> str:
    """Every comment and dissent note the groups gave, as the meeting's history holds them
    now (store.cycle.View, earlier texts a group replaced too), each with its answer in force:
    "you said, we did" on the published page, answers given after the decision included."""
    head = ("<h2>You said, we did</h2><p>Every comment and dissent note a group gave, with the "
            "council's answer as it stands today (answers given after the decision too). A "
            "text a group later replaced is kept, marked so.</p>")
    if not views:
        return head + "<p>No group has left a comment or a dissent note.</p>"
    names = group_names(scenario)
    order = [g.id for g in scenario.stakeholders]
    order += sorted({v.group for v in views} - set(order))
    parts = [head]
    for group in order:
        said = [v for v in views if v.group == group]
        if said:
            parts.append(f"<h3>{_e(names.get(group, group))}</h3>")
            for v in said:
                parts.append(_view_html(SaidAndDone(v.key, v.group, v.kind, v.text,
                                                    tuple(v.answers)), False, not v.current))
    return "".join(parts)
