"""The links handed out for a meeting: one place, so the CLI and the pages agree."""

from __future__ import annotations

from urllib.parse import urlencode

DEFAULT_BASE_URL = "http://localhost:8866"
PANEL_PAGE = "panel.ipynb"
FACILITATOR_PAGE = "facilitator.ipynb"
REVIEW_PAGE = "review.ipynb"          # the facilitator's monitoring and review page
CHALLENGE_PAGE = "challenge.ipynb"    # public: anyone may challenge a service, no token
NEEDS_PAGE = "needs.ipynb"            # public: the needs register, no token
SPECIFICATION_PAGE = "specification.ipynb"   # the facilitator's specification and terms


def meeting_link(meeting_id: str, token: str, *, facilitator: bool = False,
                 base_url: str = DEFAULT_BASE_URL) -> str:
    """The Voilà page of a panel (or the facilitator) with its meeting and token."""
    page = FACILITATOR_PAGE if facilitator else PANEL_PAGE
    query = urlencode({"meeting": meeting_id, "token": token})
    return f"{base_url.rstrip('/')}/voila/render/{page}?{query}"


def review_link(meeting_id: str, token: str, *, base_url: str = DEFAULT_BASE_URL) -> str:
    """The review page of a meeting, opened with the facilitator's token."""
    query = urlencode({"meeting": meeting_id, "token": token})
    return f"{base_url.rstrip('/')}/voila/render/{REVIEW_PAGE}?{query}"


def specification_link(meeting_id: str, token: str, *,
                       base_url: str = DEFAULT_BASE_URL) -> str:
    """The specification and contract-terms page of a meeting (the facilitator's token)."""
    query = urlencode({"meeting": meeting_id, "token": token})
    return f"{base_url.rstrip('/')}/voila/render/{SPECIFICATION_PAGE}?{query}"


def challenge_link(meeting_id: str, service: str | None = None, *,
                   base_url: str = DEFAULT_BASE_URL) -> str:
    """The public challenge page of a meeting (for one service, when given): no token, so
    it can be published; the meeting's long random id is all it carries."""
    query = {"meeting": meeting_id, **({"service": service} if service else {})}
    return f"{base_url.rstrip('/')}/voila/render/{CHALLENGE_PAGE}?{urlencode(query)}"


def needs_link(meeting_id: str, *, base_url: str = DEFAULT_BASE_URL) -> str:
    """The public needs register of a meeting: no token, so it can be published."""
    query = urlencode({"meeting": meeting_id})
    return f"{base_url.rstrip('/')}/voila/render/{NEEDS_PAGE}?{query}"


EVALUATOR_PAGE = "evaluator.ipynb"    # a tender evaluator's page: declaration, then marks
MODERATION_PAGE = "moderation.ipynb"  # the tender's moderator: every mark, moderation, result


def tender_link(meeting_id: str, token: str, *, moderator: bool = False,
                base_url: str = DEFAULT_BASE_URL) -> str:
    """The page of a tender evaluator (or, ``moderator``, the moderation page)."""
    page = MODERATION_PAGE if moderator else EVALUATOR_PAGE
    query = urlencode({"meeting": meeting_id, "token": token})
    return f"{base_url.rstrip('/')}/voila/render/{page}?{query}"


BALLOT_PAGE = "ballot.ipynb"          # a voter's ballot in a participatory-budgeting vote
PB_PAGE = "pb.ipynb"                  # the PB page: opened with a vote, its result so far


def ballot_link(meeting_id: str, token: str, *, base_url: str = DEFAULT_BASE_URL) -> str:
    """One voter's ballot page (printed once; it can be handed out on paper)."""
    query = urlencode({"meeting": meeting_id, "token": token})
    return f"{base_url.rstrip('/')}/voila/render/{BALLOT_PAGE}?{query}"


def pb_link(meeting_id: str, token: str, *, base_url: str = DEFAULT_BASE_URL) -> str:
    """The PB page of a vote, opened with the facilitator's token: the result so far."""
    query = urlencode({"meeting": meeting_id, "token": token})
    return f"{base_url.rstrip('/')}/voila/render/{PB_PAGE}?{query}"
