"""The HTML of the ballot page, from plain data, never from the state. Every text from the
vote (a project's name or description came from a file or a resident) goes through ``esc``."""

from __future__ import annotations

from workbench.ui.common import esc
from workbench.ui.common.style import STYLE as COMMON_STYLE

# Phone first: one column, 16 px text, tick boxes and buttons of 36 px, labels that wrap.
STYLE = COMMON_STYLE + """<style>
.wb-ballot { max-width: 40em; margin: 0 auto; font-size: 16px; line-height: 1.45;
  color: #1a1a1a; overflow-wrap: anywhere; }
.wb-ballot h1 { font-size: 1.45em; line-height: 1.25; margin: 0.3em 0; }
.wb-ballot p { margin: 0.35em 0; }
.wb-ballot .wb-project { border-top: 1px solid #6b6b6b; padding: 0.4em 0 0.3em; }
.wb-ballot .widget-checkbox { width: 100% !important; height: auto; max-width: 100%; }
.wb-ballot .widget-checkbox label { white-space: normal; height: auto; line-height: 1.35;
  font-size: 16px; font-weight: 600; color: #1a1a1a; display: flex; align-items: flex-start;
  gap: 0.5em; min-height: 36px; }
.wb-ballot .widget-checkbox input[type=checkbox] { width: 24px; height: 24px; flex: 0 0 24px;
  margin: 2px 0 0 0; }
.wb-ballot .wb-project-about { margin: 0 0 0 2.2em; color: #333; }
.wb-ballot .wb-standing, .wb-ballot .wb-budget-note { border-left: 4px solid #0b4f8a;
  background: #f4f7fa; padding: 0.3em 0.6em; }
.wb-ballot .wb-refused { border-left: 4px solid #a4000f; background: #fdf0f0;
  padding: 0.3em 0.6em; }
.wb-ballot .widget-button { min-height: 44px; height: auto; white-space: normal;
  font-size: 16px; width: auto; max-width: 100%; }
</style>"""


def intro_html(name: str, budget: str, projects: int) -> str:
    return (f"<h1>{esc(name)}</h1>"
            f"<p>There is a budget of <strong>{esc(budget)}</strong> for {projects} "
            "projects. <strong>Tick every project you approve of</strong>: as many as you "
            "like. Your ticks may cost more than the budget together; the counting rules "
            "(the council's published rules) decide which projects fit the budget, not your "
            "total.</p><p>One ballot per link: if you send again, your new ballot replaces "
            "the old one until the vote closes. Your ballot is counted without your name or "
            "your link.</p>")


def about_html(description: str) -> str:
    return f"<p class='wb-project-about'>{esc(description)}</p>" if description else ""


def standing_html(text: str) -> str:
    return (f"<p class='wb-standing' role='status' aria-live='polite'>{esc(text)}</p>"
            if text else "")


def budget_note_html(text: str) -> str:
    return f"<p class='wb-budget-note'>{esc(text)}</p>" if text else ""


def refused_html(text: str) -> str:
    return f"<h1>Ballot</h1><p class='wb-refused' role='alert'>{esc(text)}</p>"
