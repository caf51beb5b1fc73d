"""Entry point of the notebooks: one call builds the whole page."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from workbench.paths import EXAMPLE_SCENARIO
from workbench.ui.finance import FinancePage, decision_from_meeting, export_panel
from workbench.ui.meeting.page import build_meeting_app

EXAMPLE = EXAMPLE_SCENARIO


def default_scenario() -> Path:
    return Path(os.environ.get("WORKBENCH_SCENARIO") or EXAMPLE)


# ipywidgets gives a slider's handle (role=slider) no accessible name; name each one after
# its widget's description, now and whenever widgets are drawn (tabs, new scenarios).
NAME_SLIDERS = """
(function () {
  function name() {
    document.querySelectorAll('.widget-slider').forEach(function (w) {
      var label = w.querySelector('.widget-label');
      var handle = w.querySelector('.noUi-handle');
      if (label && handle && !handle.getAttribute('aria-label')) {
        handle.setAttribute('aria-label', label.textContent.trim());
      }
    });
  }
  name();
  new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
})();
"""


# The same server serves the participatory-budgeting page at /pb (workbench.serve).
PB_LINK = ("<h2>Participatory budgeting</h2><p><a class='wb-pb-link' href='pb'>Open the "
           "participatory budgeting page</a>: which residents' projects three ways of "
           "counting the votes would fund.</p>")


def build_app(scenario: str | Path | None = None) -> widgets.VBox:
    """The meeting workbench on ``scenario`` (default: WORKBENCH_SCENARIO or the example),
    with the finance export of its current recommendation at the foot of the page."""
    from IPython.display import Javascript, display

    page = build_meeting_app(scenario or default_scenario())
    page.add_section("foot", export_panel(lambda: decision_from_meeting(page.state)))
    page.add_section("foot", widgets.HTML(PB_LINK))
    display(Javascript(NAME_SLIDERS))
    return page.widget


def build_finance_app(scenario: str | Path | None = None) -> widgets.VBox:
    """The finance page on ``scenario`` (default: WORKBENCH_SCENARIO or the example), with
    the meeting store's adopted decisions to pick from when a store exists."""
    return FinancePage(scenario or default_scenario()).widget


def build_pb_app() -> widgets.VBox:
    """The participatory-budgeting page: the bundled election, or an uploaded one, under the
    three rules side by side."""
    from workbench.server.visitor import current
    from workbench.ui.pb.page import build_pb_page, build_vote_page

    found = current()
    if found.meeting and found.token:       # the facilitator's link of a stored vote
        from workbench.store import MeetingStore

        shown = build_vote_page(MeetingStore(), found.meeting, found.token)
        if shown is not None:
            return shown
    return build_pb_page()


def _link() -> tuple[str, str]:
    """The meeting and token this page was opened with, as the server verified them before
    starting this kernel (workbench.server.visitor; WORKBENCH_MEETING and WORKBENCH_TOKEN
    stand in outside the server). The token is never in the page's address."""
    from workbench.server.visitor import current

    found = current()
    return found.meeting, found.token


def build_panel_app() -> widgets.VBox:
    """A stakeholder panel's page for the meeting and token in its link."""
    from IPython.display import Javascript, display

    from workbench.store import MeetingStore
    from workbench.ui.panel import PanelPage, PanelState

    meeting, token = _link()
    state = PanelState(MeetingStore(), meeting, token)
    page = PanelPage(state)
    if state.scenario is not None:
        state.start_polling()          # the council's answers arrive without a reload
    display(Javascript(NAME_SLIDERS))
    return page.widget


def build_facilitator_app() -> widgets.VBox:
    """The facilitator's page for the meeting in its link: every panel's input, live."""
    from IPython.display import Javascript, display

    from workbench.store import MeetingStore
    from workbench.ui.facilitator.page import build_facilitator_page
    from workbench.ui.facilitator.state import FacilitatorState

    meeting, token = _link()
    built = build_facilitator_page(FacilitatorState(MeetingStore(), meeting, token))
    display(Javascript(NAME_SLIDERS))
    return built


def build_review_app() -> widgets.VBox:
    """The facilitator's review page: results, ratings, challenges and reviews."""
    from IPython.display import Javascript, display

    from workbench.store import MeetingStore
    from workbench.ui.review.page import build_review_page

    meeting, token = _link()
    built = build_review_page(MeetingStore(), meeting, token)
    display(Javascript(NAME_SLIDERS))
    return built


def build_ballot_app() -> widgets.VBox:
    """A voter's ballot page for the vote and voter link in its link."""
    from workbench.store import MeetingStore
    from workbench.ui.ballot.page import build_ballot_page

    meeting, token = _link()
    return build_ballot_page(MeetingStore(), meeting, token)


def build_specification_app() -> widgets.VBox:
    """The facilitator's specification and contract-terms page (section 5)."""
    from workbench.store import MeetingStore
    from workbench.ui.codesign.page import build_codesign_page

    meeting, token = _link()
    return build_codesign_page(MeetingStore(), meeting, token)


def build_challenge_app() -> widgets.VBox:
    """The public challenge page of the meeting in its link (no token)."""
    from workbench.server.visitor import current
    from workbench.store import MeetingStore
    from workbench.ui.challenge.page import build_challenge_page

    found = current()
    return build_challenge_page(MeetingStore(), found.meeting, found.service)


def build_needs_app() -> widgets.VBox:
    """The public needs register of the meeting in its link (no token)."""
    from workbench.server.visitor import current
    from workbench.store import MeetingStore
    from workbench.ui.needs.page import build_needs_page

    return build_needs_page(MeetingStore(), current().meeting)


def build_evaluator_app() -> widgets.VBox:
    """A tender evaluator's page: the declaration of interest, then the marks (no price)."""
    from workbench.store import MeetingStore
    from workbench.ui.tender.page import build_evaluator_page

    meeting, token = _link()
    return build_evaluator_page(MeetingStore(), meeting, token)


def build_moderation_app() -> widgets.VBox:
    """The tender moderator's page: every mark, moderation, the result and the report."""
    from workbench.store import MeetingStore
    from workbench.ui.tender.page import build_moderation_page

    meeting, token = _link()
    return build_moderation_page(MeetingStore(), meeting, token)
