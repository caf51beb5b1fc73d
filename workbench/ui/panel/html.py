"""The HTML of a panel's page, from plain data (names, numbers, sentences), never from the
state: each function can be read and tested alone. Every text is escaped through ``esc``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from workbench.monitoring.answers import STATE_WORDS
from workbench.numbers import figure
from workbench.ui.common import esc, message_html

# Phone first: one column, 16 px text, nothing wider than the screen, targets of 32 px.
STYLE = """<style>
.wb-panel { max-width: 40em; margin: 0 auto; font-size: 16px; line-height: 1.45;
  color: #1a1a1a; overflow-wrap: anywhere; }
.wb-panel .widget-html-content, .wb-panel .widget-html { line-height: 1.4; }
.wb-panel h1 { font-size: 1.45em; line-height: 1.25; margin: 0.3em 0; }
.wb-panel h2 { font-size: 1.2em; line-height: 1.3; margin: 1em 0 0.3em; }
.wb-panel p { margin: 0.35em 0; }
.wb-panel ol.wb-steps { margin: 0.3em 0; padding-left: 1.4em; }
.wb-panel ul.wb-cards { list-style: none; padding: 0; margin: 0.3em 0; }
.wb-panel ul.wb-cards li { border-left: 4px solid #0b4f8a; background: #f4f7fa;
  padding: 0.2em 0.5em; margin: 0.35em 0; }
.wb-panel ul.wb-cards li p { margin: 0.15em 0; }
.wb-panel .wb-card-why { color: #333; }
.wb-panel details { margin: 0.4em 0; }
.wb-panel details > summary { cursor: pointer; min-height: 32px; padding: 0.3em 0;
  color: #0b4f8a; text-decoration: underline; }
.wb-panel details ul { padding-left: 1.2em; margin: 0.2em 0; }
.wb-panel ul.wb-cards.wb-differ li { border-left-color: #8a3b00; }
.wb-panel .wb-served { font-weight: 600; }
.wb-panel .wb-msg { padding: 0.3em 0.6em; margin: 0.3em 0; border-left: 4px solid; }
.wb-panel .wb-msg-error, .wb-panel .wb-msg-warning { border-color: #a4000f;
  background: #fdf0f0; }
.wb-panel .wb-msg-success { border-color: #006d2c; background: #eef8f1; }
.wb-panel .wb-msg-info { border-color: #0b4f8a; }
.wb-panel .wb-submitted { border-left: 4px solid #006d2c; padding-left: 0.5em; }
.wb-panel .widget-textarea textarea { font-size: 16px; }
.wb-panel .widget-button, .wb-panel .widget-toggle-button { min-height: 36px;
  height: auto; white-space: normal; max-width: 100%; font-size: 15px; }
.wb-panel .jupyter-button.mod-primary { background: #0b4f8a; }
.wb-panel .lm-TabBar-tab, .wb-panel .lm-TabBar-tab .lm-TabBar-tabLabel { color: #1a1a1a; }
.wb-panel .lm-TabBar-tab:not(.lm-mod-current) { background: #f3f3f3; }
.wb-panel .widget-label { color: #1a1a1a; }
</style>"""


def intro_html(title: str, group: str, services: int, years: Sequence[str]) -> str:
    """The first screen: what is being decided, and what to do, in four steps."""
    span = years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"
    return (f"<h1>{esc(title)}</h1>"
            f"<p>You speak here for <strong>{esc(group)}</strong>. The council is deciding "
            f"how each of its {services} services will be run from {esc(span)}, and how the "
            "budget is shared between them.</p>"
            "<ol class='wb-steps'><li>Read what cannot change.</li>"
            "<li>Say what matters most to your group.</li>"
            "<li>See what that would choose, beside everyone's choice.</li>"
            "<li>Add your views and submit. You can submit again later.</li></ol>")


def givens_html(cards: Sequence[tuple[str, str, str]]) -> str:
    """The givens as cards: (what it demands, why, who answers for it); reasons in full."""
    items = "".join(
        f"<li><p><strong>{esc(what)}</strong></p><p class='wb-card-why'>Why: {esc(why)}"
        + (f" ({esc(who)} answers for this.)" if who else "") + "</p></li>"
        for what, why, who in cards)
    return ("<h2>1. What cannot change: the givens</h2>"
            f"<ul class='wb-cards wb-givens'>{items}</ul>")


def open_to_change_html(services: Sequence[tuple[str, Sequence[str], str]]) -> str:
    """What is open to change, folded away: each service, its options in words, and which
    one it has today."""
    items = "".join(
        f"<li><strong>{esc(name)}</strong> (today: {esc(today)})<ul>"
        + "".join(f"<li>{esc(o)}</li>" for o in options) + "</ul></li>"
        for name, options, today in services)
    return (f"<details class='wb-open'><summary>What is open to change: the {len(services)} "
            f"services and their options</summary><ul>{items}</ul></details>")


PRIORITIES_HTML = ("<h2>2. What matters most to your group</h2><p>0: it does not matter to "
                   "you; 100: it matters most.</p>")


def choice_html(group: str, differ: Sequence[tuple[str, str, str]], services: int,
                served: float | None, explanation: str = "") -> str:
    """What the panel's priorities would choose beside everyone's: only the services that
    differ, each in words (service, yours, everyone's), and how well everyone's choice
    serves the group."""
    head = "<h2>3. What your priorities would choose</h2>"
    if explanation:
        return head + f"<p class='wb-infeasible'>{esc(explanation)}</p>"
    served_line = "" if served is None else (
        f"<p class='wb-served'>Everyone's choice serves {esc(group)} {served:.2f}, on a scale "
        "from 0 (the worst it could get under the givens) to 1 (its best).</p>")
    if not differ:
        return (head + f"<p class='wb-same'>Your priorities choose the same as everyone's "
                f"for all {services} services.</p>" + served_line)
    items = "".join(
        f"<li><p><strong>{esc(name)}</strong></p><p>Yours: {esc(mine)}</p>"
        f"<p>Everyone's: {esc(ours)}</p></li>" for name, mine, ours in differ)
    same = services - len(differ)
    return (head + f"<p>Your priorities and everyone's (the latest weights of every group, "
            f"with yours as they are now) agree on {same} of the {services} services. They "
            f"differ on {len(differ)}:</p><ul class='wb-cards wb-differ'>{items}</ul>"
            + served_line)


VIEWS_HTML = ("<h2>4. Your views</h2><p>Shown to everyone in the meeting as you write them.</p>")


def submit_html(kind: str, text: str, submitted: dict | None) -> str:
    """The place beside Submit: the outcome of the last press, and what is stored. A refusal
    is never shown beside a success: after one, the last stored revision is said plainly."""
    if kind in ("error", "warning") and text:
        still = "" if not submitted else (
            f"<p>Nothing new was stored. The last stored submission is still revision "
            f"{submitted['revision']} ({_time(submitted['at'])}).</p>")
        return message_html(kind, text) + still
    if kind == "success" and text:
        return f"<p class='wb-submitted wb-msg-success' role='status'>{esc(text)}</p>"
    said = message_html(kind, text) if text else ""
    if not submitted:
        return said + "<p>Nothing submitted yet from this panel.</p>"
    return said + (f"<p class='wb-submitted'>Last submitted: revision "
                   f"{submitted['revision']} at {_time(submitted['at'])}.</p>")


def newer_html(newer: dict, names: dict[str, str]) -> str:
    """The newer revision a stale submission ran into, in words: its weights as points out
    of 100 and its texts, so the panel can choose which to keep."""
    weights = listed_weights(newer["weights"], names)
    parts = [f"<p><strong>Revision {newer['revision']}</strong>, submitted at "
             f"{_time(newer['at'])} from another tab or device, gives {esc(weights)}.</p>"]
    for label, key in (("Its views", "comment"), ("Its dissent note", "dissent")):
        text = newer.get(key) or ""
        parts.append(f"<p>{label}: {'“' + esc(text) + '”' if text else 'none'}</p>")
    return "<div class='wb-newer'>" + "".join(parts) + "</div>"


def listed_weights(weights: dict[str, float], names: dict[str, str]) -> str:
    """'Outcomes for residents 100, Access to services 40, ...' in criterion order, as
    points out of 100 for the largest."""
    top = max(weights.values(), default=0) or 1
    return ", ".join(f"{names.get(c, c)} {100 * weights.get(c, 0) / top:.0f}" for c in names)


def _time(at: datetime) -> str:
    return f"{at:%H:%M} UTC"


def refused_html(why: str) -> str:
    """The whole page for a link that does not work."""
    return (f"<h1>Commissioning workbench</h1><p class='wb-refused' role='alert'>{esc(why)} "
            "Ask the facilitator for your panel's link.</p>")


def answers_html(views: Sequence) -> str:
    """What the group said and what the council answered, newest first."""
    if not views:
        return ("<p class='wb-answers-none'>Nothing to answer yet: once you submit views or "
                "a dissent note, the council's answer appears here.</p>")
    items = []
    for v in sorted(views, key=lambda v: v.version, reverse=True):
        said = "Your dissent note" if v.kind == "dissent" else "Your views"
        if v.answers:
            last = v.answers[-1]
            answer = (f"<p><strong>The answer: {esc(STATE_WORDS[last.state])}</strong>"
                      + "</p>"
                      + (f"<p>{esc(last.text)}</p>" if last.text else "")
                      + f"<p class='wb-card-why'>{esc(last.by)}, {last.at:%d %B %Y %H:%M} UTC"
                      "</p>")
        else:
            answer = "<p><strong>Not answered yet.</strong></p>"
        old = "" if v.current else " <em>(you have since changed it)</em>"
        items.append(f"<li><p>{said}{old}:</p><blockquote>{esc(v.text)}</blockquote>"
                     f"{answer}</li>")
    return f"<ul class='wb-cards wb-my-answers'>{''.join(items)}</ul>"


def target_card_html(target, service: str, position, agreed: str = "") -> str:
    """One proposed target in words, who has agreed it, and what this group last said."""
    higher = target.direction == "higher"
    levels = (f"Target {figure(target.target)} {esc(target.unit)} "
              f"({'higher' if higher else 'lower'} is better); still approaching target "
              f"{'down' if higher else 'up'} to {figure(target.approaching_level)}"
              + (f"; inadequate beyond {figure(target.inadequate)}"
                 if target.inadequate is not None else "")
              + f"; measured each {esc(target.period)}.")
    levels += f" Agreed by {esc(agreed)}." if agreed else " No group has agreed it yet."
    if position is None:
        said = "Your group has not said yet."
    elif position.position == "agree":
        said = "Your group agrees."
    else:
        said = f"Your group proposed {figure(position.value)}" + \
            (f": {esc(position.text)}" if position.text else "") + "."
    return (f"<p><strong>{esc(service)}: {esc(target.measure)}</strong></p><p>{levels}</p>"
            f"<p class='wb-card-why'>{said}</p>")
