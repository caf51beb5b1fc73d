"""Reading .pb files: the real elections, and every kind of bad file refused with its file
and line (never a traceback)."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import DATASETS
from workbench.errors import ScenarioError
from workbench.limits import limits_for
from workbench.pb import parse_election, read_election

from .make import pb_text

FILES = sorted((DATASETS / "pabulib").glob("*.pb"))
GOOD = pb_text(100, {"a": 60, "b": 50}, ["a", "a,b"])


def problems(text: str, **limits) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_election(text, "bad.pb", dataclasses.replace(limits_for(), **limits))
    return [str(p) for p in caught.value.problems]


def test_every_real_election_reads_with_its_published_counts():
    for path in FILES:
        e = read_election(path)
        assert e.voters == int(e.meta_value("num_votes"))
        assert len(e.projects) == int(e.meta_value("num_projects"))
        column = "score" if e.vote_type in ("cumulative", "scoring") else "votes"
        for p in e.projects:               # the file's own vote counts agree with the ballots
            assert e.scores[p.id] == int(p.column(column))


def test_a_good_file():
    e = parse_election(GOOD)
    assert e.budget == 100 and e.vote_type == "approval"
    assert [p.id for p in e.projects] == ["a", "b"]
    assert e.ballots[1].projects == ("a", "b")


def test_windows_line_ends_and_a_byte_order_mark_are_read():
    e = parse_election("\ufeff" + GOOD.replace("\n", "\r\n"))
    assert e == parse_election(GOOD)


def test_missing_section():
    text = GOOD[:GOOD.index("VOTES")]
    assert problems(text) == ["bad.pb: VOTES: is missing: a pabulib file has META, PROJECTS "
                              "and VOTES, each on a line of its own, then its table (line 9)"]


def test_sections_out_of_order():
    text = "META\nkey;value\nbudget;5\nVOTES\nvoter_id;vote\n"
    assert problems(text) == ["bad.pb: VOTES: comes before PROJECTS: the sections are META, "
                              "PROJECTS and VOTES, in that order (line 4)"]


def test_not_a_pabulib_file():
    assert problems("hello;world\n") == [
        "bad.pb: must begin with the line META (this is not a pabulib file) (line 1)"]


def test_vote_for_an_unknown_project_and_duplicate_voter_each_with_their_line():
    text = GOOD + "3;a,zz\n2;b\n"
    assert problems(text) == [
        "bad.pb: VOTES, voter '3': vote: names project 'zz', which is not in PROJECTS "
        "(line 14)",
        "bad.pb: VOTES, voter '2': votes twice (first at line 13) (line 15)"]


def test_non_numeric_cost_and_duplicate_project():
    text = GOOD.replace("a;60;", "a;sixty;").replace("b;50;Project b", "a;50;again")
    assert problems(text) == [
        "bad.pb: PROJECTS, project 'a': cost: must be a number above 0 (got 'sixty') (line 8)",
        "bad.pb: PROJECTS, project 'a': is listed twice (first at line 8) (line 9)",
        "bad.pb: VOTES, voter '2': vote: names project 'b', which is not in PROJECTS "
        "(line 13)"]


@pytest.mark.parametrize("cost", ["-5", "0", "1e9", "nan", "12,5"])
def test_costs_that_are_not_positive_plain_numbers(cost):
    assert "cost: must be a number above 0" in problems(GOOD.replace("a;60;", f"a;{cost};"))[0]


def test_missing_budget_and_bad_budget():
    assert problems(GOOD.replace("budget;100\n", "")) == [
        "bad.pb: META budget: is missing (the election's budget) (line 1)"]
    assert problems(GOOD.replace("budget;100", "budget;lots")) == [
        "bad.pb: META budget: must be a number above 0 (got 'lots') (line 3)"]


def test_bad_and_missing_vote_type():
    assert problems(GOOD.replace("vote_type;approval", "vote_type;quadratic")) == [
        "bad.pb: META vote_type: must be one of approval, ordinal, cumulative, scoring "
        "(got 'quadratic') (line 4)"]
    assert problems(GOOD.replace("vote_type;approval\n", ""))[0].startswith(
        "bad.pb: META vote_type: is missing")


def test_points_must_match_the_projects_voted_for():
    text = pb_text(100, {"a": 60, "b": 50}, ["a,b", "a", "b"], vote_type="cumulative",
                   points=["1,2", "x", "1,1"])
    assert problems(text) == [
        "bad.pb: VOTES, voter '2': points: must be a number, 0 or more, for each project "
        "(got 'x') (line 13)",
        "bad.pb: VOTES, voter '3': points: gives 2 points for 1 projects voted for (line 14)"]


def test_cumulative_needs_a_points_column():
    text = pb_text(100, {"a": 60}, ["a"], vote_type="cumulative")
    assert problems(text) == [
        "bad.pb: VOTES header: must name the columns voter_id, vote, points (missing points; "
        "got 'voter_id;vote') (line 10)"]


def test_rows_with_the_wrong_number_of_fields_and_a_project_twice_in_a_ballot():
    text = GOOD.replace("b;50;Project b", "b;50") + "3;a,a\n"
    assert problems(text) == [
        "bad.pb: PROJECTS: has 2 fields; the PROJECTS header has 3 (line 9)",
        "bad.pb: VOTES, voter '2': vote: names project 'b', which is not in PROJECTS "
        "(line 13)",
        "bad.pb: VOTES, voter '3': vote: names project 'a' twice (line 14)"]


def test_size_limits_apply():
    assert "above the limit of 100 bytes" in problems(GOOD, bytes=100)[0]
    assert problems(GOOD, services=1)[0] == (
        "bad.pb: PROJECTS: has more than 1 projects (WORKBENCH_MAX_SERVICES raises the limit) "
        "(line 9)")
    assert problems(GOOD, nodes=2)[0] == (
        "bad.pb: VOTES: has more than 2 votes in its ballots (WORKBENCH_MAX_NODES raises the "
        "limit) (line 13)")


def test_echoed_values_are_cut_short():
    text = GOOD.replace("a;60;", "a;" + "9" * 5000 + ";")
    message = problems(text)[0]
    assert len(message) < 200


def test_many_problems_are_counted_not_all_listed():
    text = GOOD + "".join(f"{i};nope\n" for i in range(3, 400))
    found = problems(text)
    assert len(found) == 201 and found[-1] == "bad.pb: and 197 more problems, not listed"


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(ScenarioError, match="no such file"):
        read_election(tmp_path / "none.pb")
    (tmp_path / "latin.pb").write_bytes(GOOD.replace("Project a", "Proj\xe9t").encode("latin-1"))
    with pytest.raises(ScenarioError, match="is not UTF-8 text"):
        read_election(tmp_path / "latin.pb")
    with pytest.raises(ScenarioError, match="is a folder"):
        read_election(tmp_path)


def test_an_unclosed_quote_is_a_located_problem():
    text = GOOD.replace("Project b", '"Project b')
    assert problems(text) == ["bad.pb: PROJECTS: a quoted value runs from line 9 to line 13 "
                              "(is a quote not closed?) (line 9)"]
