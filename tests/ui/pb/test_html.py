"""The PB page's HTML from plain data: text from the file escaped, figures as coverage()
gives them, and the export link holding the file's exact bytes."""

from __future__ import annotations

import base64
import re

from tests.pb.make import election
from workbench.pb import compare, election_text
from workbench.ui.pb import html

HOSTILE = '<img src=x onerror="alert(1)">'


def hostile_election():
    e = election(100, {"A": 60, "B": 30, "C": 50}, ["A", "A,B", "C", "B", "C"])
    text = election_text(e).replace("Project A", HOSTILE.replace(";", ","))
    text = text.replace("budget;100", f"budget;100\ndescription;{HOSTILE}")
    from workbench.pb import parse_election

    return parse_election(text, "hostile.pb")


def test_text_from_the_file_is_escaped_everywhere():
    e = hostile_election()
    outcomes = compare(e)
    page = (html.about_html(e, HOSTILE, HOSTILE) + html.summary_html(e, outcomes)
            + html.projects_html(e, outcomes) + html.problems_html([HOSTILE])
            + html.download_html(f'{HOSTILE}.pb', b"x"))
    assert "<img" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_the_figures_beside_each_rule():
    e = election(100, {"A": 60, "B": 30, "C": 50}, ["A", "A,B", "C", "B", "C"])
    got = html.summary_html(e, compare(e))
    # greedy funds B and C (two votes each, cheaper first): cost 80, every voter but 1
    # (who voted for A only) has a project funded
    greedy = got[got.index("wb-rule-greedy"):got.index("wb-rule-mes")]
    assert ">PLN 80<" in greedy and ">80.0%<" in greedy and ">4 of 5<" in greedy
    assert got.count("wb-rule-card ") == 3


def test_the_download_link_holds_the_file():
    link = html.download_html("small.pb", "META\nkey;value\nż\n".encode())
    uri = re.search(r'href="data:text/plain;charset=utf-8;base64,([^"]+)"', link).group(1)
    assert base64.b64decode(uri).decode() == "META\nkey;value\nż\n"
    assert 'download="small.pb"' in link
