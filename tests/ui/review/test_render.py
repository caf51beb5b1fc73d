"""The review page's HTML from plain data: every rating with its word beside its colour, a
due period with no result in grey, the contract performance and the s.52 warnings, the
stored reasons in words, challenges escaped with OVERDUE in words, the download of the
reopened scenario, and trend pictures whose text states the figures."""

from __future__ import annotations

import base64
import re
from datetime import date, datetime, timezone

import pytest

from tests.monitoring.results_model import monthly_results, results_csv, riverside_monitored
from workbench.monitoring import read_results, review
from workbench.monitoring.answers import Answer
from workbench.monitoring.outcome import Review
from workbench.monitoring.periods import month_index
from workbench.monitoring.rag import RAG
from workbench.store.cycle import StoredChallenge, StoredReview
from workbench.ui.review import charts, render

SCENARIO = riverside_monitored()
RESULTS = read_results(SCENARIO, results_csv(monthly_results(SCENARIO)).encode(), "r.csv")
REPORT = review(SCENARIO, RESULTS)
AT = datetime(2028, 4, 2, 9, 30, tzinfo=timezone.utc)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize("rating", list(RAG))
def test_every_rating_shows_its_words_beside_its_colour(rating):
    html = render.rag_html(rating)
    shown = RAG[rating]
    assert shown.hex in html and shown.words in _text(html)
    assert "aria-hidden='true'" in html                 # the swatch is not the message
    assert ("<strong>inadequate</strong>" in html) is (rating == "inadequate")
    assert ("no result" in html) is (rating is None)


def test_each_service_has_a_table_of_its_targets_by_period_and_its_performance():
    html = render.ratings_html(SCENARIO, RESULTS, REPORT.as_of, REPORT.performance,
                               REPORT.warnings)
    captions = re.findall(r"<caption>([^<]*)</caption>", html)
    names = {s.id: s.name for s in SCENARIO.services}
    assert captions == [f"{names[s]}: results from 2027-04 to 2028-03, newest first"
                        for s in ("home_care", "housing_repairs", "waste_collection",
                                  "libraries")]
    home = html.split("<h3>")[1]
    first_row = re.search(r"<tbody><tr>(.*?)</tr>", home).group(1)
    result = next(r for r in RESULTS if r.target.id == "hc_on_time"
                  and r.period.text == "2028-03")
    assert first_row.startswith("<th scope='row'>2028-03</th>")
    assert f"{result.value:g}" in first_row and RAG[result.rating].words in _text(first_row)
    # a quarterly target shows its quarter at the quarter's last month, words otherwise
    repairs = html.split("<h3>")[2]
    assert "2028-Q1: " in repairs and "measured each quarter" in repairs
    assert "Contract performance over the 12 months to 2028-03:" in _text(home)
    assert "overall requires improvement" in _text(home)
    assert "mean of 12 results" in home
    assert html.count("<strong>Warning:</strong>") == len(REPORT.warnings) == 2
    assert "Procurement Act 2023 s.52" in html


def test_a_due_period_with_no_result_is_grey_no_result():
    missing = [r for r in RESULTS if not (r.target.id == "lib_visits"
                                          and r.period.text == "2027-11")]
    html = render.ratings_html(SCENARIO, missing, REPORT.as_of,
                               review(SCENARIO, missing).performance, ())
    libraries = html.split("<h3>")[4]
    row = re.search(r"<tr><th scope='row'>2027-11</th>(.*?)</tr>", libraries).group(1)
    assert RAG[None].hex in row and _text(row) == "no result"
    assert "No Procurement Act warning" in html


def test_the_table_starts_where_monitoring_started():
    late = [r for r in RESULTS if r.period.month >= month_index(2027, 10)]
    html = render.ratings_html(SCENARIO, late, REPORT.as_of, REPORT.performance, ())
    assert "results from 2027-10 to 2028-03" in html and ">2027-09<" not in html


def test_a_due_service_lists_its_reasons_and_whether_a_review_is_open():
    html = render.due_html("Home <care>", ["target a missed 3 times running"], None)
    assert "Home &lt;care&gt;" in html and "<li>target a missed 3 times running</li>" in html
    assert "is open" not in html
    assert "A review of this service is open</strong> (since 2028-04-02 09:30 UTC)" in \
        render.due_html("Home care", ["x"], AT)


def _challenge(**keys) -> StoredChallenge:
    found = {"key": "challenge:7", "version": 7, "service": "home_care", "group": None,
             "lodged": date(2028, 3, 1), "grounds": "value_for_money",
             "text": "<script>alert(1)</script>\nSecond line", "at": AT, "via": "public",
             "challenger": "Ann <Reader>", "contact": "ann@example.org"}
    found.update(keys)
    return StoredChallenge(**found)


def test_a_challenge_shows_who_it_is_from_escaped_and_overdue_in_words():
    c = _challenge()
    html = render.challenge_html(c, "Home care", "", True, date(2028, 3, 30))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Ann &lt;Reader&gt;" in html and "ann@example.org" in html
    assert "value for money, lodged 1 March 2028" in html
    assert "OVERDUE: not answered 29 days after it was lodged; an answer was due by " \
           "29 March 2028." in _text(html)
    assert "<strong>Answer:</strong> not answered." in html
    calm = render.challenge_html(c, "Home care", "", False, date(2028, 3, 28))
    assert "OVERDUE" not in calm and "wb-is-overdue" not in calm


def test_a_panels_challenge_and_its_answers_in_order():
    answers = (Answer("evaluating", "", "Clerk", AT),
               Answer("rejected", "Not <our> service", "Head of Service", AT))
    c = _challenge(via="tenants", group="tenants", challenger="", contact="", answers=answers)
    html = render.challenge_html(c, "Housing repairs", "Council tenants", False,
                                 date(2028, 4, 3))
    assert "From the <strong>Council tenants</strong> panel, on behalf of its group." in html
    assert "rejected, by Head of Service at 2028-04-02 09:30 UTC" in _text(html)
    assert "Not &lt;our&gt; service" in html
    assert "1 earlier answer, kept in the history" in html and "being evaluated" in html


def test_the_challenge_count_says_how_many_are_overdue():
    assert "No challenge has been lodged yet" in render.challenges_summary_html(0, 0, 0, 0)
    said = _text(render.challenges_summary_html(80, 60, 12, 50))
    assert said.startswith("80 challenges: 60 not answered, 12 overdue")
    assert "The 50 most pressing are shown" in said


def test_open_and_closed_reviews_with_the_new_scenario_to_download():
    opened = StoredReview(3, "facilitator", tuple(r.to_json() for r in
                                                  REPORT.due["libraries"]),
                          Review("libraries", AT))
    html = render.open_review_html(opened, "Libraries", SCENARIO)
    assert "Opened 2028-04-02 09:30 UTC by facilitator, because:" in _text(html)
    assert "“Visits to the libraries” missed 3 times running" in html
    by_hand = StoredReview(4, "facilitator", (), Review("parks", AT))
    assert "Opened by hand" in render.open_review_html(by_hand, "Parks", SCENARIO)
    closed = StoredReview(3, "facilitator", (), Review("libraries", AT).closed(
        "revise", "We <will> change", AT, "Longer hours"), 9, "Director")
    content = b"format: commissioning-scenario/1\n"
    html = render.closed_reviews_html([(closed, "Libraries", ("r-after-review-libraries.yaml",
                                                              content))])
    link = re.search(r"<a class='wb-download' download='([^']+)' "
                     r"href='data:application/yaml;base64,([^']+)'>", html)
    assert link.group(1) == "r-after-review-libraries.yaml"
    assert base64.b64decode(link.group(2)) == content
    assert "Libraries: revise" in html and "We &lt;will&gt; change" in html
    assert "Changes: " in _text(html) and "closed 2028-04-02 09:30 UTC by Director" in html
    kept = StoredReview(3, "facilitator", (), Review("parks", AT).closed("continue", "Fine",
                                                                          AT), 9, "Director")
    assert "download" not in render.closed_reviews_html([(kept, "Parks", None)])
    assert "No review has been closed yet" in render.closed_reviews_html([])


def test_a_trend_picture_states_its_figures_and_is_drawn_once():
    target = next(t for t in SCENARIO.targets if t.id == "hc_on_time")
    mine = sorted((r for r in RESULTS if r.target.id == "hc_on_time"), key=lambda r: r.period)
    charts._png.cache_clear()
    html = charts.trend_html(target, mine, "Home care")
    alt = re.search(r"alt='([^']*)'", html).group(1)
    assert alt.startswith("Trend of Visits started within 30 minutes of the planned time (%), "
                          "higher is better; target 95, approaching target from 90, "
                          "inadequate below 80. Results: 2027-04 95 good; 2027-05 94.8 "
                          "approaching target;")
    assert alt.split("Results: ")[1].count(";") == len(mine) - 1 == 11
    assert alt.endswith("2028-03 86.7 requires improvement.")
    assert re.search(r"src='data:image/png;base64,iVBOR", html)
    assert "<figcaption>Home care: Visits started" in html
    assert charts.trend_html(target, mine, "Home care") == html
    assert charts._png.cache_info().hits == 1 and charts._png.cache_info().misses == 1
    html = charts.trends_html(SCENARIO.targets, RESULTS, REPORT.as_of)
    assert html.count("<figure") == len(SCENARIO.targets) == 8
    assert "import results first" in charts.trends_html(SCENARIO.targets, RESULTS, None)


def test_the_heading_names_the_meeting_and_the_month():
    html = render.heading_html("Riverside <2028>", "Riverside services", "2028-03")
    assert "<h1>Monitoring and review: Riverside &lt;2028&gt;</h1>" in html
    assert "Reviewed as of <strong>2028-03</strong>" in html
    assert "name and contact" in html
