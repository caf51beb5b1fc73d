"""The HTML of the review page, from plain data (the scenario, results, the report's parts,
stored challenges and reviews), never from the page's state. Every text from a file, a
challenger or the facilitator goes through ``esc``; every colour has its word beside it."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from statistics import fmean

from workbench.export.page import plural
from workbench.export.reasons import reason_words
from workbench.monitoring.answers import OVERDUE_DAYS, STATE_WORDS
from workbench.monitoring.due import WINDOW_MONTHS
from workbench.monitoring.periods import month_text
from workbench.monitoring.rag import rag
from workbench.monitoring.rating import Rating
from workbench.monitoring.results import Result
from workbench.numbers import figure
from workbench.scenario import Scenario
from workbench.scenario.cycle import ReviewRules, Target
from workbench.store.cycle import PUBLIC, StoredChallenge, StoredReview
from workbench.ui.common import esc
from workbench.ui.common.tables import row, table

OUTCOME_WORDS = {"continue": "continue as it is", "revise": "revise",
                 "terminate": "terminate"}
# Phone first: one column, 16 px text, cards that wrap; a swatch is never the only sign.
STYLE = """<style>
.wb-review-page { max-width: 72em; }
.wb-review-page p { margin: 0.35em 0; }
.wb-review-page .wb-card { border-left: 6px solid #0b5cad; background: #f4f7fa;
  padding: 6px 12px; margin: 8px 0; overflow-wrap: anywhere; }
.wb-review-page .wb-card h3 { margin: 2px 0 4px; }
.wb-review-page .wb-card.wb-is-overdue { border-left-color: #a40000; background: #fdf0f0; }
.wb-review-page .wb-overdue { color: #8a0000; font-weight: 700; }
.wb-review-page .wb-said { white-space: pre-wrap; }
.wb-review-page .wb-swatch { display: inline-block; width: 0.9em; height: 0.9em;
  margin-right: 0.3em; border: 1px solid #1a1a1a; vertical-align: -0.1em; }
.wb-review-page .wb-swatch-marked { outline: 2px solid #1a1a1a; outline-offset: 1px; }
.wb-review-page .wb-rag { white-space: nowrap; }
.wb-review-page table.wb-ratings th[scope=row] { white-space: nowrap; }
.wb-review-page .wb-na { color: #4a4a4a; }
.wb-review-page td.num, .wb-review-page .wb-num { font-variant-numeric: tabular-nums; }
.wb-review-page .wb-trends { display: flex; flex-wrap: wrap; gap: 12px; }
.wb-review-page figure.wb-trend { margin: 0; flex: 0 1 30em; min-width: 0; }
.wb-review-page figure.wb-trend img { width: 100%; height: auto; }
.wb-review-page figure.wb-trend figcaption { font-size: 16px; }
.wb-review-page a.wb-download { display: inline-block; margin: 4px 0; padding: 6px 12px;
  border: 2px solid #0b5cad; color: #0b4f8a; border-radius: 4px; min-height: 36px; }
.wb-review-page .wb-form { gap: 4px; margin: 0 0 12px 0; }
.wb-review-page .wb-form .widget-textarea, .wb-review-page .wb-form .widget-text,
.wb-review-page .wb-form .widget-dropdown { width: 100% !important;
  max-width: 40em !important; }
.wb-review-page .wb-as-of { max-width: 22em !important; }
.wb-review-page .wb-form > .widget-button,
.wb-review-page .wb-due-list > .widget-button { align-self: flex-start; }
.wb-review-page .widget-textarea textarea { font-size: 16px; }
.wb-review-page ul.wb-problem-list { margin: 4px 0; }
</style>"""


# -- pieces --------------------------------------------------------------------------------
def rag_html(rating: Rating | None) -> str:
    """A rating as its swatch and its words (marked "inadequate" in bold); None is a due
    period with no result (grey)."""
    shown = rag(rating)
    marked = " wb-swatch-marked" if shown.marked else ""
    words = f"<strong>{esc(shown.words)}</strong>" if shown.marked else esc(shown.words)
    return (f"<span class='wb-rag wb-rag-{shown.colour}'><span class='wb-swatch{marked}' "
            f"style='background:{shown.hex}' aria-hidden='true'></span>{words}</span>")


def day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def moment(value: datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC"


def heading_html(meeting: str, scenario: str, as_of: str) -> str:
    """The page's first lines: what it is, which meeting, as of when."""
    when = f" Reviewed as of <strong>{esc(as_of)}</strong>." if as_of else ""
    return (f"<h1>Monitoring and review: {esc(meeting)}</h1>"
            f"<p>Scenario: {esc(scenario)}.{when} This is the facilitator's page: it shows "
            "each challenger's name and contact, which nothing published shows.</p>")


def _reasons(sentences: Sequence[str]) -> str:
    return "<ul class='wb-reasons'>" + "".join(f"<li>{esc(s)}</li>" for s in sentences) + \
        "</ul>"


def due_html(service: str, sentences: Sequence[str], open_since: datetime | None) -> str:
    """One service a review is due of, with its reasons in words."""
    state = (f"<p><strong>A review of this service is open</strong> (since "
             f"{moment(open_since)}): close it under Open reviews.</p>"
             if open_since is not None else "")
    return (f"<div class='wb-card wb-due'><h3>{esc(service)}</h3><p>A review is due "
            f"because:</p>{_reasons(sentences)}{state}</div>")


def rules_html(rules: ReviewRules) -> str:
    """When a review is due, from the scenario's own review rules (section 3)."""
    misses, inadequate = rules.consecutive_misses, rules.inadequate_in_twelve_months
    return ("<p>A review is due when a target is missed "
            f"{plural(misses, 'time')} running, is rated inadequate "
            f"{plural(inadequate, 'time')} within twelve months, when "
            f"{plural(rules.challenges, 'person or group', 'people or groups')} challenge a "
            f"service within {plural(rules.challenge_window_days, 'day')}, or when a contract "
            f"it must keep ends within {plural(rules.contract_end_months, 'month')} (the "
            "scenario's review rules). Open one by hand too when there is another reason.</p>")


def target_ids_html(scenario: Scenario) -> str:
    """Each target's id for the results file's measure column, with what it measures."""
    targets = scenario.targets or ()
    if not targets:
        return "<p>This scenario has no targets, so there is nothing to import.</p>"
    names = {s.id: s.name for s in scenario.services}
    rows = [row(t.id, [esc(names.get(t.service, t.service)), esc(t.measure),
                       esc(t.service), esc(t.period)]) for t in targets]
    return ("<details class='wb-target-ids'><summary>The targets' ids for the measure column "
            f"({plural(len(targets), 'target')})</summary>"
            + table("Targets and their ids", ["measure (id)", "Service", "What is measured",
                    "service (id)", "period"], rows, "wb-ids-table") + "</details>")


def none_due_html(as_of: str) -> str:
    return f"<p class='wb-none-due'>No review is due as of {esc(as_of)}.</p>"


def problems_html(problems: Sequence[str]) -> str:
    """The located problems of a refused file (row and column), beside its upload."""
    if not problems:
        return ""
    return ("<ul class='wb-problem-list' role='alert'>"
            + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul>")


def chosen_html(name: str, size: int) -> str:
    return f"<p class='wb-chosen'>Chosen: <strong>{esc(name)}</strong> ({size:,} bytes).</p>"


# -- ratings -------------------------------------------------------------------------------
def first_month(results: Sequence[Result], as_of: int) -> int:
    """The first month a table shows: the 12 months ending with A, from the first result on
    (a period before monitoring began is not due)."""
    start = min((r.period.month for r in results), default=as_of)
    return max(as_of - WINDOW_MONTHS + 1, min(start, as_of))


def _column(t: Target) -> str:
    unit = f"{t.unit}, " if t.unit else ""
    better = "higher" if t.direction == "higher" else "lower"
    return f"{t.measure} ({unit}target {figure(t.target)}, {better} is better)"


def _cell(t: Target, month: int, found: Mapping[tuple[str, int], Result]) -> str:
    if t.period == "quarter" and month % 3 != 2:
        return "<span class='wb-na'>measured each quarter</span>"
    result = found.get((t.id, month))
    if result is None:
        return rag_html(None)
    label = f"{esc(result.period.text)}: " if t.period == "quarter" else ""
    return f"{label}<span class='wb-num'>{figure(result.value)}</span> {rag_html(result.rating)}"


def service_ratings_html(scenario: Scenario, service: str, results: Sequence[Result],
                         first: int, as_of: int,
                         performance: Mapping[str, Rating | None]) -> str:
    """One service: each target's results by period (rating word and colour), then its
    contract performance over the 12 months ending with A."""
    targets = scenario.targets_of(service)
    name = next((s.name for s in scenario.services if s.id == service), service)
    found = {(r.target.id, r.period.month): r for r in results if r.target.service == service}
    monthly = any(t.period == "month" for t in targets)
    rows = []
    for month in range(as_of, first - 1, -1):        # newest first
        if not monthly and month % 3 != 2:
            continue
        label = month_text(month) if monthly else _quarter(month)
        rows.append(row(label, [_cell(t, month, found) for t in targets]))
    caption = f"{name}: results from {month_text(first)} to {month_text(as_of)}, newest first"
    body = table(caption, ["Period", *(_column(t) for t in targets)], rows, "wb-ratings")
    window = as_of - WINDOW_MONTHS + 1
    items = []
    for t in targets:
        values = [r.value for r in results if r.target.id == t.id
                  and window <= r.period.month <= as_of]
        mean = f"mean of {plural(len(values), 'result')} {figure(round(fmean(values), 2))}" \
            if values else "no result in these 12 months, left out of the overall rating"
        items.append(f"<li>{esc(t.measure)}: {esc(mean)}, {rag_html(performance.get(t.id))}</li>")
    return (f"<h3>{esc(name)}</h3>{body}<p class='wb-performance'><strong>Contract "
            f"performance over the 12 months to {month_text(as_of)}:</strong> overall "
            f"{rag_html(performance.get('overall'))}.</p><ul>{''.join(items)}</ul>")


def _quarter(month: int) -> str:
    return f"{month // 12:04d}-Q{month % 12 // 3 + 1}"


def warnings_html(warnings: Sequence[str]) -> str:
    """The Procurement Act 2023 s.52 warnings (not refusals)."""
    if not warnings:
        return ("<p class='wb-warnings'>No Procurement Act warning: every outsourced contract "
                "in force above £5,000,000 has at least three key performance indicators.</p>")
    return ("<ul class='wb-warnings'>" + "".join(
        f"<li><strong>Warning:</strong> {esc(w)}</li>" for w in warnings) + "</ul>")


def ratings_html(scenario: Scenario, results: Sequence[Result], as_of: int | None,
                 performance: Mapping[str, Mapping[str, Rating | None]],
                 warnings: Sequence[str]) -> str:
    """Every service with targets: its table, its contract performance; then the warnings."""
    if as_of is None:
        return "<p>No ratings yet: import results first.</p>"
    upto = [r for r in results if r.period.month <= as_of]
    first = first_month(upto, as_of)
    parts = [service_ratings_html(scenario, s, upto, first, as_of, performance[s])
             for s in performance]
    if not parts:
        parts = ["<p>The scenario has no targets, so there is nothing to rate.</p>"]
    return "".join(parts) + "<h3>Procurement Act 2023 s.52</h3>" + warnings_html(warnings)


# -- challenges ----------------------------------------------------------------------------
def challenge_html(c: StoredChallenge, service: str, group: str, overdue: bool,
                   today: date) -> str:
    """One challenge: the service, grounds, when, its text, who it is from (name and contact:
    this page only), its answer so far, and OVERDUE in words when it is."""
    if c.via == PUBLIC:
        who = (f"From <strong>{esc(c.challenger) or 'no name given'}</strong>, contact "
               f"{esc(c.contact) or 'none given'} (through the public challenge link).")
    else:
        who = (f"From the <strong>{esc(group or c.via)}</strong> panel, on behalf of its "
               f"group" + (f" (name given: {esc(c.challenger)})" if c.challenger else "")
               + ".")
    late = ""
    if overdue:
        days = (today - c.lodged).days
        due = c.lodged + timedelta(days=OVERDUE_DAYS)
        late = (f"<p class='wb-overdue'>OVERDUE: not answered {days} days after it was "
                f"lodged; an answer was due by {day(due)}.</p>")
    state = f"<p><strong>Answer:</strong> {esc(STATE_WORDS[c.state])}"
    if c.answers:
        last = c.answers[-1]
        state += (f", by {esc(last.by)} at {moment(last.at)}"
                  + (f": <span class='wb-said'>{esc(last.text)}</span>" if last.text else ""))
    state += ".</p>"
    if len(c.answers) > 1:
        earlier = "".join(f"<li>{esc(STATE_WORDS[a.state])}, by {esc(a.by)} at "
                          f"{moment(a.at)}" + (f": {esc(a.text)}" if a.text else "") + "</li>"
                          for a in c.answers[:-1])
        state += (f"<details><summary>{plural(len(c.answers) - 1, 'earlier answer')}, kept in the "
                  f"history</summary><ul>{earlier}</ul></details>")
    css = " wb-is-overdue" if overdue else ""
    return (f"<div class='wb-card wb-challenge{css}'><h3>{esc(service)}: "
            f"{esc(c.grounds.replace('_', ' '))}, lodged {day(c.lodged)}</h3>{late}"
            f"<p class='wb-said'>{esc(c.text)}</p><p>{who}</p>{state}</div>")


def challenges_summary_html(count: int, unanswered: int, overdue: int, shown: int) -> str:
    if not count:
        return "<p>No challenge has been lodged yet.</p>"
    more = (f" The {shown} most pressing are shown (overdue first, then unanswered); answer "
            "these and the rest follow." if shown < count else "")
    return (f"<p class='wb-challenge-count'>{plural(count, 'challenge')}: {unanswered} "
            "not answered, "
            f"<strong>{overdue} overdue</strong> (not answered {OVERDUE_DAYS} days after "
            f"they were lodged).{more}</p>")


# -- reviews -------------------------------------------------------------------------------
def open_review_html(stored: StoredReview, service: str, scenario: Scenario) -> str:
    """An open review with the reasons it was opened for, in words (who challenged too:
    this is the facilitator's page)."""
    reasons = _reasons([reason_words(r, scenario, who=True) for r in stored.reasons]) \
        if stored.reasons \
        else "<p>Opened by hand (no reason was due).</p>"
    return (f"<div class='wb-card wb-open-review'><h3>{esc(service)}</h3><p>Opened "
            f"{moment(stored.review.opened_at)} by {esc(stored.opened_by)}"
            f"{', because:' if stored.reasons else '.'}</p>{reasons}</div>")


def closed_reviews_html(items: Sequence[tuple[StoredReview, str, tuple[str, bytes] | None]]
                        ) -> str:
    """Each closed review (review, service name, new scenario file or None): its outcome,
    the changes, the published response and, for revise or terminate, the download."""
    if not items:
        return "<p>No review has been closed yet.</p>"
    out = []
    for stored, service, download in items:
        r = stored.review
        changes = f"<p>Changes: <span class='wb-said'>{esc(r.changes)}</span></p>" \
            if r.changes else ""
        link = ""
        if download is not None:
            name, content = download
            data = base64.b64encode(content).decode("ascii")
            link = ("<p>Its make-or-buy choice is open again: the new scenario leaves out "
                    "the givens that required this service's option.</p><p><a "
                    f"class='wb-download' download='{esc(name)}' "
                    f"href='data:application/yaml;base64,{data}'>Download the new scenario, "
                    f"{esc(name)}</a></p>")
        out.append(f"<div class='wb-card wb-closed-review'><h3>{esc(service)}: "
                   f"{esc(OUTCOME_WORDS.get(r.outcome or '', r.outcome or ''))}</h3>"
                   f"<p>Opened {moment(r.opened_at)}, closed {moment(r.closed_at)} by "
                   f"{esc(stored.closed_by or '')}.</p>{changes}<p>Published response: "
                   f"<span class='wb-said'>{esc(r.response or '')}</span></p>{link}</div>")
    return "".join(out)
