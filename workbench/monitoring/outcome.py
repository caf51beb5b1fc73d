"""A review is opened with its reasons and closed with an outcome and a published response
(commissioning-cycle.md, section 4). ``revise`` and ``terminate`` lift the service's
``require_option`` givens in a new scenario, so that its make-or-buy choice is open again."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from workbench.errors import InputError
from workbench.givens.require_option import require_options
from workbench.monitoring.due import Reason
from workbench.scenario.files import check_scenario, save_scenario, scenario_to_data
from workbench.scenario.model import Scenario

Outcome = Literal["continue", "revise", "terminate"]
OUTCOMES: tuple[Outcome, ...] = ("continue", "revise", "terminate")
REOPENS: frozenset[Outcome] = frozenset({"revise", "terminate"})


@dataclass(frozen=True)
class Review:
    """One review of one service: why it was opened (empty when opened by hand) and, once
    closed, its outcome, what changes (for ``revise``) and the published response."""

    service: str
    opened_at: datetime
    reasons: tuple[Reason, ...] = ()
    outcome: Outcome | None = None
    changes: str | None = None
    response: str | None = None
    closed_at: datetime | None = None

    def closed(self, outcome: Outcome, response: str, at: datetime,
               changes: str | None = None) -> Review:
        """This review closed; ``revise`` needs the changes, every outcome a response."""
        if self.outcome is not None:
            raise InputError(f"the review of {self.service} is already closed")
        if outcome not in OUTCOMES:
            raise InputError(f"a review's outcome must be one of {', '.join(OUTCOMES)} "
                             f"(got {outcome!r})")
        if not response.strip():
            raise InputError("closing a review needs the response to publish")
        if outcome == "revise" and not (changes or "").strip():
            raise InputError("a 'revise' outcome needs the changes it makes")
        return replace(self, outcome=outcome, response=response, closed_at=at,
                       changes=changes if outcome == "revise" else None)


def reopened(scenario: Scenario, review: Review) -> Scenario:
    """The scenario after a closed review: for ``revise`` or ``terminate``, a new scenario
    without the service's ``require_option`` givens; for ``continue``, the same one."""
    if review.outcome is None:
        raise InputError(f"the review of {review.service} is not closed yet")
    if review.outcome not in REOPENS:
        return scenario
    data = scenario_to_data(scenario)
    lifted = {g.id for g in require_options(scenario.givens) if g.service == review.service}
    data["givens"] = [g for g in data.get("givens", []) if g["id"] not in lifted]
    return check_scenario(Scenario.model_validate(data))


def write_reopened(scenario: Scenario, review: Review, path: str | Path) -> Scenario:
    """``reopened`` written to ``path`` atomically (never a half-written file)."""
    new = reopened(scenario, review)
    save_scenario(new, path)
    return new
