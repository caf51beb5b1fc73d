"""One guard for every spreadsheet the workbench writes: the finance CSV and workbook and
the meeting's audit CSV defuse the same texts, leading spaces included."""

from __future__ import annotations

import pytest

from workbench.spreadsheet import csv_text, defused, is_formula_like
from workbench.store.audit import formula_safe

DANGEROUS = ["=1+1", " =1+1", "  +SUM(A1)", "\u00a0-2", "@cmd", "\tx", "\rx", "\n=1"]
HARMLESS = ["fine", "a=b", "", "1 + 1", "x-y"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_every_writer_defuses_a_formula(text):
    assert is_formula_like(text)
    assert defused(text) == "'" + text
    assert formula_safe(text) == "'" + text
    assert csv_text(text).startswith("'")


@pytest.mark.parametrize("text", HARMLESS)
def test_plain_text_is_left_alone(text):
    assert not is_formula_like(text)
    assert defused(text) == formula_safe(text) == csv_text(text) == text
