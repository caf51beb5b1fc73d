"""The public challenge page: the title, the terms of engagement first, a line on privacy,
then the challenge form. A link that does not work shows only the refusal, in words."""

from __future__ import annotations

import ipywidgets as widgets

from workbench.errors import WorkbenchError
from workbench.ui.challenge import html
from workbench.ui.challenge.form import ChallengeForm
from workbench.ui.challenge.state import ChallengeState
from workbench.ui.common.engagement import engagement_html


def build_challenge_page(store, meeting_id: str, service: str | None = None,
                         token: str | None = None) -> widgets.VBox:
    """The page for a meeting's public challenge link (``service``: the one the link names,
    chosen to start with; ``token``: a panel's, to challenge on behalf of its group)."""
    state = ChallengeState(store, meeting_id, token=token, service=service)
    if not state.open():
        return _page(widgets.HTML(html.refused_html(state.refused)))
    try:
        opted_out = store.opted_out(meeting_id)
    except WorkbenchError:
        opted_out = {}                     # the terms are still shown, without who opted out
    form = ChallengeForm(state)
    return _page(widgets.HTML(html.intro_html(state.scenario.name)),
                 widgets.HTML(engagement_html(state.scenario, opted_out)),
                 widgets.HTML(html.privacy_html()), form.widget)


def _page(*children: widgets.Widget) -> widgets.VBox:
    return widgets.VBox([widgets.HTML(html.STYLE), *children]).add_class("wb-challenge")
