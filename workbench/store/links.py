"""The links handed out for a meeting: one place, so the CLI and the pages agree."""

from __future__ import annotations

from urllib.parse import urlencode

DEFAULT_BASE_URL = "http://localhost:8866"
PANEL_PAGE = "panel.ipynb"
FACILITATOR_PAGE = "facilitator.ipynb"


def meeting_link(meeting_id: str, token: str, *, facilitator: bool = False,
                 base_url: str = DEFAULT_BASE_URL) -> str:
    """The Voilà page of a panel (or the facilitator) with its meeting and token."""
    page = FACILITATOR_PAGE if facilitator else PANEL_PAGE
    query = urlencode({"meeting": meeting_id, "token": token})
    return f"{base_url.rstrip('/')}/voila/render/{page}?{query}"
