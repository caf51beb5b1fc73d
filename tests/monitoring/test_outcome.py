"""Closing a review: ``revise`` and ``terminate`` open the service's make-or-buy again."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.monitoring.helpers import small
from workbench.errors import InputError
from workbench.monitoring.outcome import Review, reopened, write_reopened
from workbench.scenario import load_scenario

AT = datetime(2026, 7, 1)
LOCKS = [{"id": "lock", "kind": "require_option", "service": "care", "option": "contract",
          "category": "contractual", "reason": "A contract", "until": "2027-03-31"},
         {"id": "parks_lock", "kind": "require_option", "service": "parks",
          "option": "council", "category": "political", "reason": "A promise"}]


@pytest.mark.parametrize("outcome", ["revise", "terminate"])
def test_revise_and_terminate_lift_only_that_services_require_option(outcome, tmp_path):
    s = small(givens=LOCKS)
    review = Review("care", AT).closed(outcome, "We will re-tender", AT, changes="New spec")
    new = write_reopened(s, review, tmp_path / "new.yaml")
    assert [g.id for g in new.givens] == ["parks_lock"]
    assert load_scenario(tmp_path / "new.yaml") == new
    assert [g.id for g in s.givens] == ["lock", "parks_lock"]       # the old one unchanged


def test_continue_keeps_the_scenario():
    s = small(givens=LOCKS)
    assert reopened(s, Review("care", AT).closed("continue", "It is improving", AT)) is s


def test_closing_needs_a_response_and_revise_its_changes():
    review = Review("care", AT)
    with pytest.raises(InputError, match="response"):
        review.closed("continue", " ", AT)
    with pytest.raises(InputError, match="changes"):
        review.closed("revise", "We will change it", AT)
    with pytest.raises(InputError, match="not closed"):
        reopened(small(), review)
    with pytest.raises(InputError, match="already closed"):
        review.closed("terminate", "Ended", AT).closed("continue", "Again", AT)
