"""The published decision record: one self-contained, escaped, well-structured HTML page."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from html import unescape
from html.parser import HTMLParser

import pytest

from tests.conftest import ROOT, SCENARIOS
from tests.test_cli import run
from workbench.export import DecisionExport, decision_from_file, record_html
from workbench.givens.registry import kind_of
from workbench.scenario import load_scenario, parse_scenario

HOSTILE = "<script>alert('x')</script>"


class Outline(HTMLParser):
    """Headings, tables, captions, images and every URL the page would fetch."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.tables = self.captions = 0
        self.images: list[dict] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self.scoped = self.unscoped = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self.tables += tag == "table"
        self.captions += tag == "caption"
        if tag == "th":
            self.scoped += "scope" in attrs
            self.unscoped += "scope" not in attrs
        if tag == "img":
            self.images.append(attrs)
        for key in ("src", "href", "srcset", "poster", "data"):
            if attrs.get(key):
                self.urls.append(attrs[key])


@pytest.fixture(scope="module")
def teaching_record() -> str:
    decision = decision_from_file(SCENARIOS / "teaching.yaml", with_analysis=True)
    return record_html(decision)


def _outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def test_structure_is_accessible(teaching_record):
    o = _outline(teaching_record)
    assert teaching_record.startswith("<!DOCTYPE html>") and '<html lang="en">' in teaching_record
    assert o.headings[0] == 1 and o.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(o.headings, o.headings[1:]))   # no skipped levels
    assert o.tables >= 6 and o.captions == o.tables
    assert o.scoped > 0 and o.unscoped == 0
    assert len(o.images) == 2 and all(len(i.get("alt", "")) > 40 for i in o.images)
    assert "@media print" in teaching_record


def test_self_contained_no_scripts_no_external_resources(teaching_record):
    o = _outline(teaching_record)
    assert "script" not in o.tags and "link" not in o.tags and "iframe" not in o.tags
    assert o.urls and all(u.startswith("data:image/png;base64,") for u in o.urls)
    assert "url(" not in teaching_record and "@import" not in teaching_record


def test_says_what_was_decided_in_plain_words(teaching_record):
    text = re.sub(r"<[^>]+>", " ", teaching_record)
    for words in ["In short", "1 service stays as it is today and 3 change",
                  "£190,000", "The precept agreed for 2027/28", "Town Clerk",
                  "Grant to the volunteer car scheme", "What changes from today",
                  "The fair alternative", "Service users", "What each group asked for"]:
        assert words in text, words
    assert "points higher" in text        # the budget's price, in words


def test_every_scenario_text_and_comment_is_escaped(tmp_path):
    text = (ROOT / "scenarios" / "teaching.yaml").read_text()
    text = text.replace("name: Meals on wheels", f'name: "{HOSTILE}"')
    text = text.replace("reason: The precept agreed for 2027/28",
                        "reason: \"<img src=x onerror=alert(1)> & 'quotes'\"")
    scenario = parse_scenario(text, "hostile.yaml")
    from workbench.analysis import analyse

    analysis = analyse(scenario)
    decision = DecisionExport(scenario, analysis.recommended, analysis,
                        comments={"users": "<b>We</b> want the bus & the library",
                                  "staff": '"><script>x()</script>'},
                        adopted_by="<i>Council</i>",
                        adopted_at=datetime(2027, 3, 1, 19, 30, tzinfo=timezone.utc))
    page = record_html(decision)
    assert "<script" not in page and "<img src=x" not in page and "<b>We" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;We&lt;/b&gt; want the bus &amp; the library" in page
    assert "What the groups said" in page and "&lt;i&gt;Council&lt;/i&gt;" in page
    assert "Adopted on 01 March 2027" in page
    assert len(_outline(page).images) == 2


def test_record_needs_the_analysis():
    decision = decision_from_file(SCENARIOS / "teaching.yaml")
    with pytest.raises(Exception, match="needs the trade-off analysis"):
        record_html(decision)


def test_cli_writes_the_record(tmp_path):
    out = tmp_path / "record.html"
    done = run("export", "scenarios/teaching.yaml", "--html", str(out), "--csv",
               str(tmp_path / "a.csv"))
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    assert load_scenario(SCENARIOS / "teaching.yaml").name in page
    assert (tmp_path / "a.csv").exists()


# Issue 10, "Finance and record": the record says what every page says.

@pytest.fixture(scope="module")
def riverside() -> tuple:
    decision = decision_from_file(SCENARIOS / "riverside.yaml", with_analysis=True)
    return decision, record_html(decision)


def _text(page: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_satisfaction_is_written_0_to_1_with_two_decimals(riverside):
    decision, page = riverside
    text = _text(page)
    assert re.search(r"satisf[^.]*\d out of 100", text) is None     # not "88 out of 100"
    sat = decision.recommendation.satisfaction
    least = min(sat.values())
    assert f"is at {least:.2f}." in text                  # 0.88, as the pages say
    assert "from 0 (its worst possible result) to 1 (its best)" in text
    for value in sat.values():
        assert f" {value:.2f} " in text


def test_givens_are_named_in_words_with_their_reason(riverside):
    decision, page = riverside
    scenario = decision.scenario
    text = _text(page)
    for g in scenario.givens:
        assert kind_of(g).sentence(g, scenario) in text, g.id
        assert g.reason in text, g.id
        assert g.id not in text, g.id                       # never named by its id


def test_the_record_says_where_the_star_sits_against_the_line(riverside, teaching_record):
    decision, page = riverside
    p, points = decision.portfolio, decision.analysis.frontier
    assert not any(abs(q.total_cost - p.total_cost) < 1 and abs(q.value - p.value) < 0.005
                   for q in points)                        # riverside's star is below it
    text = _text(page)
    assert "sits below the line, by " in text and "is on the line" not in text
    gap = float(re.search(r"below the line, by ([0-9.]+) points", text).group(1))
    cheaper = [q for q in points if q.total_cost <= p.total_cost]
    dearer = [q for q in points if q.total_cost > p.total_cost]
    assert cheaper and max(q.value for q in cheaper) <= p.value + gap + 0.01
    if dearer:
        assert p.value + gap <= dearer[0].value + 0.01
    assert gap > 0
    assert "is on the line" in _text(teaching_record)     # teaching's star is a point of it


def test_modes_and_file_are_in_words(riverside):
    _, page = riverside
    text = _text(page)
    assert "in_house" not in text and "kept in-house" in text
    assert "scenarios/riverside.yaml" not in text and "riverside.yaml" in text
    assert "Decision record: Riverside" in text and "DecisionExport" not in text


def test_every_table_scrolls_in_its_own_box(riverside):
    _, page = riverside
    assert page.count("<table") == page.count('<div class="scroll" tabindex="0" role="region"')
