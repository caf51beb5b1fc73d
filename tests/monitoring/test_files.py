"""Results and challenges files: each kind of problem refused at its row and column, and
nothing imported; XLSX read like CSV."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from openpyxl import Workbook

from tests.monitoring.helpers import small, target
from workbench.errors import ScenarioError
from workbench.limits import limits_for
from workbench.monitoring.challenges import read_challenges
from workbench.monitoring.results import read_results

S = small([target("t"), target("q", period="quarter"), target("p", service="parks")])
HEAD = "service,measure,period,value\n"


def problems(text: str, reader=read_results, **keys) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        reader(S, text.encode(), "results.csv", **keys)
    return [str(p) for p in caught.value.problems]


def test_good_rows_are_read_in_order():
    found = read_results(S, (HEAD + "care,t,2026-01,91.5\ncare,q,2026-Q1,80\n\n"
                             "parks,p,2026-02,-3e1\n").encode(), "results.csv")
    assert [(r.target.id, r.period.text, r.value, r.rating) for r in found] == [
        ("t", "2026-01", 91.5, "good"), ("q", "2026-Q1", 80.0, "approaching_target"),
        ("p", "2026-02", -30.0, "inadequate")]


def test_each_problem_at_its_row_and_column_and_nothing_imported():
    text = HEAD + "\n".join([
        "care,t,2026-01,91",            # row 2: fine
        "nowhere,t,2026-01,1",          # row 3: unknown service
        "care,zz,2026-01,1",            # row 4: unknown target
        "care,t,2026-1,1",              # row 5: wrong form
        "care,q,2026-03,1",             # row 6: a month for a quarterly target
        "care,t,2026-02,abc",           # row 7: text for a number
        "care,t,2026-01,92",            # row 8: the same (target, period) again
        "care,p,2026-01,1",             # row 9: a target of another service
        "care,t,2026-04,nan",           # row 10: not a finite number
        ",t,2026-05,",                  # row 11: empty service and value
    ]) + "\n"
    assert problems(text) == [
        "results.csv: row 3, column service: unknown service 'nowhere'",
        "results.csv: row 4, column measure: unknown target 'zz' (targets of this service: "
        "t, q)",
        "results.csv: row 5, column period: must be a month written YYYY-MM (such as 2026-03)"
        ", as target 't' is measured each month (got '2026-1')",
        "results.csv: row 6, column period: must be a calendar quarter written YYYY-Qn (such "
        "as 2026-Q1), as target 'q' is measured each quarter (got '2026-03')",
        "results.csv: row 7, column value: must be a number (got 'abc')",
        "results.csv: row 8, column period: target 't' already has a result for 2026-01 "
        "(row 2); one result a period",
        "results.csv: row 9, column measure: target 'p' measures 'parks', not 'care'",
        "results.csv: row 10, column value: must be a number (got 'nan')",
        "results.csv: row 11, column service: is empty: name the service",
        "results.csv: row 11, column value: is empty: give the result as a number",
    ]


def test_a_missing_column_is_refused_in_the_header():
    assert problems("service,measure,value\ncare,t,1\n") == [
        "results.csv: row 1: the header has no column period (the columns are service, "
        "measure, period, value; got 'service, measure, value')"]
    assert problems("") == ["results.csv: is empty: it needs a header row with the columns "
                            "service, measure, period, value"]


def test_size_limits_apply():
    big = replace(limits_for(), bytes=100)
    (message,) = problems(HEAD + "care,t,2026-01,1\n" * 10, limits=big)
    assert "above the limit" in message and "nothing was loaded" in message
    few = replace(limits_for(), rows=2)
    rows = "".join(f"care,t,2026-{m:02d},1\n" for m in range(1, 4))
    assert "has more than 2 rows" in problems(HEAD + rows, limits=few)[0]
    short = replace(limits_for(), cell=10)
    (message,) = problems(HEAD + "care,t,2026-01," + "1" * 11 + "\n", limits=short)
    assert message.startswith("results.csv: row 2, column value: is 11 characters long")


def test_not_utf8_is_refused():
    with pytest.raises(ScenarioError, match="is not UTF-8"):
        read_results(S, b"service,measure,period,value\n\xff\n", "results.csv")


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_results_with_numbers_dates_and_problems():
    from datetime import datetime

    good = workbook([["Service", "Measure", "Period", "Value"], ["care", "t", "2026-01", 91],
                     ["care", "t", datetime(2026, 2, 1), 85.5]])
    found = read_results(S, good, "results.xlsx")
    assert [(r.period.text, r.value) for r in found] == [("2026-01", 91.0), ("2026-02", 85.5)]
    bad = workbook([["service", "measure", "period", "value"], ["care", "t", "2026-01", "x"],
                    ["care", "t", "2026-02", "=1+1"]])
    with pytest.raises(ScenarioError) as caught:
        read_results(S, bad, "results.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        "results.xlsx: row 2, column value: must be a number (got 'x')",
        "results.xlsx: row 3: cell D3 holds a formula; a results file must hold values only",
        "results.xlsx: row 3, column value: is empty: give the result as a number"]


def test_a_broken_workbook_is_refused():
    with pytest.raises(ScenarioError, match="is not an XLSX workbook"):
        read_results(S, b"PK\x03\x04 not really", "results.xlsx")


CHEAD = "service,challenger,group,lodged,grounds,text\n"


def test_challenges_read_and_each_problem_located():
    found = read_challenges(S, (CHEAD + "care,A. Khan,,2026-05-01,quality,Late visits\n"
                                "parks,Panel,users,2026-05-02,access,Gate locked\n").encode(),
                            "c.csv")
    assert [(c.counts_as, c.lodged.isoformat()) for c in found] == [
        (("person", "A. Khan"), "2026-05-01"), (("group", "users"), "2026-05-02")]
    text = CHEAD + "nowhere,,ghosts,2026-13-01,bad,\n"
    assert problems(text, read_challenges) == [
        "results.csv: row 2, column service: unknown service 'nowhere'",
        "results.csv: row 2, column challenger: is empty: name who lodged the challenge",
        "results.csv: row 2, column group: unknown group 'ghosts' (groups are staff, users; "
        "leave it empty for a person)",
        "results.csv: row 2, column lodged: must be a date written YYYY-MM-DD (got "
        "'2026-13-01')",
        "results.csv: row 2, column grounds: must be one of quality, access, conduct, "
        "value_for_money, safety, other (got 'bad')",
        "results.csv: row 2, column text: is empty: say what the challenge is about"]


def test_a_challenge_twice_is_refused_at_its_row_naming_the_first():
    row = "care,A. Khan,,2026-05-01,quality,Late visits\n"
    text = CHEAD + row + "care,A. Khan,,2026-05-01,quality,Other words\n" + row
    assert problems(text, read_challenges) == [
        "results.csv: row 4: the same challenge as row 2 (same service, challenger, group, "
        "date, grounds and text); each challenge once"]
    # the same in XLSX, the date a real date cell
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(CHEAD.strip().split(","))
    for _ in range(2):
        sheet.append(["care", "A. Khan", None, datetime(2026, 5, 1), "quality", "Late visits"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ScenarioError, match="row 3: the same challenge as row 2"):
        read_challenges(S, out.getvalue(), "c.xlsx")


def test_a_challenge_lodged_after_today_is_refused_with_its_place():
    from datetime import date

    text = CHEAD + ("care,A,,2026-12-01,quality,x\ncare,B,,2026-12-02,quality,x\n"
                    "care,C,,2027-05-01,quality,x\n")
    assert problems(text, read_challenges, today=date(2026, 12, 2)) == [
        "results.csv: row 4, column lodged: must not be after today (2026-12-02) (got "
        "2027-05-01)"]
    found = read_challenges(S, text.encode(), "c.csv", today=date(2027, 5, 31))
    assert len(found) == 3           # a review as of May 2027 may hold them all


def test_a_missing_file_is_refused():
    with pytest.raises(ScenarioError, match="no such file"):
        read_results(S, "/nonexistent/results.csv")
