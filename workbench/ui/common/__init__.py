"""Pieces every page shares: one escaping path for untrusted text, and one way to say a
message next to the control it is about (never a refusal beside a success)."""

from __future__ import annotations

from html import escape


def esc(text: object) -> str:
    """Every text from a file or a visitor goes into HTML through here, quotes included."""
    return escape(str(text), quote=True)


KINDS = ("info", "success", "warning", "error")


def message_html(kind: str, text: str) -> str:
    """A message for the place beside a control: ``role=alert`` for errors and warnings (read
    out at once), ``role=status`` otherwise; empty text clears the place."""
    if kind not in KINDS:
        raise ValueError(f"message kind must be one of {', '.join(KINDS)} (got {kind!r})")
    if not text:
        return ""
    role = "alert" if kind in ("warning", "error") else "status"
    return f'<p class="wb-msg wb-msg-{kind}" role="{role}">{esc(text)}</p>'
