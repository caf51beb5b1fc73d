"""The finance page's state as a traitlets model: no widgets, so tests drive it without a
browser. A finance officer opens a scenario (or an adopted decision), reviews the allocation
and downloads the workbook, the CSV and, once the trade-offs are worked out, the record.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from pathlib import Path

import traitlets

from workbench.errors import Problem, WorkbenchError
from workbench.export import DecisionExport, csv_bytes, decision_from_file, record_html
from workbench.export.decision import proposal_beside
from workbench.export.xlsx import workbook_bytes
from workbench.ui.common.messages import Messages

MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv", "html": "text/html"}


def download_name(decision: DecisionExport, extension: str) -> str:
    """A file name safe on every system: the scenario file's stem (or name), ASCII only."""
    stem = Path(decision.source).stem if decision.source else decision.scenario.name
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_") or "decision"
    return f"{safe[:60]}-allocation.{extension}" if extension != "html" else \
        f"{safe[:60]}-decision-record.html"


def data_uri(content: bytes, extension: str) -> str:
    return f"data:{MIME[extension]};base64,{base64.b64encode(content).decode('ascii')}"


def decision_from_meeting(meeting) -> DecisionExport:
    """The meeting's current official run (every given kept) as a decision to export; its
    trade-off analysis goes with it when it is of the same portfolio."""
    result = meeting.result
    if meeting.scenario is None or result is None:
        raise WorkbenchError("open a scenario first")
    analysis = meeting.analysis
    if analysis is not None and (analysis.recommended.portfolio is None
                                 or result.portfolio is None
                                 or analysis.recommended.portfolio.choices
                                 != result.portfolio.choices):
        analysis = None
    # The groups' weights and influence as the meeting has them now, not as the file had.
    return DecisionExport(meeting.current_scenario(), result, analysis,
                          source=meeting.source or None, influence=dict(meeting.influence),
                          given_prices=dict(meeting.prices) or None,
                          proposal=proposal_beside(result))


PLACES = ("adopted", "record")   # beside the adopted-decision box and the record button


class FinanceState(Messages):
    """One decision under review, and the files made from it. ``status`` and ``problems``
    are said beside the scenario picker (a file opened or refused); ``messages`` beside the
    adopted-decision box and the record button, so an older message never stands beside a
    newer decision."""

    MESSAGE_PLACES = PLACES

    decision = traitlets.Instance(DecisionExport, allow_none=True)
    opened = traitlets.Unicode("")          # what is under review, in words
    origin = traitlets.Unicode("")          # "file" or "adopted": where it came from
    status = traitlets.Unicode("")
    problems = traitlets.List()
    busy = traitlets.Bool(False)

    def open_path(self, path: str | Path) -> bool:
        """Open a scenario file and solve it as ``workbench solve`` does."""
        return self._open(lambda: decision_from_file(path), Path(path).name)

    def open_text(self, text: str, name: str) -> bool:
        """Open an uploaded scenario (its text and file name)."""
        def read() -> DecisionExport:
            from workbench.optimiser import recommend
            from workbench.scenario import parse_scenario

            scenario = parse_scenario(text, name)
            return DecisionExport(scenario, recommend(scenario), source=name,
                            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
        return self._open(read, name)

    def open_adopted(self, store, meeting_id: str, decision_id: int | None = None) -> bool:
        """Open a decision adopted in a meeting, exactly as it was adopted."""
        from workbench.export import decision_from_adopted

        label = f"decision {decision_id}" if decision_id is not None else "the decision"
        return self._open(lambda: decision_from_adopted(store, meeting_id, decision_id),
                          f"{label} of meeting {meeting_id}", adopted=True)

    def open_decision(self, decision: DecisionExport) -> bool:
        """Open a decision made elsewhere (the meeting page, or an adopted decision)."""
        return self._open(lambda: decision, decision.source or decision.scenario.name)

    def _open(self, read, name: str, adopted: bool = False) -> bool:
        """Open what ``read()`` returns; on a refusal keep what is open and say why beside
        the control used (the picker, or the adopted-decision box)."""
        self.busy = True
        try:
            decision = read()
        except WorkbenchError as exc:
            problems = list(getattr(exc, "problems", ())) or [Problem("", str(exc), name)]
            kept = f" {self.opened} is still open." if self.decision else ""
            said = f"{name} was not opened: {len(problems)} problem(s).{kept}"
            if adopted:
                self.say("adopted", "error", f"{said} {'; '.join(map(str, problems))}")
            else:
                self.problems, self.status = [str(p) for p in problems], said
            return False
        finally:
            self.busy = False
        opened = opened_words(decision)
        with self.hold_trait_notifications():   # said in this order: messages, then tables
            self.status = "" if adopted else f"Opened {opened}."
            self.problems, self.messages = [], {}
            if adopted:
                self.say("adopted", "success", f"Opened {opened}.")
            self.origin = "adopted" if adopted else "file"
            self.opened, self.decision = opened, decision
        return True

    def add_analysis(self) -> bool:
        """Work out the trade-offs, which the published record needs (a few seconds)."""
        if self.decision is None:
            self.say("record", "error", "Open a scenario or a decision first.")
            return False
        from workbench.analysis import analyse

        d = self.decision
        self.busy = True
        try:
            analysis = analyse(d.scenario, d.recommendation.weights)
            decision = dataclasses.replace(d, analysis=analysis)   # every field kept
        except WorkbenchError as exc:
            self.say("record", "error", f"Could not work out the trade-offs: {exc}")
            return False
        finally:
            self.busy = False
        self.decision = decision
        self.say("record", "success", "The decision record is ready: download it above.")
        return True

    def files(self) -> dict[str, tuple[str, bytes]]:
        """Extension to (download name, bytes) of every file that can be made now."""
        d = self.decision
        if d is None:
            return {}
        out = {"xlsx": (download_name(d, "xlsx"), workbook_bytes(d)),
               "csv": (download_name(d, "csv"), csv_bytes(d))}
        if d.analysis is not None:
            out["html"] = (download_name(d, "html"), record_html(d).encode("utf-8"))
        return out


def opened_words(decision: DecisionExport) -> str:
    """What is under review, as the officer would say it."""
    name = decision.scenario.name
    if decision.adopted_by:
        when = f" on {decision.adopted_at:%Y-%m-%d at %H:%M}" if decision.adopted_at else ""
        return f"{name}: the decision adopted by {decision.adopted_by}{when}"
    source = Path(decision.source).name if decision.source else ""
    return f"{name} ({source})" if source and source != name else name


def adopted_choices(store) -> list[tuple[str, tuple[str, int]]]:
    """Every adopted decision in the store, newest first, as (label, (meeting, decision))."""
    out = []
    for meeting in store.meetings():
        adopted = store.decisions(meeting.id)
        for d in adopted:
            state = "in force" if d is adopted[-1] else "superseded"
            out.append((f"{meeting.name}: decision {d.id} ({state}), adopted "
                        f"{d.adopted_at:%Y-%m-%d %H:%M} by {d.adopted_by}", (meeting.id, d.id)))
    return out[::-1]


def existing_store():
    """The meeting store when one is configured or already exists, else None: the finance
    page never creates an empty store just to list what is in it."""
    import os

    from workbench.store import open_store
    from workbench.store.engine import URL_VARIABLE, store_url

    url = store_url()
    if not os.environ.get(URL_VARIABLE) and url.get_backend_name() == "sqlite" and \
            not Path(url.database or "").exists():
        return None
    return open_store()
