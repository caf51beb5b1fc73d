"""What every page does around a state call: controls off while it runs, back on in
``finally``, and anything unexpected said next to the control, never lost; and the scenario
picker and upload the meeting and finance pages share."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import ipywidgets as widgets

from workbench.paths import EXAMPLE_SCENARIO, SCENARIO_DIR
from workbench.ui.common import esc


def tell(state, place: str, kind: str, text: str) -> None:
    """Say ``text`` at ``place`` when the state has places for messages (``say``), else on
    its status line."""
    say = getattr(state, "say", None)
    if say is not None and place:
        say(place, kind, text)
    else:
        state.status = text


@contextlib.contextmanager
def disabled_while(controls: Iterable[widgets.Widget], state, place: str = "") -> Iterator[None]:
    """Disable ``controls`` for the block. An unexpected error is said at ``place`` when the
    state has places for messages (``say``), else on its status line; never a traceback."""
    every = list(controls)
    for c in every:
        c.disabled = True
    try:
        with said(state, place):
            yield
    finally:
        for c in every:
            c.disabled = False


@contextlib.contextmanager
def marked_busy(box: widgets.DOMWidget, state, place: str = "") -> Iterator[None]:
    """For quick work (a re-solve after a slider move, tens of ms): one class on ``box``
    while it runs instead of disabling every control, which costs the browser one message
    and one re-render per control (it doubled the slider's latency, 84 to 170 ms). Moves
    made meanwhile wait in the kernel and are taken in order. Errors are said as in
    :func:`disabled_while`."""
    box.add_class("wb-busy")
    try:
        with said(state, place):
            yield
    finally:
        box.remove_class("wb-busy")


@contextlib.contextmanager
def said(state, place: str) -> Iterator[None]:
    """An unexpected error said at ``place`` (never into the void, never a traceback)."""
    try:
        yield
    except Exception as exc:
        tell(state, place, "error",
             f"Something went wrong ({type(exc).__name__}: {exc}); nothing was changed.")


class ScenarioSource:
    """Pick a bundled scenario or upload one; both go through the state's ``open_path`` and
    ``open_text``, which keep the open scenario when a file is refused. The status line and
    the located problems of a refused file show under them."""

    def __init__(self, state, working: Callable[[], contextlib.AbstractContextManager]):
        self.state, self.working = state, working
        self.choices = sorted(p.name for p in SCENARIO_DIR.glob("*.yaml"))
        self.picker = widgets.Dropdown(options=self.choices, description="Scenario")
        self.picker.add_class("wb-picker")
        self.upload = widgets.FileUpload(accept=".yaml,.yml,.json", multiple=False,
                                         description="Upload a scenario",
                                         layout=widgets.Layout(width="auto"))
        self.upload.add_class("wb-upload")
        self.status = widgets.HTML().add_class("wb-status")
        self.problems = widgets.HTML().add_class("wb-problems")
        state.observe(lambda _: self.show_status(), names=["status", "problems"])

    def open_first(self, scenario: str | Path | None) -> None:
        """Open ``scenario`` (default: the example), then listen to the picker and upload."""
        start = Path(scenario) if scenario else EXAMPLE_SCENARIO
        if start.name in self.choices and start.parent.resolve() == SCENARIO_DIR.resolve():
            self.picker.value = start.name
        self.state.open_path(start)
        self.picker.observe(self._picked, names="value")
        self.upload.observe(self._uploaded, names="value")

    def show_status(self) -> None:
        self.status.value = (f'<p role="status" aria-live="polite">'
                             f"{esc(self.state.status)}</p>")
        self.problems.value = ("<ul class='wb-problem-list' role='alert'>" + "".join(
            f"<li>{esc(p)}</li>" for p in self.state.problems) + "</ul>") \
            if self.state.problems else ""

    def _picked(self, change) -> None:
        with self.working():
            self.state.open_path(SCENARIO_DIR / change["new"])

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        with self.working():
            try:
                text = bytes(item["content"]).decode("utf-8")
            except UnicodeDecodeError:
                tell(self.state, "source", "error",
                     f"{item['name']} is not UTF-8 text; nothing was changed.")
                return
            self.state.open_text(text, item["name"])


def text_box(label: str, css: str, rows: int | None = None, placeholder: str = "",
             max_width: str = "44em") -> widgets.Text | widgets.Textarea:
    """A labelled text box (a Textarea with ``rows``), sent when it loses focus, never
    throttled mid-word, as wide as the screen allows up to ``max_width``."""
    kind = widgets.Textarea if rows else widgets.Text
    box = kind(description=label, placeholder=placeholder, continuous_update=False,
               style={"description_width": "initial"},
               layout=widgets.Layout(width="auto", max_width=max_width))
    if rows:
        box.rows = rows
    return box.add_class(css)
