"""A decision to export or publish (:class:`DecisionExport`): one plain in-memory object.

Not the store's adopted decision (:mod:`workbench.store.meetings`), which this is built from
by :mod:`workbench.export.adopted`, nor an explanation of one service's choice
(:class:`workbench.analysis.summary.ChoiceExplained`).

The command line builds it from a scenario file; the meeting app from its current run; a
store of adopted decisions can build the same object later. Every export reads only this,
so the workbook, the CSV and the published record always agree with one optimiser run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from workbench.analysis.analyse import Analysis
from workbench.analysis.compare import SOURCE_WORDS, Beside
from workbench.analysis.prices import Price
from workbench.errors import WorkbenchError
from workbench.monitoring.answers import Answer, AnswerState, state_of
from workbench.optimiser.portfolio import Portfolio
from workbench.optimiser.recommend import Recommendation
from workbench.optimiser.solver import DEFAULT_TIME_LIMIT
from workbench.scenario.model import Scenario
from workbench.weights import group_weights


class NothingToExport(WorkbenchError):
    """The run has no portfolio (the givens clash, or time ran out before any was found)."""

    def __init__(self, message: str, status: str):
        super().__init__(message)
        self.status = status




def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class Departure:
    """A service whose adopted option is not the recommended one, and why it departs."""

    service: str
    recommended: str
    adopted: str
    reason: str


@dataclass(frozen=True)
class SaidAndDone:
    """A group's comment or dissent note as the record holds it, with every answer it had
    when the decision was adopted (the latest is in force)."""

    key: str
    group: str
    kind: str                      # "comment" or "dissent"
    text: str
    answers: tuple[Answer, ...] = ()

    @property
    def state(self) -> AnswerState:
        return state_of(self.answers)


@dataclass(frozen=True, eq=False)
class DecisionExport:
    """What was decided: the scenario, the run that chose the portfolio, and who adopted it.

    ``analysis`` (the trade-offs) is needed for the published record, not for the finance
    export. ``comments`` maps a group id to what that group said; ``influence`` the
    influences used (default: the scenario's).

    From an adopted record (commissioning-cycle.md, sections 1 and 2): ``recommended`` is
    the recommendation when the adopted portfolio (``recommendation.portfolio``) departs
    from it, with ``departures`` (one per departing service, with its reason) and
    ``breaks`` (the givens the adopted portfolio breaks); ``adopted_source`` says which
    portfolio was adopted; ``proposal`` is the officers' proposal measured beside the
    recommendation; ``opted_out`` maps a group to its reason; ``views`` is what the groups
    said and the answers (None: not recorded), ``not_answered`` the keys of dissent notes
    adopted without an answer.
    """

    scenario: Scenario
    recommendation: Recommendation
    analysis: Analysis | None = None
    source: str | None = None
    sha256: str | None = None
    comments: Mapping[str, str] = field(default_factory=dict)
    adopted_by: str | None = None
    adopted_at: datetime | None = None
    influence: Mapping[str, float] | None = None
    generated_at: datetime = field(default_factory=_now)
    given_prices: Mapping[str, Price] | None = None
    adopted_source: str = "recommended"
    recommended: Beside | None = None
    departures: tuple[Departure, ...] = ()
    breaks: tuple[str, ...] = ()
    proposal: Beside | None = None
    opted_out: Mapping[str, str] = field(default_factory=dict)
    views: tuple[SaidAndDone, ...] | None = None
    not_answered: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rec = self.recommendation
        if rec.portfolio is None:
            raise NothingToExport(
                f"{self.source or self.scenario.name}: there is no portfolio to export "
                f"({rec.status}). {rec.explanation}".strip(), rec.status)
        if rec.lifted:
            raise WorkbenchError(
                f"{self.source or self.scenario.name}: a what-if with "
                f"{', '.join(rec.lifted)} lifted is not a decision; export the "
                "recommendation that keeps every given")
        expected = self.recommended_choices
        if self.recommended is not None:
            departing = sorted(s for s, option in expected.items()
                               if rec.portfolio.choices.get(s) != option)
            if departing != sorted(d.service for d in self.departures):
                raise WorkbenchError(
                    "departures: the services that depart from the recommendation are "
                    f"{', '.join(departing) or 'none'} (got "
                    f"{', '.join(d.service for d in self.departures) or 'none'})")
        elif self.departures:
            raise WorkbenchError("departures: a decision that departs from the "
                                 "recommendation needs the recommendation beside it")
        if self.analysis is not None:
            other = self.analysis.recommended.portfolio
            if other is None or other.choices != expected:
                raise WorkbenchError("the trade-off analysis is of a different portfolio "
                                     "than the recommendation; run it again for this "
                                     "decision")
        groups = {g.id for g in self.scenario.stakeholders}
        for place, given in (("comments", self.comments), ("opted_out", self.opted_out)):
            unknown = sorted(set(given) - groups)
            if unknown:
                raise WorkbenchError(f"{place}: unknown group(s) {', '.join(unknown)}")

    @property
    def portfolio(self) -> Portfolio:
        """The portfolio decided on: the adopted one (the recommendation unless it departs)."""
        return self.recommendation.solved_portfolio  # never refused (checked above)

    @property
    def departs(self) -> bool:
        """The adopted portfolio is not the recommended one."""
        return self.recommended is not None

    @property
    def source_words(self) -> str:
        """Which portfolio was adopted, in words ("the officers' proposal")."""
        return SOURCE_WORDS.get(self.adopted_source, self.adopted_source)

    @property
    def recommended_choices(self) -> dict[str, str]:
        """The recommended option of each service (the decision's own unless it departs)."""
        if self.recommended is not None:
            return dict(self.recommended.choices)
        return dict(self.recommendation.solved_portfolio.choices)

    @cached_property
    def prices(self) -> dict[str, Price]:
        """The price of each given: from the analysis when there is one, else worked out."""
        if self.given_prices is not None:
            return dict(self.given_prices)
        if self.analysis is not None and self.analysis.prices:
            return dict(self.analysis.prices)
        from workbench.analysis.prices import prices

        return prices(self.scenario, self.recommendation.weights, self.portfolio)

    @property
    def group_weights(self) -> dict[str, dict[str, float]]:
        """Each group's normalised weights as used in the run (a meeting may move them)."""
        normal = group_weights(self.scenario)
        return {g: (dict(r.weights) if (r := self.recommendation.groups.get(g)) is not None
                    and r.weights else w) for g, w in normal.items()}

    @property
    def group_influence(self) -> dict[str, float]:
        given = self.influence or {}
        return {g.id: float(given.get(g.id, g.influence)) for g in self.scenario.stakeholders}


def decision_from_file(path: str | Path, *, solver: str = "cbc",
                       time_limit: float | None = DEFAULT_TIME_LIMIT,
                       with_analysis: bool = False, levels: int | None = None,
                       progress: Callable[[float, str], None] | None = None) -> DecisionExport:
    """The recommendation for the scenario in ``path``, as ``workbench solve`` finds it.

    With ``with_analysis`` the trade-offs are worked out too (for the published record),
    and the analysis's own recommended portfolio is the decision.
    """
    from workbench.analysis import analyse
    from workbench.optimiser import recommend
    from workbench.scenario import file_sha256, load_scenario

    scenario = load_scenario(path)
    sha = file_sha256(path)
    if with_analysis:
        analysis = analyse(scenario, levels=levels, progress=progress)
        return DecisionExport(scenario, analysis.recommended, analysis, source=str(path),
                              sha256=sha, proposal=proposal_beside(analysis.recommended))
    result = recommend(scenario, solver=solver, time_limit=time_limit)
    return DecisionExport(scenario, result, source=str(path), sha256=sha,
                          proposal=proposal_beside(result))


def proposal_beside(recommendation: Recommendation) -> Beside | None:
    """The scenario's officers' proposal measured beside ``recommendation`` (None when the
    scenario has none, or there is no recommendation to measure it by)."""
    from workbench.analysis.compare import beside

    proposal = recommendation.scenario.proposal
    if not proposal or recommendation.portfolio is None:
        return None
    return beside(recommendation, proposal)
