"""The PB page: widgets linked to a PbState, and nothing else.

The bundled example or an uploaded ``.pb`` file; while the three rules run (in the state's
thread) a progress bar and a Cancel button show, and the upload and the example are off
until the run ends. A refused file's problems show beside the upload, in words, with its
line; the export is a link holding the file (no server round trip), as on the finance page.
"""

from __future__ import annotations

import threading

import ipywidgets as widgets

from workbench.ui.common import message_html
from workbench.ui.common.controls import said
from workbench.ui.pb import html
from workbench.ui.pb.state import PbState

INTRO = ("<h1>Participatory budgeting</h1><p>Residents voted on projects for a budget. "
         "This page shows which projects three ways of counting would fund, what each "
         "costs, and how many voters would see at least one project they voted for "
         "funded. Open the example, or upload an election as a pabulib <code>.pb</code> "
         "file.</p>")


VOTE_INTRO = ("<h1>Participatory budgeting: the vote</h1><p>The ballots sent so far through "
              "the voter links, counted three ways: which projects each rule would fund, "
              "what it costs, and how many voters would see at least one project they "
              "approved funded. Count again to take in the latest ballots; close the vote "
              "when voting ends.</p>")


class PbPage:
    """The page; ``widget`` is what the notebook shows. With ``vote`` (a state opened
    with ``open_vote``) it shows a stored vote: no upload or example, but how many voter
    links voted, Count again and Close the vote."""

    def __init__(self, state: PbState | None = None, open_example: bool = True):
        self.state = state = state or PbState()
        vote = state.vote_mode
        self._lock = threading.RLock()
        self.example = widgets.Button(description="Open the example (Służewiec, Warsaw, 2019)",
                                      layout=widgets.Layout(width="auto"))
        self.example.add_class("wb-pb-example")
        self.upload = widgets.FileUpload(accept=".pb,.txt,.csv", multiple=False,
                                         description="Upload a .pb file",
                                         layout=widgets.Layout(width="auto"))
        self.upload.add_class("wb-pb-upload")
        self.source_said = widgets.HTML().add_class("wb-source-message")
        self.problems = widgets.HTML().add_class("wb-problems")
        self.progress = widgets.FloatProgress(value=0, min=0, max=1,
                                              description="Working",
                                              layout=widgets.Layout(display="none"))
        self.progress.add_class("wb-progress")
        self.progress_text = widgets.HTML().add_class("wb-progress-text")
        self.cancel = widgets.Button(description="Cancel", disabled=True,
                                     tooltip="Stop working out the outcomes; the election "
                                     "shown stays",
                                     layout=widgets.Layout(width="auto", display="none"))
        self.cancel.add_class("wb-pb-cancel")
        self.run_said = widgets.HTML().add_class("wb-run-message")
        self.about = widgets.HTML().add_class("wb-pb-about")
        self.summary = widgets.HTML().add_class("wb-pb-summary-box")
        self.projects = widgets.HTML().add_class("wb-pb-projects-box")
        self.download = widgets.HTML().add_class("wb-pb-download")
        self.vote_status = widgets.HTML().add_class("wb-vote-status")
        self.recount = widgets.Button(description="Count the ballots again",
                                      layout=widgets.Layout(width="auto"))
        self.close_vote = widgets.Button(description="Close the vote",
                                         tooltip="No ballot can be cast or changed after",
                                         layout=widgets.Layout(width="auto"))
        self.vote_said = widgets.HTML().add_class("wb-vote-message")
        self.controls = [self.recount, self.close_vote] if vote else [self.example,
                                                                       self.upload]

        self.recount.on_click(lambda _: self._start(state.refresh_vote))
        self.close_vote.on_click(lambda _: self._start(state.close_vote))
        state.observe(lambda _: self._show_vote(),
                      names=["vote_status", "vote_closed", "messages"])
        self.example.on_click(lambda _: self._open_example())
        self.upload.observe(self._uploaded, names="value")
        self.cancel.on_click(lambda _: state.cancel())
        state.observe(lambda _: self._show_busy(), names="busy")
        state.observe(lambda _: self._show_progress(),
                      names=["progress", "progress_message"])
        state.observe(lambda _: self._show_messages(), names=["messages", "problems"])
        state.observe(lambda _: self._show_election(), names="shown")
        top = [widgets.HTML(VOTE_INTRO), self.vote_status,
               widgets.HBox([self.recount, self.close_vote]).add_class("wb-row"),
               self.vote_said] if vote else [
            widgets.HTML(INTRO), widgets.HBox([self.example, self.upload]).add_class("wb-row")]
        self.widget = widgets.VBox([
            widgets.HTML(html.STYLE), *top,
            self.source_said, self.problems,
            widgets.HBox([self.progress, self.cancel]).add_class("wb-row"),
            self.progress_text, self.run_said,
            self.about, self.summary, self.download, self.projects,
        ]).add_class("wb-app").add_class("wb-pb")
        if vote:
            self._show_vote()
            self._show_busy()
            self._show_messages()
            if state.election is not None:
                self._show_election()
        elif open_example:
            self._open_example()

    def _show_vote(self) -> None:
        s = self.state
        self.vote_status.value = (f"<p class='wb-standing' role='status'>"
                                  f"{html.esc(s.vote_status)}</p>") if s.vote_status else ""
        self.vote_said.value = message_html(*s.message("vote"))
        if s.vote_mode:
            self.close_vote.disabled = s.vote_closed or s.busy
            self.close_vote.layout.display = "none" if s.vote_closed else None

    def _open_example(self) -> None:
        self._start(self.state.open_example)

    def _uploaded(self, change) -> None:
        files = change["new"]
        if files:
            item = files[0]
            self._start(lambda: self.state.open_bytes(bytes(item["content"]), str(item["name"])))

    def _start(self, call) -> None:
        """Controls off while the file is read here and the rules run in the state's thread;
        back on, in ``finally``, unless the rules are still running (then the state's
        ``busy``, cleared in its own ``finally``, turns them back on)."""
        for control in self.controls:
            control.disabled = True
        try:
            with said(self.state, "source"):
                call()
        finally:
            self._show_busy()

    def _show_busy(self) -> None:
        """Controls off while the rules run, back on when they end; the progress and Cancel
        show only meanwhile. Called from the page and from the state's thread: the lock
        makes each call read ``busy`` and set the controls as one step."""
        with self._lock:
            busy = self.state.busy
            for control in self.controls:
                control.disabled = busy
            self.cancel.disabled = not busy
            if self.state.vote_mode and self.state.vote_closed:
                self.close_vote.disabled = True
            shown = None if busy else "none"
            self.progress.layout.display = shown
            self.cancel.layout.display = shown
            self._show_progress()

    def _show_progress(self) -> None:
        self.progress.value = self.state.progress
        text = self.state.progress_message if self.state.busy else ""
        self.progress_text.value = f'<p role="status" aria-live="polite">{html.esc(text)}</p>' \
            if text else ""

    def _show_messages(self) -> None:
        self.source_said.value = message_html(*self.state.message("source"))
        self.run_said.value = message_html(*self.state.message("run"))
        self.problems.value = html.problems_html(self.state.problems)

    def _show_election(self) -> None:
        s = self.state
        self.about.value = html.about_html(s.election, s.name, s.source)
        self.summary.value = html.summary_html(s.election, s.outcomes)
        self.projects.value = html.projects_html(s.election, s.outcomes)
        exported = s.export()
        self.download.value = html.download_html(*exported) if exported else ""


def build_pb_page() -> widgets.VBox:
    """The PB page on the bundled example."""
    return PbPage().widget


def build_vote_page(store, meeting_id: str, token: str) -> widgets.VBox | None:
    """The PB page on a stored vote (the facilitator's token), or None when the meeting is
    not a vote (then the page is the example's, as before)."""
    from workbench.errors import WorkbenchError

    try:
        store.vote(meeting_id, token)
    except WorkbenchError:
        return None
    state = PbState()
    state.open_vote(store, meeting_id, token)
    return PbPage(state, open_example=False).widget
