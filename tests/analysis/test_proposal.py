"""The officers' proposal: which givens a complete portfolio breaks."""

from __future__ import annotations

import pytest

from tests.monitoring.helpers import small
from workbench.analysis.proposal import broken_givens
from workbench.errors import InputError

GIVENS = [{"id": "lock", "kind": "require_option", "service": "care", "option": "contract",
           "category": "contractual", "reason": "A contract"},
          {"id": "cap", "kind": "budget", "limit": 20, "category": "financial",
           "reason": "The envelope"}]


def test_a_proposal_names_the_givens_it_breaks_in_file_order():
    s = small(givens=GIVENS, proposal={"care": "contract", "parks": "council"})
    assert broken_givens(s) == ("cap",)                 # 1,000,000 a year is over 20
    assert broken_givens(s, {"care": "in_house", "parks": "council"}) == ("lock",)


def test_a_proposal_within_every_given_breaks_none():
    s = small(givens=GIVENS[:1], proposal={"care": "contract", "parks": "council"})
    assert broken_givens(s) == ()


def test_no_proposal_is_refused():
    with pytest.raises(InputError, match="no proposal"):
        broken_givens(small())
