"""Charts for the page as PNG images with alt text (an <img> in HTML: accessible, and a
new element each time, which browser tests can wait for)."""

from __future__ import annotations

import base64
import io
from html import escape

from matplotlib.figure import Figure


def figure_html(fig: Figure, alt: str, css: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img class="{css}" alt="{escape(alt)}" src="data:image/png;base64,{data}" '
            'style="max-width:100%">')
