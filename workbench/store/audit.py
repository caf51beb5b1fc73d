"""A meeting's history for people: one plain line per event, or a CSV file.

Text typed by panels is shown as typed, HTML and all (no markup is added, none is
interpreted); control characters are shown escaped so a comment cannot move a terminal's
cursor or split a line. CSV fields that a spreadsheet would run as a formula are defused.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from workbench.analysis.compare import SOURCE_WORDS
from workbench.atomic import write_atomically
from workbench.monitoring.answers import STATE_WORDS
from workbench.monitoring.challenges import GROUNDS_WORDS
from workbench.scenario.model import Scenario
from workbench.spreadsheet import defused
from workbench.store.codesign import codesign_event
from workbench.store.meetings import Event

CSV_COLUMNS = ("meeting", "version", "at", "kind", "actor", "weights", "comment", "dissent",
               "detail")


def plain(text: str) -> str:
    """``text`` on one line: control characters written as escapes, the rest as typed."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape")
                   .decode("ascii") for ch in text)


def _weights(weights: Mapping[str, float]) -> str:
    return ", ".join(f"{c} {v:g}" for c, v in weights.items())


class _Names:
    """Services, options, groups and targets by name from the meeting's scenario (targets in
    force); without one (a tender, a vote, a bare list of events) their ids stand in."""

    def __init__(self, scenario: Scenario | None) -> None:
        self.scenario = scenario
        self.services = {s.id: s for s in scenario.services} if scenario else {}
        self.groups = {g.id: g.name for g in scenario.stakeholders} if scenario else {}
        self.targets = {t.id: t.measure for t in scenario.targets or ()} if scenario else {}

    def service(self, sid: object) -> str:
        found = self.services.get(str(sid))
        return found.name if found else str(sid)

    def option(self, sid: object, oid: object) -> str:
        found = self.services.get(str(sid))
        for option in found.options if found else ():
            if option.id == oid:
                return option.name
        return str(oid)

    def group(self, gid: object) -> str:
        return self.groups.get(str(gid), str(gid))

    def target(self, tid: object) -> str:
        measure = self.targets.get(str(tid))
        return f"\u201c{measure}\u201d" if measure else str(tid)


def _decision(d: Mapping, names: _Names) -> str:
    """An adoption: by whom, from which portfolio, each departure with its reason."""
    parts = []
    if d.get("source"):
        parts.append(SOURCE_WORDS.get(str(d["source"]), str(d["source"])))
    for gone in d.get("departures") or ():
        service = gone.get("service")
        parts.append(f"{names.service(service)}: recommended "
                     f"\u201c{names.option(service, gone.get('recommended'))}\u201d, adopted "
                     f"\u201c{names.option(service, gone.get('adopted'))}\u201d, because "
                     f"\u201c{gone.get('reason')}\u201d")
    unanswered = len(d.get("not_answered") or ())
    if unanswered:
        parts.append(f"{unanswered} dissent note{'s' if unanswered > 1 else ''} adopted not "
                     "answered")
    parts.append(f"record SHA-256 {str(d.get('record_sha256'))[:12]}")
    if d.get("supersedes"):
        parts.append(f"supersedes decision {d['supersedes']}")
    return f"decision adopted by {d.get('adopted_by')} ({'; '.join(parts)})"


def describe_event(event: Event, scenario: Scenario | None = None) -> str:
    """What happened, in words; with the meeting's ``scenario`` (its targets in force),
    services, options, groups and targets by name."""
    names = _Names(scenario)
    d = event.detail
    if event.kind == "meeting_created" and d.get("tender"):
        return (f"tender evaluation started: {d.get('name')} (file SHA-256 "
                f"{str(d.get('tender_sha256'))[:12]}, evaluators "
                f"{', '.join(d.get('evaluators', []))}; its marks are given on the pages)")
    if event.kind == "meeting_created" and d.get("vote"):
        return (f"participatory-budgeting vote started: {d.get('name')} (budget "
                f"{d.get('budget')}, {len(d.get('projects', []))} projects, {d.get('voters')} "
                f"voter links; from {d.get('source')})")
    if event.kind == "meeting_created":
        return (f"meeting created: {d.get('name')} (scenario {str(d.get('scenario_sha256'))[:12]}"
                f", groups {', '.join(d.get('groups', []))})")
    if event.kind == "weights_submitted":
        text = f"weights, revision {d.get('revision')}: {_weights(event.weights or {})}"
        if event.comment:
            text += f"; comment: \u201c{event.comment}\u201d"
        if event.dissent:
            text += f"; dissent: \u201c{event.dissent}\u201d"
        return text
    if event.kind in ("given_lifted", "given_restored"):
        verb = "lifted for a what-if" if event.kind == "given_lifted" else "restored"
        reason = f" ({d['reason']})" if d.get("reason") else ""
        return f"given {d.get('given')} {verb}{reason}"
    if event.kind == "run_pinned":
        return "run pinned" + (f": {d['note']}" if d.get("note") else "")
    if event.kind == "note":
        return f"note: {d.get('note', '')}"
    if event.kind == "decision_adopted":
        return _decision(d, names)
    if event.kind == "refused":
        return f"refused {d.get('action')}: {d.get('reason')} (token {d.get('token')})"
    if event.kind == "link_reissued":
        return f"new link issued for {d.get('for')}; the old one no longer works"
    cycle = (_cycle_event(event.kind, d, names) or _need_event(event)
             or _option_event(event, names)
             or _tender_event(event.kind, d) or _vote_event(event.kind, d)
             or codesign_event(event))
    if cycle is not None:
        return cycle
    return f"{event.kind}: {json.dumps(d, sort_keys=True, ensure_ascii=False)}"


def _cycle_event(kind: str, d: Mapping, names: _Names) -> str | None:
    """The commissioning cycle's events (workbench.store.cycle), in words."""
    if kind == "answered":
        text = f": \u201c{d['text']}\u201d" if d.get("text") else ""
        state = STATE_WORDS.get(str(d.get("state")), str(d.get("state")))
        return f"answered {d.get('about')} by {d.get('by')}: {state}{text}"
    if kind == "opted_out":
        where = f" of the {d['stage']} stage" if d.get("stage") else ""
        return f"opted out{where}" + (f": \u201c{d['reason']}\u201d" if d.get("reason") else "")
    if kind == "opted_in":
        return "opted back in" + (f" to the {d['stage']} stage" if d.get("stage") else "")
    if kind == "target_position":
        said = "agrees" if d.get("position") == "agree" else f"proposes {_n(d.get('value'))}"
        return f"target {names.target(d.get('target'))}: {said}" + \
            (f" (\u201c{d['text']}\u201d)" if d.get("text") else "")
    if kind == "target_added":
        t = d.get("target") or {}
        source = f" from requirement {d['requirement']}" if d.get("requirement") else ""
        return (f"target {t.get('id')} added{source}: {t.get('measure')}, "
                f"{t.get('direction')} is better, target {t.get('target')} {t.get('unit')} "
                f"a {t.get('period')}; recorded by {d.get('by')}")
    if kind == "target_agreed":
        values = d.get("values") or {}
        who = ", ".join(names.group(g) for g in d.get("agreed_by") or []) or "no group"
        return (f"target {names.target(d.get('target'))} agreed at "
                f"{_n(values.get('target'))} (approaching {_n(values.get('approaching'))}, "
                f"inadequate {_n(values.get('inadequate'))}) by {who}; recorded by "
                f"{d.get('by')}")
    if kind == "results_imported":
        replaced = f", {d['replaced']} replacing earlier values" if d.get("replaced") else ""
        return (f"results imported: {d.get('rows')} from {d.get('name')} (SHA-256 "
                f"{str(d.get('sha256'))[:12]}{replaced})")
    if kind == "challenge_lodged":
        on_behalf = f" for {names.group(d['group'])}" if d.get("group") else ""
        grounds = GROUNDS_WORDS.get(str(d.get("grounds")), str(d.get("grounds")))
        return (f"challenge{on_behalf} of {names.service(d.get('service'))} ({grounds}), lodged "
                f"{d.get('lodged')}: \u201c{d.get('text')}\u201d")
    if kind == "review_opened":
        reasons = "; ".join(_reason(r, names) for r in d.get("reasons") or []) or "by hand"
        return f"review of {names.service(d.get('service'))} opened ({reasons}) by {d.get('by')}"
    if kind == "review_closed":
        changes = f"; changes: \u201c{d['changes']}\u201d" if d.get("changes") else ""
        return (f"review of {names.service(d.get('service'))} closed by {d.get('by')}: "
                f"{d.get('outcome')}"
                f"{changes}; response: \u201c{d.get('response')}\u201d")
    return None


def _n(value: object) -> str:
    """A number as people write it (85, not 85.0); "none" when there is none."""
    if value is None:
        return "none"
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _reason(reason: Mapping, names: _Names) -> str:
    """A review's reason in words (export.reasons, never a challenger); its kind alone
    without a scenario."""
    if names.scenario is None or not isinstance(reason, Mapping):
        return str(reason.get("reason") if isinstance(reason, Mapping) else reason)
    from workbench.export.reasons import reason_words

    return reason_words(reason, names.scenario)


def _need_event(event: Event) -> str | None:
    """The needs register's events (workbench.store.needs), in words. A resident's name and
    contact are not in the history; a resident's supporter id is not shown."""
    d, kind = event.detail, event.kind
    by = "a resident" if event.actor == "public" else event.actor
    if kind == "need_proposed":
        evidence = f"; evidence: \u201c{d['evidence']}\u201d" if d.get("evidence") else ""
        return (f"need {event.version} proposed by {by}: \u201c{d.get('text')}\u201d "
                f"(affected: \u201c{d.get('affected')}\u201d{evidence})")
    if kind == "need_supported":
        return f"need {_number(d.get('need'))} supported by {by}"
    if kind == "need_merged":
        return (f"need {_number(d.get('need'))} merged into need {_number(d.get('into'))}: "
                f"\u201c{d.get('reason')}\u201d")
    return None


def _costs(values: object) -> str:
    found = [f"{float(v):,.0f}" for v in values or ()] if isinstance(values, list) else []
    return " / ".join(found) + " a year" if found else "none given"


def _option_event(event: Event, names: _Names) -> str | None:
    """Proposed options' events (workbench.store.options), in words."""
    d, kind = event.detail, event.kind
    if kind == "option_proposed":
        idea = f", provider idea \u201c{d['provider']}\u201d" if d.get("provider") else ""
        scores = ", ".join(f"{k} {float(v):g}" for k, v in (d.get("scores") or {}).items())
        return (f"option {event.version} proposed by {event.actor} for "
                f"{names.service(d.get('service'))}: "
                f"{str(d.get('mode')).replace('_', ' ')}{idea}; rough cost "
                f"{_costs(d.get('rough_cost'))}; expected scores {scores or 'none given'}; "
                f"rationale: \u201c{d.get('rationale')}\u201d")
    if kind == "option_accepted":
        scores = ", ".join(f"{k} {float(v):g}" for k, v in (d.get("scores") or {}).items())
        return (f"option {_number(d.get('option'))} costed and scored by {d.get('by')} and "
                f"accepted into scenario version {d.get('scenario_version')} as "
                f"{d.get('option_id')}: cost {_costs(d.get('cost'))}, one-off "
                f"{float(d.get('one_off') or 0):,.0f}; scores {scores}")
    return None


def _number(key: object) -> str:
    """need:12 -> 12."""
    return str(key or "").split(":", 1)[-1]


def audit_lines(history: Iterable[Event], scenario: Scenario | None = None) -> list[str]:
    """One line per event: version, time (UTC), who, what (names from ``scenario``, the
    meeting's targets in force, when given)."""
    out = []
    for e in history:
        version = "-" if e.version is None else str(e.version)
        at = e.at.strftime("%Y-%m-%d %H:%M:%S")
        out.append(plain(f"{version:>5}  {at}Z  {e.actor:<14} {describe_event(e, scenario)}"))
    return out


def formula_safe(value: object) -> object:
    """A text field a spreadsheet would treat as a formula gets a leading apostrophe
    (:mod:`workbench.spreadsheet`, the guard the finance export uses too)."""
    return defused(value) if isinstance(value, str) else value


def audit_csv(history: Iterable[Event]) -> bytes:
    """The history as CSV (UTF-8), one row per event, columns as CSV_COLUMNS."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in history:
        row = (e.meeting_id, "" if e.version is None else e.version, e.at.isoformat(),
               e.kind, e.actor,
               json.dumps(e.weights, ensure_ascii=False) if e.weights is not None else "",
               e.comment or "", e.dissent or "",
               json.dumps(e.detail, sort_keys=True, ensure_ascii=False))
        writer.writerow([formula_safe(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def write_audit_csv(history: Iterable[Event], path: str | Path) -> None:
    """Write the CSV atomically: a failure leaves no half-written file."""
    write_atomically(Path(path), audit_csv(history))


def _tender_event(kind: str, d: Mapping) -> str | None:
    """A stored tender evaluation's events (workbench.store.tender), in words."""
    if kind == "interest_declared":
        said = f"\u201c{d['interest']}\u201d" if d.get("interest") else "none"
        return f"declaration of interest: {said}"
    if kind == "tender_marked":
        return f"mark of bid {d.get('bid')} on {d.get('criterion')}: {d.get('mark'):g}"
    if kind == "tender_moderated":
        return (f"moderated mark of bid {d.get('bid')} on {d.get('criterion')}: "
                f"{d.get('mark'):g} (\u201c{d.get('reason')}\u201d)")
    if kind == "tender_closed":
        return f"evaluation closed; winner: bid {d.get('winner') or 'none'}"
    return None


def _vote_event(kind: str, d: Mapping) -> str | None:
    """A stored participatory-budgeting vote's events (workbench.store.ballots), in words."""
    if kind == "ballot_cast":
        verb = "ballot replaced" if d.get("replaces") else "ballot cast"
        return f"{verb}: approves projects {', '.join(d.get('projects', []))}"
    if kind == "vote_closed":
        return (f"vote closed: {d.get('voted')} of {d.get('voters')} voter links voted; the "
                "ballots in force are final")
    return None
