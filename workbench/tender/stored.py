"""A tender evaluation held in the meeting store, read back as plain data (commissioning-
cycle.md, section 5): the tender file without its marks, then each evaluator's declaration
of interest, marks and the moderator's marks with reasons, as events of the meeting's
history. Pure functions over that data: no database here.

``tender_frame`` checks a tender file's every rule except its marks (``scores`` and
``moderated`` are ignored: the evaluators give the marks on their own screens).
``evaluation_of`` reads the history; ``stored_tender`` builds the ``Tender`` through the
file format's own checks, so ``evaluate`` gives exactly the figures the same file would.
A missing mark is listed (``Evaluation.missing``), never read as 0.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from workbench.errors import InputError, Problem, ScenarioError
from workbench.limits import Deadline, Limits, limits_for
from workbench.scenario.files import parse_data, refuse_too_big
from workbench.scenario.yamlio import collection_paused
from workbench.tender.files import tender_from_data
from workbench.tender.model import FORMAT, Tender
from workbench.tender.reader import Reader, number_text

# The stored text of a tender evaluation begins with this (the meeting's scenario text):
# how the store tells a tender evaluation from a scenario's meeting.
STORED_PREFIX = json.dumps({"format": FORMAT})[:-1]
IGNORED = ("scores", "moderated")          # given on the pages, never taken from the file
DECLARED, MARKED, MODERATED, CLOSED = ("interest_declared", "tender_marked",
                                       "tender_moderated", "tender_closed")


class _WithoutMarks(Reader):
    """The file's reader, deaf to the marks it has not been given yet."""

    def problem(self, place: str, message: str) -> None:
        if place.split("[")[0].split(".")[0] not in IGNORED:
            super().problem(place, message)


def tender_frame(data: Mapping[str, Any]) -> Tender:
    """The tender in ``data`` with no marks (``marks`` empty), every other rule checked;
    ScenarioError lists every problem at its place."""
    clean = {k: v for k, v in data.items() if k not in IGNORED}
    reader = _WithoutMarks()
    tender = tender_from_data({**clean, "scores": []}, reader)
    if tender is None or reader.problems:
        raise ScenarioError([Problem(place, message) for place, message in reader.problems])
    return tender


def file_data(text: str, filename: str = "<tender>", limits: Limits | None = None
              ) -> dict[str, Any]:
    """The tender file's data without ``scores`` and ``moderated``, checked (the marks are
    ignored: say so where it is read), ready to store."""
    limits = limits or limits_for(local_file=True)
    refuse_too_big(text, filename, limits)
    try:
        with collection_paused():
            data = parse_data(text, limits, Deadline(limits))
    except ScenarioError as exc:
        raise ScenarioError([dataclasses.replace(p, file=filename)
                             for p in exc.problems]) from None
    if not isinstance(data, dict):
        raise ScenarioError([Problem("", "must be a mapping of keys to values", filename)])
    clean = {"format": data.get("format"),
             **{k: v for k, v in data.items() if k not in IGNORED and k != "format"}}
    try:
        tender_frame(clean)
    except ScenarioError as exc:
        raise ScenarioError([dataclasses.replace(p, file=filename)
                             for p in exc.problems]) from None
    return clean


def stored_text(data: Mapping[str, Any]) -> str:
    """The text the store keeps: JSON, ``format`` first (see STORED_PREFIX)."""
    ordered = {"format": data["format"], **{k: v for k, v in data.items() if k != "format"}}
    return json.dumps(ordered, ensure_ascii=False, allow_nan=False)


def is_stored_tender(text: str) -> bool:
    return text.startswith(STORED_PREFIX)


@dataclass(frozen=True)
class Declaration:
    """An evaluator's declaration of interest: ``interest`` None is "none"."""

    evaluator: str
    interest: str | None
    version: int


@dataclass(frozen=True)
class Mark:
    evaluator: str
    bid: str
    criterion: str
    mark: float
    version: int


@dataclass(frozen=True)
class ModeratedMark:
    bid: str
    criterion: str
    mark: float
    reason: str
    version: int


@dataclass(frozen=True)
class Evaluation:
    """Where a stored evaluation stands: the frame (the file, no marks), the declarations,
    each evaluator's latest mark per bid and criterion (``marks``), every mark given in
    order (``history``), the moderated marks and whether it is closed."""

    frame: Tender
    data: Mapping[str, Any]
    declarations: Mapping[str, Declaration]
    marks: Mapping[tuple[str, str, str], Mark]
    moderated: Mapping[tuple[str, str], ModeratedMark]
    history: tuple[Mark, ...] = ()
    closed: bool = False
    closed_by: str | None = None

    @property
    def missing(self) -> list[tuple[str, str, str]]:
        """(evaluator, bid, criterion) of every mark not given yet, in the file's order."""
        return [(e.id, b.id, c.id) for e in self.frame.evaluators for b in self.frame.bids
                for c in self.frame.quality if (e.id, b.id, c.id) not in self.marks]

    def missing_of(self, evaluator: str) -> list[tuple[str, str]]:
        return [(b, c) for e, b, c in self.missing if e == evaluator]

    @property
    def complete(self) -> bool:
        return not self.missing

    def cell_complete(self, bid: str, criterion: str) -> bool:
        """Every evaluator has marked this bid on this criterion."""
        return all((e.id, bid, criterion) in self.marks for e in self.frame.evaluators)

    def moderation_started(self) -> bool:
        return bool(self.moderated)


def evaluation_of(data: Mapping[str, Any], events: Iterable[Any]) -> Evaluation:
    """The evaluation from the stored file's data and the meeting's history (events with
    ``version``, ``kind``, ``actor`` and ``detail``), in order: a later mark of the same
    evaluator, bid and criterion, or a later moderation of the same cell, is the one in
    force."""
    frame = tender_frame(data)
    declarations: dict[str, Declaration] = {}
    marks: dict[tuple[str, str, str], Mark] = {}
    moderated: dict[tuple[str, str], ModeratedMark] = {}
    history: list[Mark] = []
    closed, closed_by = False, None
    for event in events:
        d = event.detail
        if event.kind == DECLARED:
            declarations[event.actor] = Declaration(event.actor, d.get("interest"),
                                                    event.version)
        elif event.kind == MARKED:
            mark = Mark(event.actor, d["bid"], d["criterion"], float(d["mark"]),
                        event.version)
            marks[mark.evaluator, mark.bid, mark.criterion] = mark
            history.append(mark)
        elif event.kind == MODERATED:
            moderated[d["bid"], d["criterion"]] = ModeratedMark(
                d["bid"], d["criterion"], float(d["mark"]), d["reason"], event.version)
        elif event.kind == CLOSED:
            closed, closed_by = True, d.get("by")
    return Evaluation(frame, data, declarations, marks, moderated, tuple(history), closed,
                      closed_by)


def stored_tender(evaluation: Evaluation) -> Tender:
    """The ``Tender`` of a complete evaluation, built through the file format's checks;
    InputError lists the missing marks (never read as 0)."""
    missing = evaluation.missing
    if missing:
        names = _names(evaluation.frame)
        listed = "; ".join(f"{names[e]} on {names['bid', b]}, {names['criterion', c]}"
                           for e, b, c in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise InputError(f"{len(missing)} mark{'s' if len(missing) != 1 else ''} still "
                         f"missing: {listed}{more} (a missing mark is not 0)")
    scores = [{"evaluator": m.evaluator, "bid": m.bid, "criterion": m.criterion,
               "mark": m.mark} for m in evaluation.marks.values()]
    moderated = [{"bid": m.bid, "criterion": m.criterion, "mark": m.mark, "reason": m.reason}
                 for m in evaluation.moderated.values()]
    data = {**evaluation.data, "scores": scores,
            **({"moderated": moderated} if moderated else {})}
    reader = Reader()
    tender = tender_from_data(data, reader)
    if tender is None or reader.problems:
        raise ScenarioError([Problem(place, message) for place, message in reader.problems])
    return tender


def _names(frame: Tender) -> dict[Any, str]:
    out: dict[Any, str] = {e.id: e.name for e in frame.evaluators}
    out.update({("bid", b.id): b.bidder for b in frame.bids})
    out.update({("criterion", c.id): c.name for c in frame.quality})
    return out


def check_mark(frame: Tender, value: Any, place: str = "mark") -> float:
    """A mark as the file's scale allows it (any 0 to 100 without a scale)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise InputError(f"{place}: must be a number (got {str(value)[:40]!r})")
    value = float(value)
    if frame.scale is not None and value not in frame.scale:
        allowed = ", ".join(number_text(m) for m in frame.scale)
        raise InputError(f"{place}: must be one of {allowed} (got {number_text(value)})")
    if not 0 <= value <= 100:
        raise InputError(f"{place}: must be from 0 to 100 (got {number_text(value)})")
    return value
