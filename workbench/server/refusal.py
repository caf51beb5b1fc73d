"""The small pages the server answers with itself, costing no kernel: a refused link, a page
that is not served here, a full meeting. Plain words, every text escaped, nothing external."""

from __future__ import annotations

from html import escape

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;font-size:18px;line-height:1.5;color:#1a1a1a;
background:#fff;margin:0;padding:1.5rem}}main{{max-width:36rem;margin:2rem auto}}
h1{{font-size:1.5rem}}</style></head>
<body><main class="wb-refused" role="main"><h1>{title}</h1><p>{message}</p></main></body>
</html>
"""


def page(title: str, message: str) -> str:
    return TEMPLATE.format(title=escape(title), message=escape(message))


def refused(reason: str) -> str:
    return page("This link cannot be used",
                f"This link cannot be used: {reason}. Ask the facilitator for a new link.")


def not_here() -> str:
    return page("Nothing to open here",
                "There is no page at this address. Open the link you were given for your "
                "meeting.")


def full(mine: bool) -> str:
    if mine:
        return page("Too many pages open",
                    "You have too many pages of this meeting open: close one of them, then "
                    "try again in a minute.")
    return page("The meeting is full",
                "The meeting is full: try again in a minute.")
