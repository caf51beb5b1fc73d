"""The published "after the decision" page of a meeting (commissioning-cycle.md, sections 3
and 4): the targets in force and who agreed each, how the services are doing against them,
every challenge with its answer, every review with its reasons, outcome and response, and
the needs register (section 6) with each need's answer.

One standalone HTML file, like the decision record. It is public: challenges are read as
the store publishes them (``store.challenges`` without ``private``), so a challenger's name
and contact never reach it, and a review's reasons are written from their counts, never
from the names behind them. Every text is escaped; money and dates are written in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Any

from workbench.export.answers import answer_html, views_now_section
from workbench.export.decision import SOURCE_WORDS
from workbench.export.needs import needs_section
from workbench.export.options import options_section
from workbench.export.page import day_words, page_html, table
from workbench.export.reasons import reason_words
from workbench.export.terms import engagement_section, group_names
from workbench.html import escaped as _e
from workbench.monitoring.answers import is_overdue
from workbench.monitoring.challenges import GROUNDS_WORDS
from workbench.monitoring.rag import rag
from workbench.numbers import figure
from workbench.scenario.cycle import Target
from workbench.scenario.model import Scenario

OUTCOME_WORDS = {
    "continue": "Continue: the service carries on as it is.",
    "revise": "Revise: the service changes.",
    "terminate": "Terminate: the service's present arrangement ends, and how it is "
                 "delivered is open to decide again.",
}
PERIOD_WORDS = {"month": "each month", "quarter": "each quarter"}


def accountability_html(store: Any, meeting_id: str, *, today: date | None = None) -> str:
    """The meeting's "after the decision" page as one standalone HTML page; ``today``
    (default: today, UTC) decides which unanswered challenges are overdue."""
    today = today or datetime.now(timezone.utc).date()
    info = store.meeting(meeting_id)
    scenario = store.targets_in_force(meeting_id)
    title = f"After the decision: {info.name}"
    meta = [_e(scenario.organisation)] if scenario.organisation else []
    meta.append(f"Published on {_e(day_words(today))}")
    body = (f"<header><h1>{_e(title)}</h1><p class=\"meta\">{' · '.join(meta)}</p></header>"
            "<main><p class=\"lead\">What was agreed to be measured after the decision, how "
            "the services are doing, and every challenge and review with its answer.</p>"
            + engagement_section(scenario)
            + _decision_section(store, meeting_id)
            + views_now_section(store.views(meeting_id), scenario)
            + _targets_section(scenario)
            + _results_section(store, meeting_id, scenario)
            + _challenges_section(store, meeting_id, scenario, today)
            + _reviews_section(store, meeting_id, scenario)
            + needs_section(store.needs(meeting_id), group_names(scenario))
            + options_section(store.options(meeting_id), scenario)
            + "</main><footer><p>Names and contact details of the people who lodge "
              "challenges or propose needs are never published.</p></footer>")
    return page_html(title, body)


def _decision_section(store: Any, meeting_id: str) -> str:
    adopted = store.decisions(meeting_id)
    head = "<h2>The decision in force</h2>"
    if not adopted:
        return head + "<p>No decision has been adopted yet.</p>"
    last = adopted[-1]
    source = (last.record.get("adopted") or {}).get("source", "recommended")
    words = SOURCE_WORDS.get(source, source)
    return (head + f"<p>Adopted on {_e(day_words(last.adopted_at))} by {_e(last.adopted_by)}"
            f": {_e(words)}.</p>")


def _amount(value: float, unit: str) -> str:
    """A target's value with its unit: 95%, 20 days."""
    return f"{figure(value)}{unit}" if unit == "%" else f"{figure(value)} {unit}"


def _target_words(target: Target) -> tuple[str, str, str]:
    """The target, the approaching band and the inadequate line, in words."""
    better = "or more" if target.direction == "higher" else "or less"
    beyond = "below" if target.direction == "higher" else "above"
    goal = f"{_amount(target.target, target.unit)} {better}"
    if target.approaching is None or target.approaching == target.target:
        approaching = "no band: short of the target requires improvement"
    else:
        approaching = f"down to {_amount(target.approaching, target.unit)}" \
            if target.direction == "higher" else f"up to {_amount(target.approaching, target.unit)}"
    inadequate = "not set" if target.inadequate is None else \
        f"{beyond} {_amount(target.inadequate, target.unit)}"
    return goal, approaching, inadequate


def _targets_section(scenario: Scenario) -> str:
    head = ("<h2>The targets in force</h2><p>Each target as last agreed, and the groups "
            "that agreed it.</p>")
    targets = scenario.targets or ()
    if not targets:
        return head + "<p>This meeting has no targets.</p>"
    names, services = group_names(scenario), {s.id: s.name for s in scenario.services}
    rows = []
    for t in targets:
        goal, approaching, inadequate = _target_words(t)
        agreed = ", ".join(names.get(g, g) for g in t.agreed_by) or \
            "no group agreed this target"
        rows.append([_e(services.get(t.service, t.service)), _e(t.measure), _e(goal),
                     _e(approaching), _e(inadequate), _e(PERIOD_WORDS[t.period]),
                     "yes" if t.kpi else "no", _e(agreed)])
    return head + table("The targets in force and who agreed each",
                        ["Service", "What is measured", "Target", "Approaching target",
                         "Inadequate", "Measured", "Key performance indicator",
                         "Agreed by"], rows)


def _rating_html(rating: str | None) -> str:
    """A rating as its words and its colour's name, with a swatch beside (never colour
    alone)."""
    shown = rag(rating)  # type: ignore[arg-type]  # a rating as the review gives it
    colour = shown.colour + (f", marked {shown.marked}" if shown.marked else "")
    return (f'<span class="swatch" aria-hidden="true" style="background:{shown.hex}"></span>'
            f"{_e(shown.words)} ({_e(colour)})")


def _month_words(index: int) -> str:
    return f"{date(index // 12, index % 12 + 1, 1):%B %Y}"


def _results_section(store: Any, meeting_id: str, scenario: Scenario) -> str:
    from workbench.store.cycle import review_meeting

    head = "<h2>How the services are doing</h2>"
    if not store.results(meeting_id, scenario):
        return head + "<p>No results have been published yet.</p>"
    report = review_meeting(store, meeting_id)
    services = {s.id: s.name for s in scenario.services}
    latest: dict[str, Any] = {}
    for result in report.ratings:                 # in period order within each target
        latest[result.target.id] = result
    rows = []
    for t in scenario.targets or ():
        found = latest.get(t.id)
        rows.append([_e(services.get(t.service, t.service)), _e(t.measure),
                     _e(found.period.text) if found else "none yet",
                     _e(_amount(found.value, t.unit)) if found else "no result yet",
                     _rating_html(found.rating if found else None)])
    month = _month_words(report.as_of)
    parts = [head, f"<p>As of {_e(month)}, the latest month with a result.</p>",
             table("The latest result of each target", ["Service", "What is measured",
                   "Period", "Result", "Rating"], rows)]
    measures = {t.id: t.measure for t in scenario.targets or ()}
    perf = []
    for service, ratings in report.performance.items():
        each = "; ".join(f"{measures.get(t, t)}: {rag(r).words}"    # type: ignore[arg-type]
                         for t, r in ratings.items() if t != "overall")
        perf.append([_e(services.get(service, service)), _rating_html(ratings["overall"]),
                     _e(each)])
    if perf:
        parts.append(f"<h3>Contract performance over the 12 months ending {_e(month)}</h3>"
                     "<p>Each target is rated on the mean of its results in those 12 months; "
                     "a service's overall rating is the worst of its targets'.</p>"
                     + table("Contract performance of each service", ["Service", "Overall",
                             "Each target"], perf))
    if report.due:
        items = "".join(f"<li><strong>{_e(services.get(s, s))}</strong>: "
                        + "; ".join(_e(reason_words(r.to_json(), scenario)) for r in reasons)
                        + "</li>" for s, reasons in report.due.items())
        parts.append(f"<h3>Reviews due as of {_e(month)}</h3><ul class=\"item\">{items}</ul>")
    return "".join(parts)


def _lodged_by(challenge: Any, names: Mapping[str, str]) -> str:
    if challenge.group:
        return f"the panel of {names.get(challenge.group, challenge.group)}"
    return "a member of the public"


def _challenges_section(store: Any, meeting_id: str, scenario: Scenario, today: date) -> str:
    head = ("<h2>Challenges and their answers</h2><p>Anyone can challenge a service. Each "
            "challenge gets an answer; one not answered 28 days after it was lodged is "
            "shown as overdue. Who lodged a challenge is not published, only whether it came "
            "from a member of the public or a group's panel.</p>")
    found = store.challenges(meeting_id)          # the public reading: no names, no contacts
    if not found:
        return head + "<p>No challenge has been lodged.</p>"
    names, services = group_names(scenario), {s.id: s.name for s in scenario.services}
    parts = [head]
    for n, c in enumerate(found, start=1):
        overdue = is_overdue(c.lodged, c.answers, today)
        note = "Overdue: not answered 28 days after it was lodged." if overdue else ""
        parts.append(
            f'<h3>Challenge {n}: {_e(services.get(c.service, c.service))}</h3><div class="said">'
            f"<p>On grounds of {_e(GROUNDS_WORDS.get(c.grounds, c.grounds))}, lodged on "
            f"{_e(day_words(c.lodged))} by {_e(_lodged_by(c, names))}.</p>"
            f"<blockquote><p>{_e(c.text)}</p></blockquote>"
            + answer_html(c.answers, unanswered=note) + "</div>")
    return "".join(parts)


def _reviews_section(store: Any, meeting_id: str, scenario: Scenario) -> str:
    head = "<h2>Reviews</h2>"
    found = store.reviews(meeting_id)
    if not found:
        return head + "<p>No service has been reviewed.</p>"
    services = {s.id: s.name for s in scenario.services}
    parts = [head]
    for stored in found:
        review = stored.review
        reasons = [reason_words(r, scenario) for r in stored.reasons]
        why = ("<ul>" + "".join(f"<li>{_e(r)}</li>" for r in reasons) + "</ul>") if reasons \
            else "<p>Opened by hand: no rule made it due.</p>"
        parts.append(f"<h3>Review of {_e(services.get(review.service, review.service))}</h3>"
                     f'<div class="said"><p>Opened on {_e(day_words(review.opened_at))} by '
                     f"{_e(stored.opened_by)}"
                     + (", because:</p>" if reasons else ".</p>") + why)
        if review.outcome is None:
            parts.append("<p><strong>Outcome:</strong> none yet, the review is still open."
                         "</p></div>")
            continue
        closed = f" on {day_words(review.closed_at)}" if review.closed_at else ""
        by = f" by {stored.closed_by}" if stored.closed_by else ""
        changes = (f"<p><strong>What changes:</strong> {_e(review.changes)}</p>"
                   if review.changes else "")
        parts.append(f"<p><strong>Outcome: {_e(OUTCOME_WORDS[review.outcome])}</strong> "
                     f"Closed{_e(closed)}{_e(by)}.</p>{changes}"
                     "<p><strong>The published response:</strong></p>"
                     f"<blockquote><p>{_e(review.response or '')}</p></blockquote></div>")
    return "".join(parts)
