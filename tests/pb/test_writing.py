"""Writing elections back as .pb files: reading what was written gives the same election."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATASETS
from workbench.pb import (
    Ballot,
    Election,
    Project,
    election_text,
    parse_election,
    read_election,
    save_election,
)
from workbench.pb.generate import synthetic_election

FILES = sorted((DATASETS / "pabulib").glob("*.pb"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_real_elections_round_trip(path, tmp_path):
    e = read_election(path)
    save_election(e, tmp_path / "again.pb")
    again = read_election(tmp_path / "again.pb")
    assert again == e
    assert election_text(again) == election_text(e)


def test_the_synthetic_election_round_trips():
    e = synthetic_election(voters=300, projects=12, seed=3)
    assert parse_election(election_text(e)) == e


ids = st.text("abcXYZ019/_-", min_size=1, max_size=6)
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12).map(str.strip)
amounts = st.fractions(min_value=Fraction(1, 100), max_value=10**9).map(
    lambda f: Fraction(round(f * 100), 100)).filter(lambda f: f > 0)


@st.composite
def elections(draw):
    kind = draw(st.sampled_from(["approval", "ordinal", "cumulative", "scoring"]))
    names = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    projects = tuple(Project(n, draw(amounts), (("name", draw(texts)),)) for n in names)
    ballots = []
    for v in range(draw(st.integers(0, 6))):
        chosen = tuple(draw(st.lists(st.sampled_from(names), unique=True, max_size=4)))
        points = None
        if kind in ("cumulative", "scoring"):
            low = -5 if kind == "scoring" else 0
            points = tuple(Fraction(draw(st.integers(low, 9))) for _ in chosen)
        ballots.append(Ballot(str(v), chosen, points, (("sex", draw(st.sampled_from("MF"))),)))
    meta = (("description", draw(texts)), ("budget", "1000"), ("vote_type", kind))
    header = ("voter_id", "vote", "points", "sex") if kind in ("cumulative", "scoring") \
        else ("voter_id", "vote", "sex")
    return Election(meta, projects, tuple(ballots), Fraction(1000), kind,
                    ("project_id", "cost", "name"), header)


@settings(max_examples=150, deadline=None)
@given(elections())
def test_any_election_round_trips(e):
    assert parse_election(election_text(e)) == e


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    from workbench.errors import WorkbenchError

    e = synthetic_election(voters=10, projects=3)
    with pytest.raises(WorkbenchError, match="does not exist"):
        save_election(e, tmp_path / "missing" / "out.pb")
    assert list(tmp_path.iterdir()) == []
