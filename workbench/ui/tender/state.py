"""The tender evaluation's pages as traitlets models: no widgets, so tests drive them
(commissioning-cycle.md, section 5).

``EvaluatorState`` is one evaluator's: the declaration of interest first, then a mark of each
bid on each quality criterion. It holds only what an evaluator may see: bidders' names and
the criteria, never a price (the prices stay in the store; ``rows`` and every trait are
price-free, so no widget made from them can carry one to the browser).

``ModerationState`` is the moderator's: every evaluator's marks side by side, the
declarations, a moderated mark with its reason per cell, and, once every mark is in, the
result (``evaluate``) and the report.

Each action is one store call; a refusal is said beside the control it is about, and a
poll every few seconds takes in what the others did meanwhile.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

import traitlets

from workbench.errors import WorkbenchError
from workbench.limits import excerpt
from workbench.store.checks import MAX_TEXT
from workbench.store.tender import EVALUATOR, MODERATOR
from workbench.tender.evaluation import TenderResult, evaluate
from workbench.tender.reader import number_text
from workbench.tender.stored import Evaluation, stored_tender
from workbench.ui.common.messages import Messages
from workbench.ui.common.polling import FollowsStore

POLL_SECONDS = 3.0
TEXT_LIMIT = MAX_TEXT
PLACES = ("declare", "mark", "moderate", "close", "poll")


class _Followed(FollowsStore, Messages):
    """What both pages share: the link checked, the evaluation read, polling."""

    MESSAGE_PLACES: ClassVar[tuple[str, ...]] = PLACES
    ROLE: ClassVar[str] = ""
    READING: ClassVar[str] = "the evaluation"

    refused = traitlets.Unicode("")
    name = traitlets.Unicode("")            # the tender's name
    closed = traitlets.Bool(False)
    version = traitlets.Int(0)
    changed = traitlets.Int(0)              # counts each new reading: pages redraw
    busy = traitlets.Bool(False)

    def __init__(self, store, meeting_id: str, token: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.store, self.meeting_id, self.token = store, meeting_id, token
        self.actor = ""
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None


    def open(self) -> bool:
        try:
            access = self.store.access(self.meeting_id, self.token, after_close=True)
            if access.role != self.ROLE:
                raise WorkbenchError(f"this page needs a tender {self.ROLE}'s link")
            self.actor = access.group or ""
            self.refresh()
        except WorkbenchError as exc:
            self.refused = f"This link cannot be used: {exc}"
            return False
        return True

    def refresh(self) -> None:
        with self._lock:
            version = self.store.meeting(self.meeting_id).version     # first: never skip one
            evaluation = self.store.tender_evaluation(self.meeting_id, self.token)
            with self.hold_trait_notifications():
                self.version = version
                self._take(evaluation)
            self.changed += 1

    def _take(self, evaluation: Evaluation) -> None:
        raise NotImplementedError

    def _act(self, place: str, call, done: str) -> bool:
        """One store call; its refusal said at ``place``, its success too, then re-read."""
        self.busy = True
        try:
            call()
        except WorkbenchError as exc:
            self.say(place, "error", f"Not saved: {str(exc).rstrip('.')}.")
            return False
        finally:
            self.busy = False
        self.refresh()
        self.say(place, "success", done)
        return True


def mark_words(value: float | None) -> str:
    return "not marked yet" if value is None else number_text(value)


class EvaluatorState(_Followed):
    """One evaluator's page: ``rows`` is ``[(bid id, bidder)]`` and ``criteria``
    ``[(criterion id, name)]``, in the file's order; ``marks`` (bid, criterion) -> mark."""

    ROLE = EVALUATOR

    evaluator_name = traitlets.Unicode("")
    declared = traitlets.Bool(False)
    interest = traitlets.Unicode("")        # the interest declared ("" for none)
    has_interest = traitlets.Bool(False)    # the form: "I have an interest" chosen
    interest_text = traitlets.Unicode("")   # the form's text
    rows = traitlets.List()
    criteria = traitlets.List()
    scale = traitlets.List(allow_none=True)  # the marks allowed (None: 0 to 100)
    marks = traitlets.Dict()
    moderated = traitlets.List()            # [(bid, criterion)] no longer open to change

    def _take(self, evaluation: Evaluation) -> None:
        frame = evaluation.frame
        self.name = frame.name
        self.evaluator_name = next(e.name for e in frame.evaluators if e.id == self.actor)
        self.rows = [(b.id, b.bidder) for b in frame.bids]           # never the price
        self.criteria = [(c.id, c.name) for c in frame.quality]
        self.scale = list(frame.scale) if frame.scale is not None else None
        found = evaluation.declarations.get(self.actor)
        self.declared = found is not None
        self.interest = (found.interest or "") if found else ""
        self.marks = {(b, c): m.mark for (e, b, c), m in evaluation.marks.items()
                      if e == self.actor}
        self.moderated = list(evaluation.moderated)
        self.closed = evaluation.closed

    @property
    def missing(self) -> list[tuple[str, str]]:
        """(bidder, criterion name) of each mark still to give, in the file's order."""
        return [(bidder, name) for b, bidder in self.rows for c, name in self.criteria
                if (b, c) not in self.marks]

    def missing_text(self) -> str:
        total = len(self.rows) * len(self.criteria)
        missing = self.missing
        if not missing:
            return f"All {total} marks are given. You can still change a mark until it is " \
                   "moderated or the evaluation closes."
        listed = "; ".join(f"{b}: {c}" for b, c in missing[:8])
        more = f"; and {len(missing) - 8} more" if len(missing) > 8 else ""
        return f"{len(missing)} of {total} marks still to give: {listed}{more}."

    def declare(self) -> bool:
        """Declare "none", or the interest typed (needed when one is chosen)."""
        self.clear("declare")
        text = self.interest_text.strip()
        if self.has_interest and not text:
            self.say("declare", "error", "Say what your interest is, or choose that you "
                     "have none.")
            return False
        if len(self.interest_text) > TEXT_LIMIT:
            self.say("declare", "error", f"The interest runs to {len(self.interest_text):,} "
                     f"characters, and the most is {TEXT_LIMIT:,}: shorten it.")
            return False
        interest = text if self.has_interest else None
        return self._act("declare", lambda: self.store.declare_interest(
            self.meeting_id, self.token, interest),
            "Declaration saved: you can now mark the bids.")

    def set_mark(self, bid: str, criterion: str, value: Any) -> bool:
        """Give (or change) the mark of ``bid`` on ``criterion``; said beside that cell."""
        place = f"mark:{bid}:{criterion}"
        self.clear(place)
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                self.say(place, "error", f"Not saved: the mark must be a number from 0 to "
                         f"100 (got {excerpt(value)}).")
                return False
        bidder = dict(self.rows).get(bid, bid)
        criterion_name = dict(self.criteria).get(criterion, criterion)
        return self._act(place, lambda: self.store.give_mark(
            self.meeting_id, self.token, bid, criterion, value),
            f"Saved: {bidder}, {criterion_name}: {mark_words(value)}.")


class ModerationState(_Followed):
    """The moderator's page: ``evaluation`` as it stands, ``result`` once every mark is
    in (else None, with ``missing`` saying what is not)."""

    ROLE = MODERATOR

    evaluation = traitlets.Any(None)
    result = traitlets.Instance(TenderResult, allow_none=True)

    def _take(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        self.name = evaluation.frame.name
        self.closed = evaluation.closed
        self.result = evaluate(stored_tender(evaluation)) if evaluation.complete else None

    def missing_text(self) -> str:
        evaluation = self.evaluation
        if evaluation is None:
            return ""
        if evaluation.complete:
            return "Every evaluator has given every mark."
        names = {e.id: e.name for e in evaluation.frame.evaluators}
        counts: dict[str, int] = {}
        for e, _, _ in evaluation.missing:
            counts[e] = counts.get(e, 0) + 1
        listed = "; ".join(f"{names[e]}: {n}" for e, n in counts.items())
        return f"{len(evaluation.missing)} marks are still missing ({listed}). The result " \
               "shows once every mark is in (a missing mark is never read as 0)."

    def moderate(self, bid: str, criterion: str, mark: Any, reason: str) -> bool:
        place = f"moderate:{bid}:{criterion}"
        self.clear(place)
        if not (reason or "").strip():
            self.say(place, "error", "Not saved: a moderated mark needs a reason: say why "
                     "it was agreed.")
            return False
        if isinstance(mark, str):
            try:
                mark = float(mark.strip())
            except ValueError:
                self.say(place, "error", "Not saved: give the agreed mark, a number from 0 "
                         "to 100.")
                return False
        return self._act(place, lambda: self.store.moderate(
            self.meeting_id, self.token, bid, criterion, mark, reason),
            f"Moderated mark saved: {mark_words(mark)}.")

    def close_evaluation(self) -> bool:
        return self._act("close", lambda: self.store.close_tender(self.meeting_id,
                                                                  self.token),
                         "The evaluation is closed: the result is final.")
