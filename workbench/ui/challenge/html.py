"""The HTML of the challenge page and form, from plain data (names, dates, numbers), never
from the state: each function can be read and tested alone. Every text goes through ``esc``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from workbench.ui.common import esc

# Phone first, as the panel's page: one column, 16 px text (and in every box, so a phone
# does not zoom in), nothing wider than the screen, buttons of 36 px.
STYLE = """<style>
.wb-challenge { max-width: 40em; margin: 0 auto; font-size: 16px; line-height: 1.45;
  color: #1a1a1a; overflow-wrap: anywhere; }
.wb-challenge .widget-html-content, .wb-challenge .widget-html { line-height: 1.4; }
.wb-challenge h1 { font-size: 1.45em; line-height: 1.25; margin: 0.3em 0; }
.wb-challenge h2 { font-size: 1.2em; line-height: 1.3; margin: 1em 0 0.3em; }
.wb-challenge p { margin: 0.35em 0; }
.wb-challenge .wb-engagement ul { padding-left: 1.2em; margin: 0.2em 0; }
.wb-challenge .wb-privacy { border-left: 4px solid #0b4f8a; background: #f4f7fa;
  padding: 0.3em 0.6em; }
.wb-challenge .wb-refused { border-left: 4px solid #a4000f; background: #fdf0f0;
  padding: 0.3em 0.6em; }
</style>"""

# The form's own look, wherever it is shown (this page, or a panel's page).
FORM_STYLE = """<style>
.wb-challenge-form { max-width: 40em; font-size: 16px; line-height: 1.45; color: #1a1a1a; }
.wb-challenge-form .wb-field.widget-inline-hbox { flex-wrap: wrap; height: auto;
  max-width: 100%; align-self: stretch; box-sizing: border-box; margin: 0.5em 0 0.1em; }
.wb-challenge-form .wb-field > .widget-label { flex: 0 0 100%; width: auto !important;
  max-width: 100%; text-align: left; white-space: normal; overflow: visible;
  text-overflow: clip; line-height: 1.35; height: auto; margin: 0 0 0.2em 0;
  font-size: 16px; color: #1a1a1a; font-weight: 600; }
.wb-challenge-form .wb-field select, .wb-challenge-form .wb-field input,
.wb-challenge-form .wb-field textarea { flex: 1 1 100%; max-width: 100%; min-width: 0;
  box-sizing: border-box; font-size: 16px; min-height: 36px; color: #1a1a1a; }
.wb-challenge-form .widget-button { min-height: 36px; height: auto; white-space: normal;
  max-width: 100%; font-size: 16px; margin-top: 0.6em; padding: 4px 14px; }
.wb-challenge-form .jupyter-button.mod-primary { background: #0b4f8a; color: #fff; }
.wb-challenge-form .wb-msg { padding: 0.3em 0.6em; margin: 0.3em 0; border-left: 4px solid; }
.wb-challenge-form .wb-msg-error, .wb-challenge-form .wb-msg-warning {
  border-color: #a4000f; background: #fdf0f0; }
.wb-challenge-form .wb-msg-success { border-color: #006d2c; background: #eef8f1; }
.wb-challenge-form .wb-msg-info { border-color: #0b4f8a; }
.wb-challenge-form .wb-sent { border-left: 4px solid #006d2c; background: #eef8f1;
  padding: 0.3em 0.6em; margin: 0.4em 0; }
.wb-challenge-form .wb-sent ul { padding-left: 1.2em; margin: 0.2em 0; }
.wb-challenge-form .wb-behalf { border-left: 4px solid #0b4f8a; padding-left: 0.5em; }
</style>"""

PRIVACY = ("Your name and contact go only to the council officers who answer challenges; "
           "they are never published.")


def intro_html(scenario_name: str) -> str:
    """The page's title and what it is for."""
    return ("<h1>Challenge a service</h1>"
            f"<p>Anyone who uses a service in <strong>{esc(scenario_name)}</strong>, or is "
            "affected by it, can challenge it here: say what is wrong, and the council "
            "answers in writing.</p>")


def privacy_html() -> str:
    return f"<p class='wb-privacy'>{esc(PRIVACY)}</p>"


def behalf_html(group_name: str) -> str:
    """Above a panel's form: who the challenge speaks for."""
    return (f"<p class='wb-behalf'>This challenge is sent on behalf of "
            f"<strong>{esc(group_name)}</strong>: it counts once for your group, however "
            "many of you send one. Your contact is optional.</p>")


def sent_html(facts: Mapping[str, Any]) -> str:
    """The confirmation of a challenge the store has taken: its reference and what happens
    next, with the numbers of the meeting's own rules."""
    behalf = (f" on behalf of {esc(facts['group_name'])}" if facts.get("group_name") else "")
    return (
        "<div class='wb-sent' role='status'>"
        f"<p><strong>Challenge sent{behalf}. Your reference is {esc(facts['key'])}.</strong>"
        f" It is about {esc(facts['service'])}, lodged on {_day(facts['lodged'])}.</p>"
        "<p>What happens next:</p><ul>"
        f"<li>The council answers every challenge in writing, within "
        f"{facts['answer_days']} days. If there is no answer by {_day(facts['answer_by'])}, "
        "the challenge is shown as overdue.</li>"
        f"<li>When {facts['challengers']} different people or groups challenge the same "
        f"service within {facts['window_days']} days, a review of that service is due: "
        "the council looks again at how it is run.</li></ul>"
        "<p>The form is empty again if you want to send another.</p></div>")


def refused_html(why: str) -> str:
    """The whole page for a link that does not work: the refusal, in words."""
    return (f"<h1>Challenge a service</h1><p class='wb-refused' role='alert'>{esc(why)} "
            "Check the link you were given, or ask the council for the current one.</p>")


def _day(day: date) -> str:
    """12 June 2026, as people write it."""
    return f"{day.day} {day:%B %Y}"
