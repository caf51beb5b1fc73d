"""A review of every service as of a month: the ratings of the results, contract
performance, the reviews due with their reasons, and the warnings; what ``workbench review``
prints (commissioning-cycle.md, sections 3 and 4)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbench.monitoring.answers import Answer, is_overdue
from workbench.monitoring.challenges import Challenge
from workbench.monitoring.due import Reason, as_of_month, by_target, reviews_due
from workbench.monitoring.performance import Performance, kpi_warnings, performance
from workbench.monitoring.periods import last_day, month_text
from workbench.monitoring.rag import rag
from workbench.monitoring.results import Result
from workbench.scenario.model import Scenario
from workbench.scenario.yamlio import collection_paused


@dataclass(frozen=True)
class ReviewReport:
    """What a review as of month ``as_of`` found; ``to_json`` is the spec's JSON shape."""

    as_of: int
    ratings: tuple[Result, ...]
    performance: Performance
    due: Mapping[str, tuple[Reason, ...]]
    warnings: tuple[str, ...]
    overdue: tuple[Challenge, ...] = ()   # challenges unanswered 28 days on, at A's end

    def to_json(self) -> dict[str, Any]:
        return {"ratings": [r.to_json() for r in self.ratings], **self._summary()}

    def _summary(self) -> dict[str, Any]:
        return {"performance": {s: dict(p) for s, p in self.performance.items()},
                "due": {s: [r.to_json() for r in reasons] for s, reasons in self.due.items()},
                "warnings": list(self.warnings)}

    def json_text(self) -> str:
        """``to_json`` as indented JSON, one rating to a line: readable, and quick to write
        (a year of results for 10,000 services is 240,000 ratings)."""
        with collection_paused():
            # Service and target ids are letters, digits, _ and - (the scenario checks),
            # periods and ratings are fixed forms and values finite: nothing to escape.
            ratings = ",\n".join(
                f'    {{"service": "{r.target.service}", "target": "{r.target.id}", '
                f'"period": "{r.period.text}", "value": {r.value!r}, "rating": "{r.rating}"}}'
                for r in self.ratings)
            rest = json.dumps(self._summary(), indent=2)[1:]
        head = '{\n  "ratings": [\n' + ratings + "\n  ]" if ratings else '{\n  "ratings": []'
        return head + "," + rest

    def text(self, scenario: Scenario) -> str:
        """A short account for a terminal: due reviews first, then performance."""
        lines = [f"Review of {scenario.name} as of {month_text(self.as_of)} "
                 f"({len(self.ratings)} results)"]
        if self.due:
            lines.append(f"Reviews due ({len(self.due)} services):")
            for service, reasons in self.due.items():
                for reason in reasons:
                    lines.append(f"  {service}: {reason.sentence()}")
        else:
            lines.append("No review is due.")
        if self.performance:
            lines.append("Contract performance over the 12 months ending then:")
            for service, ratings in self.performance.items():
                parts = ", ".join(f"{t} {rag(r).words}" for t, r in ratings.items()
                                  if t != "overall")
                overall = rag(ratings["overall"])
                mark = f" [{overall.marked}]" if overall.marked else ""
                lines.append(f"  {service}: {overall.colour}{mark} ({parts})")
        if self.overdue:
            lines.append(f"Challenges unanswered 28 days after they were lodged: "
                         f"{len(self.overdue)}")
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def review(scenario: Scenario, results: Sequence[Result], challenges: Sequence[Challenge] = (),
           as_of: int | None = None, in_force: Mapping[str, str] | None = None,
           answers: Mapping[int, Sequence[Answer]] | None = None) -> ReviewReport:
    """The review as of ``as_of`` (a month index; by default the latest result's month).

    ``in_force`` is the adopted option of each service (default: its ``current`` option);
    ``answers`` maps a challenge's position in ``challenges`` to its answers so far."""
    with collection_paused():
        return _review(scenario, results, challenges, as_of, in_force, answers)


def _review(scenario: Scenario, results: Sequence[Result], challenges: Sequence[Challenge],
            as_of: int | None, in_force: Mapping[str, str] | None,
            answers: Mapping[int, Sequence[Answer]] | None) -> ReviewReport:
    a = as_of_month(results, as_of)
    upto = tuple(r for r in results if r.period.month <= a)
    order = {t.id: i for i, t in enumerate(scenario.targets or ())}
    ratings = tuple(sorted(upto, key=lambda r: (order[r.target.id], r.period)))
    grouped = by_target(upto)
    end: date = last_day(a)
    overdue = tuple(c for i, c in enumerate(challenges)
                    if c.lodged <= end and is_overdue(c.lodged, (answers or {}).get(i, ()), end))
    return ReviewReport(a, ratings, performance(scenario, upto, a, grouped),
                        reviews_due(scenario, upto, challenges, a, grouped),
                        kpi_warnings(scenario, in_force), overdue)
