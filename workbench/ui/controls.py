"""What every page does around a state call: controls off while it runs, back on in
``finally``, and anything unexpected said on the page's status line, never lost."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

import ipywidgets as widgets


@contextlib.contextmanager
def disabled_while(controls: Iterable[widgets.Widget], state) -> Iterator[None]:
    """Disable ``controls`` for the block; an error goes to ``state.status``."""
    every = list(controls)
    for c in every:
        c.disabled = True
    try:
        yield
    except Exception as exc:  # never into the void: say it on the page
        state.status = f"Something went wrong: {exc}"
    finally:
        for c in every:
            c.disabled = False
