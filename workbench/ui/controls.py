"""What every page does around a state call: controls off while it runs, back on in
``finally``, and anything unexpected said on the page's status line, never lost."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from html import escape
from pathlib import Path

import ipywidgets as widgets

from workbench.paths import EXAMPLE_SCENARIO, SCENARIO_DIR


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
                                         description="Upload a scenario")
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
                             f"{escape(self.state.status)}</p>")
        self.problems.value = ("<ul class='wb-problem-list'>" + "".join(
            f"<li>{escape(p)}</li>" for p in self.state.problems) + "</ul>") \
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
                self.state.status = f"{item['name']} is not UTF-8 text; nothing was changed."
                return
            self.state.open_text(text, item["name"])
