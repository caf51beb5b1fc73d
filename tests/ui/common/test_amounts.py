"""Amounts typed into a box: thousands separators, one a year, refusals in words."""

from __future__ import annotations

import pytest

from workbench.errors import InputError
from workbench.ui.common.amounts import parse_amounts


@pytest.mark.parametrize(("typed", "years", "found"), [
    ("35000", 1, [35000.0]), ("35,000", 1, [35000.0]), ("£35,000", 3, [35000.0]),
    ("30000; 31,000; 32000", 3, [30000.0, 31000.0, 32000.0]), ("1, 2", 2, [1.0, 2.0]),
    ("  ", 3, [])])
def test_amounts_are_read_as_people_type_them(typed, years, found):
    assert parse_amounts(typed, "Cost", years) == found


@pytest.mark.parametrize(("typed", "said"), [
    ("thirty", "Cost: 'thirty' is not a number"), ("1; 2", "write one amount, or one a year"),
    ("inf", "is not a number")])
def test_a_bad_amount_is_refused_in_words(typed, said):
    with pytest.raises(InputError, match=said):
        parse_amounts(typed, "Cost", 3)
