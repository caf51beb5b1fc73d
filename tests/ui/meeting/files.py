"""Scenario files the meeting page's tests need beyond the bundled two."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SCENARIOS

# The teaching example with a budget below what keeping the library open needs: the budget
# and the library duty clash (each alone can hold).
CLASH = ("limit: 200000", "limit: 170000")


def clashing_teaching(folder: Path) -> Path:
    """``teaching-clash.yaml`` in ``folder``: the budget and the library duty clash."""
    path = folder / "teaching-clash.yaml"
    path.write_text((SCENARIOS / "teaching.yaml").read_text().replace(*CLASH, 1))
    return path
