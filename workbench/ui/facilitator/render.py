"""The facilitator's view of the panels, from plain data: each panel's latest submission
(when, which revision, its weights in criterion order, views and dissent as text)."""

from __future__ import annotations

from workbench.export.terms import opted_out_words
from workbench.monitoring.answers import STATE_WORDS
from workbench.numbers import figure
from workbench.scenario import Scenario
from workbench.ui.common import esc
from workbench.ui.common.tables import row, table


def panels_html(scenario: Scenario, panels: dict[str, dict],
                opted_out: dict[str, str] | None = None) -> str:
    """Who has submitted and who not, then each panel's latest input. ``panels``: group id
    -> {revision, at, weights, comment, dissent}; a group in ``opted_out`` is marked so."""
    rows, waiting = [], []
    opted_out = opted_out or {}
    for g in scenario.stakeholders:
        got = panels.get(g.id)
        if g.id in opted_out:
            reason = opted_out[g.id]
            rows.append(f"<tr class='wb-opted-out-row'><th scope='row'>{esc(g.name)}</th>"
                        f"<td colspan='4'><strong>{esc(opted_out_words(reason))}</strong>"
                        " (influence 0 while out; not counted as agreeing)</td></tr>")
            continue
        if got is None:
            waiting.append(g.name)
            rows.append(f"<tr class='wb-waiting-row'><th scope='row'>{esc(g.name)}</th>"
                        "<td colspan='4'><strong>not yet submitted</strong> (the scenario's "
                        "starting weights stand in)</td></tr>")
            continue
        total = sum(got["weights"].values()) or 1.0
        weights = "; ".join(f"{esc(c.name)} {got['weights'].get(c.id, 0) / total:.2f}"
                            for c in scenario.criteria)
        rows.append(row(g.name, [f"revision {got['revision']} at {got['at']:%H:%M:%S} UTC",
                                 weights, esc(got["comment"]) or "–",
                                 esc(got["dissent"]) or "–"]))
    done = sum(panels.get(g.id) is not None and g.id not in opted_out
               for g in scenario.stakeholders)
    out = sum(g.id in opted_out for g in scenario.stakeholders)
    also = f" ({out} opted out)" if out else ""
    line = (f"<p class='wb-waiting'><strong>{done} of {len(scenario.stakeholders)} panels "
            f"have submitted{also}.</strong> Not yet submitted: {esc(', '.join(waiting))}."
            "</p>" if waiting else "<p class='wb-waiting'><strong>Every panel "
            f"{'taking part ' if out else ''}has submitted{also}.</strong></p>")
    return line + table("Each panel's latest submission (weights normalised to sum 1, in "
                        "criterion order)", ["Panel", "Submitted", "Weights", "Views",
                                             "Dissent"], rows, "wb-panels")


def adopted_html(adopted: list[dict]) -> str:
    """The decisions adopted in this meeting so far, newest last."""
    if not adopted:
        return "<p>No decision adopted yet in this meeting.</p>"
    items = "".join(f"<li>Decision {d['id']}, adopted by {esc(d['by'])} at "
                    f"{d['at']:%Y-%m-%d %H:%M:%S} UTC (record SHA-256 {d['sha256'][:12]}…)"
                    "</li>" for d in adopted)
    return f"<ul class='wb-adopted'>{items}</ul>"


def opted_out_line(scenario: Scenario, opted_out: dict[str, str]) -> str:
    """Which groups are opted out, with their reasons (never counted as agreeing)."""
    if not opted_out:
        return ""
    names = {g.id: g.name for g in scenario.stakeholders}
    items = "; ".join(f"{esc(names.get(g, g))}: {esc(opted_out_words(r))}"
                      for g, r in opted_out.items())
    return (f"<p class='wb-opted-out-line'><strong>Opted out:</strong> {items}. Their "
            "influence counts as 0 in the agreed weights while they are out; their "
            "satisfaction is still shown.</p>")


def views_html(scenario: Scenario, views: list) -> str:
    """Every comment and dissent note with its answer: what was said, and what the council
    answered, by whom and when (the latest answer; a view replaced by its group is marked)."""
    if not views:
        return "<p class='wb-views-none'>No panel has sent a comment or dissent note yet.</p>"
    names = {g.id: g.name for g in scenario.stakeholders}
    rows = []
    for v in views:
        said = f"<strong>{'Dissent' if v.kind == 'dissent' else 'Comment'}:</strong> " \
               f"{esc(v.text)}" + ("" if v.current else " <em>(since replaced by the panel)</em>")
        if v.answers:
            last = v.answers[-1]
            answer = (f"<strong>{esc(STATE_WORDS[last.state])}</strong>"
                      + (f": {esc(last.text)}" if last.text else "")
                      + f" <span class='wb-answered-by'>({esc(last.by)}, "
                        f"{last.at:%Y-%m-%d %H:%M} UTC)</span>")
        else:
            answer = "<strong class='wb-not-answered'>not answered</strong>"
        rows.append(row(names.get(v.group, v.group), [said, answer],
                        "wb-dissent-row" if v.kind == "dissent" else ""))
    return table("Every view and its answer", ["Panel", "What they said", "The answer"],
                 rows, "wb-views")


def targets_html(scenario: Scenario, targets: list, positions: list) -> str:
    """Each target in force: its levels, who agreed it, and every panel's latest word on it."""
    if not targets:
        return "<p>This scenario has no targets.</p>"
    names = {g.id: g.name for g in scenario.stakeholders}
    latest: dict[tuple[str, str], object] = {}
    for p in positions:
        latest[(p.target, p.group)] = p
    rows = []
    for t in targets:
        higher = t.direction == "higher"
        levels = (f"{figure(t.target)} {esc(t.unit)} ({'higher' if higher else 'lower'}"
                  f" is better); approaching {'down' if higher else 'up'} to "
                  f"{figure(t.approaching_level)}"
                  + (f"; inadequate beyond {figure(t.inadequate)}"
                     if t.inadequate is not None else ""))
        agreed = esc(", ".join(names.get(g, g) for g in t.agreed_by)) or \
            "<em>no group has agreed it</em>"
        words = []
        for g in scenario.stakeholders:
            p = latest.get((t.id, g.id))
            if p is not None:
                said = "agrees" if p.position == "agree" else f"proposes {figure(p.value)}"
                words.append(f"{esc(g.name)} {said}" + (f" ({esc(p.text)})" if p.text else ""))
        service = scenario.service(t.service).name
        rows.append(row(t.measure, [esc(service), levels, agreed, "; ".join(words) or "–"]))
    return table("The targets in force and what the panels said", [
        "Target", "Service", "Levels", "Agreed by", "The panels' positions"], rows,
        "wb-targets")


def kpi_warnings_html(warnings: tuple[str, ...] | list[str]) -> str:
    """The Procurement Act 2023 s.52 warnings, in words (a warning, never a refusal)."""
    if not warnings:
        return ""
    items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
    return (f"<div class='wb-kpi-warnings' role='note'><p><strong>Warning (Procurement Act "
            f"2023, s.52):</strong></p><ul>{items}</ul></div>")


def public_links_html(meeting_id: str, scenario: Scenario) -> str:
    """The meeting's public challenge links and its needs register, to publish (relative to
    this page, so they hold wherever the server is; no token in them), and where the review
    page is."""
    from urllib.parse import urlencode

    from workbench.store.links import CHALLENGE_PAGE, NEEDS_PAGE

    def link(service: str | None) -> str:
        query = {"meeting": meeting_id, **({"service": service} if service else {})}
        return f"{CHALLENGE_PAGE}?{urlencode(query)}"

    items = "".join(f"<li><a href='{esc(link(s.id))}'>{esc(s.name)}</a></li>"
                    for s in scenario.services)
    return ("<details class='wb-public-links'><summary>Public challenge links, to publish "
            "(anyone may challenge a service; no token)</summary>"
            f"<p><a href='{esc(link(None))}'>Any service</a></p><ul>{items}</ul>"
            f"<p>The needs register, where anyone may propose and support needs: <a href='"
            f"{esc(NEEDS_PAGE + '?' + urlencode({'meeting': meeting_id}))}'>Needs register"
            "</a> (merge and answer needs on the review page).</p>"
            "<p>Results, challenges and reviews are on the review page: its link was printed "
            "beside this page's when the meeting was created.</p></details>")
