"""The participatory-budgeting page's state as a traitlets model: no widgets, so tests drive
it without a browser.

An election is read (the bundled example, or an upload), then the three rules run in a
thread with one progress and a cancel; the page shows an election only together with its
three outcomes, so a refused file, a failed rule or a cancel leaves the previous election
and its outcomes on screen, with the reason said beside the upload.
"""

from __future__ import annotations

import atexit
import re
import threading
import weakref
from pathlib import Path
from typing import Any

import traitlets

from workbench.errors import CancelledError, Problem, WorkbenchError
from workbench.limits import limits_for, too_big
from workbench.paths import EXAMPLE_ELECTION
from workbench.pb import Election, compare, election_text, parse_election, read_election
from workbench.ui.common.messages import Messages

PLACES = ("source", "run", "vote")
VOTE_SOURCE = "the ballots sent through the voter links"   # a stored vote, in words
_OPEN: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _stop_runs() -> None:
    """Cancel unfinished runs before the interpreter goes, so no solver thread is cut."""
    for state in list(_OPEN):
        state.close()


def election_name(election: Election, source: str) -> str:
    """The election in words: its description (or unit and year), else the file's name."""
    said = election.meta_value("description")
    if not said:
        said = " ".join(v for v in (election.meta_value("unit"), election.meta_value("instance"))
                        if v)
    return said[:120] or Path(source).name or "the election"


def download_name(source: str) -> str:
    """The export's file name: the source's stem, ASCII letters, digits, - and _ only."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(source).stem).strip("-_") or "election"
    return f"{stem[:60]}.pb"


class PbState(Messages):
    """One election on screen with its outcome under each rule (``outcomes``: rule ->
    Outcome, in the order shown). ``busy`` while the rules run (``progress`` 0 to 1,
    ``progress_message`` in words); ``problems`` are the located problems of the last file
    refused. Messages: "source" beside the upload, "run" beside the progress bar."""

    MESSAGE_PLACES = PLACES

    election = traitlets.Instance(Election, allow_none=True)
    source = traitlets.Unicode("")          # the file's name
    name = traitlets.Unicode("")            # the election in words
    outcomes = traitlets.Dict()
    problems = traitlets.List(traitlets.Unicode())
    busy = traitlets.Bool(False)
    progress = traitlets.Float(0.0)
    progress_message = traitlets.Unicode("")
    shown = traitlets.Int(0)                # counts what was put on screen, to redraw once
    # a stored vote (opened with ``open_vote``): its ballots so far, how many links voted
    vote_mode = traitlets.Bool(False)
    vote_status = traitlets.Unicode("")
    vote_closed = traitlets.Bool(False)

    def __init__(self, background: bool = True, **kwargs: Any):
        super().__init__(**kwargs)
        self._background = background
        self._generation = 0
        self._thread: threading.Thread | None = None
        _OPEN.add(self)

    # -- opening -------------------------------------------------------------------------
    def open_example(self) -> bool:
        """The bundled real election (see workbench/scenarios/pb/README.md)."""
        return self.open_path(EXAMPLE_ELECTION)

    def open_path(self, path: str | Path) -> bool:
        """Read a file on this machine, then work out its outcomes."""
        return self._open(lambda: read_election(path), Path(path).name)

    def open_bytes(self, content: bytes, name: str) -> bool:
        """An upload: at most the upload limit (workbench.limits), UTF-8 text."""
        name = Path(name).name[:120] or "the upload"
        refused = too_big(len(content), limits_for())
        if refused:
            return self._refuse(name, [Problem("", refused, name)])
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return self._refuse(name, [Problem("", f"is not UTF-8 text ({exc.reason} at byte "
                                                   f"{exc.start})", name)])
        return self.open_text(text, name)

    def open_text(self, text: str, name: str) -> bool:
        return self._open(lambda: parse_election(text, name), name)

    def _open(self, read, name: str) -> bool:
        """Read the election; on a refusal keep what is shown and list why. Returns whether
        it was read (its outcomes follow, in the thread)."""
        if self.busy:
            self.say("source", "error", "The outcomes are still being worked out: wait for "
                     "them or cancel first.")
            return False
        try:
            election = read()
        except WorkbenchError as exc:
            return self._refuse(name, list(getattr(exc, "problems", ()))
                                or [Problem("", str(exc), name)])
        self.problems = []
        self.clear("source")
        self._run(election, name)
        return True

    def _refuse(self, name: str, problems: list[Problem]) -> bool:
        kept = f" {self.name} is still shown." if self.election is not None else ""
        with self.hold_trait_notifications():
            self.problems = [str(p) for p in problems]
            self.say("source", "error", f"{name} was not opened: {len(problems)} "
                     f"problem(s), listed below.{kept}")
        return False

    # -- a stored vote (the facilitator's link on a meetings server) ----------------------
    def open_vote(self, store, meeting_id: str, token: str) -> bool:
        """The vote ``meeting_id``'s ballots so far under the three rules; False (and said)
        when this is not a vote the token may read."""
        self._store, self._meeting, self._token = store, meeting_id, token
        self.vote_mode = True
        return self.refresh_vote()

    def refresh_vote(self) -> bool:
        """Count the ballots in force again (a voter may have voted since) and work out
        the outcomes; with no ballot yet there is nothing to count."""
        from workbench.pb.stored import stored_election

        try:
            vote = self._store.vote(self._meeting, self._token)
        except WorkbenchError as exc:
            self.say("vote", "error", f"The vote could not be read: {exc}")
            return False
        state = ("The vote is closed: these ballots are final." if vote.closed else
                 "The vote is open: voters can still vote or change their ballot.")
        with self.hold_trait_notifications():
            self.vote_closed = vote.closed
            self.vote_status = (f"{vote.voted:,} of {len(vote.voters):,} voter links have "
                                f"voted ({vote.cast:,} ballots sent, a replaced ballot "
                                f"included). {state}")
        if not vote.ballots:
            self.say("vote", "info", "No ballot yet: the outcomes show once a voter has "
                     "voted.")
            return True
        self.clear("vote")
        self._run(stored_election(vote), VOTE_SOURCE)
        return True

    def close_vote(self) -> bool:
        """Close the vote (the facilitator's token): the ballots in force are final."""
        try:
            self._store.close_vote(self._meeting, self._token)
        except WorkbenchError as exc:
            self.say("vote", "error", f"The vote was not closed: {exc}")
            return False
        done = self.refresh_vote()
        if done:
            self.say("vote", "success", "The vote is closed: no ballot can be cast or "
                     "changed now. The outcomes below count every ballot in force.")
        return done

    # -- the rules, in a thread ----------------------------------------------------------
    def _run(self, election: Election, source: str) -> None:
        self._generation += 1
        generation = self._generation
        title = election_name(election, source)
        with self.hold_trait_notifications():
            self.busy = True
            self.progress, self.progress_message = 0.0, f"Working out the outcomes of {title}"
            self.clear("run")

        def report(fraction: float, message: str) -> None:
            if generation == self._generation:
                self.progress = fraction
                self.progress_message = f"Working out the outcomes of {title}: {message}"

        def work() -> None:
            try:
                self._work(election, source, title, generation, report)
            finally:
                self.busy = False    # one run at a time: _open refuses while busy

        if self._background:
            self._thread = threading.Thread(target=work, daemon=True)
            self._thread.start()
        else:
            work()

    def _work(self, election: Election, source: str, title: str, generation: int,
              report) -> None:
        try:
            done = compare(election, progress=report,
                           cancelled=lambda: generation != self._generation)
        except CancelledError:
            self._stopped(f"Cancelled: {title} was not opened.")
            return
        except Exception as exc:  # shown, never lost in a thread
            self._stopped(f"The outcomes of {title} could not be worked out: {exc}", "error")
            return
        if generation != self._generation:
            return
        with self.hold_trait_notifications():
            self.election, self.source, self.name = election, source, title
            self.outcomes = done
            self.shown += 1
            self.progress, self.progress_message = 1.0, ""
            self.say("source", "success", f"Opened {title} ({len(election.projects)} "
                     f"projects, {election.voters:,} voters).")

    def _stopped(self, text: str, kind: str = "warning") -> None:
        kept = f" {self.name} is still shown." if self.election is not None else ""
        with self.hold_trait_notifications():
            self.progress, self.progress_message = 0.0, ""
            self.say("run", kind, text + kept)

    def cancel(self) -> None:
        """Stop the rules under way at their next step; what was shown stays."""
        if self.busy:
            self._generation += 1

    def wait(self, timeout: float = 120) -> None:
        """For tests and scripts: block until the run under way has finished."""
        if self._thread is not None:
            self._thread.join(timeout)

    def close(self, timeout: float = 30) -> None:
        self.cancel()
        self.wait(timeout)

    # -- export --------------------------------------------------------------------------
    def export(self) -> tuple[str, bytes] | None:
        """The election shown, as a ``.pb`` file: (download name, bytes)."""
        if self.election is None:
            return None
        if self.vote_mode:
            return f"vote-{self._meeting}.pb", election_text(self.election).encode("utf-8")
        return download_name(self.source), election_text(self.election).encode("utf-8")
