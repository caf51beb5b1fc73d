"""The published "after the decision" page of a meeting, from a real SQLite store: the targets
in force with who agreed them, the ratings and contract performance, every challenge with its
answer but never its challenger's name or contact, and every review with its reasons,
outcome and response; everything escaped."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
import yaml

from tests.export.test_record import Outline
from tests.monitoring.helpers import small, target
from tests.test_cli import run
from workbench.export.accountability import accountability_html
from workbench.monitoring import read_results
from workbench.scenario.files import scenario_to_data
from workbench.store import MeetingStore
from workbench.store.cycle import review_meeting
from workbench.store.record import Adoption, build_record

HOSTILE = "<script>alert('x')</script>"
PEOPLE = [("Ann Quillfeather", "ann@example.org"), ("Bo Marrowby", "07700 900123"),
          ("Cy Thistlewood", "cy@example.net"), ("Di Ravensdale", "di@example.com"),
          ("Ed Brackenholt", "ed@example.co.uk")]


def _text(page: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'meetings.sqlite'}"


def _meeting(store: MeetingStore):
    """The small scenario: target t of care (90% good, agreed again by both groups) and
    target u (lower is better) that no group agreed."""
    scenario = small([target(), target("u", direction="lower", target=5, approaching=8,
                                       inadequate=12, agreed_by=[], measure="Days waited")])
    text = yaml.safe_dump(scenario_to_data(scenario), sort_keys=False, allow_unicode=True)
    return store.create_meeting(text, name="Care & parks <2027>")


@pytest.fixture
def cycle(url):
    """A meeting after its decision: results, five public challenges (so a review is due),
    one from a panel, answers, and a review opened with the due reasons and closed."""
    with MeetingStore(url) as store:
        made = _meeting(store)
        fac = made.facilitator_token
        store.adopt(made.id, fac, build_record(store, made.id), "Cllr A. Example")
        store.agree_target(made.id, fac, "t", value=90, approaching=80, inadequate=70,
                           agreed_by=["users", "staff"], by="Clerk")
        raw = (b"service,measure,period,value\ncare,t,2027-04,85\ncare,t,2027-05,65\n"
               b"care,u,2027-05,4\n")
        store.import_results(made.id, fac, read_results(store.scenario(made.id), raw, "r.csv"),
                             "r.csv", "x")
        for k, (name, contact) in enumerate(PEOPLE):
            store.lodge_challenge(made.id, service="care", grounds="value_for_money",
                                  text=HOSTILE if k == 0 else f"Late visits, week {k}",
                                  challenger=name, contact=contact,
                                  lodged=date(2027, 5, 1 + k))
        store.lodge_challenge(made.id, service="parks", grounds="safety",
                              text="Broken swings", challenger="Users' panel", contact="",
                              token=made.panel_tokens["users"], lodged=date(2027, 5, 20))
        first = store.challenges(made.id)[0].key
        store.answer(made.id, fac, first, "evaluating", "", "Clerk")
        store.answer(made.id, fac, first, "rejected", "<img src=x onerror=alert(1)> & no",
                     "Head of Care")
        due = review_meeting(store, made.id).due["care"]
        reasons = [r.to_json() for r in due]
        assert any("Ann Quillfeather" in str(r) for r in reasons)    # the facts hold names...
        store.open_review(made.id, fac, "care", reasons, by="Clerk")
        store.close_review(made.id, fac, "care", "revise", f"We will change it {HOSTILE}",
                           changes="Visits <b>booked</b> a week ahead", by="Director")
        store.open_review(made.id, fac, "parks", by="Clerk")
        page = accountability_html(store, made.id, today=date(2027, 7, 1))
        yield store, made, page


def test_no_challenger_name_or_contact_is_ever_published(cycle):
    _, _, page = cycle
    for name, contact in PEOPLE:
        assert name not in page and contact not in page, name     # ...the page never does
        assert name.split()[1] not in _text(page), name           # not even in part
    text = _text(page)
    assert "by a member of the public" in text
    assert "by the panel of Users" in text               # a panel's group is public
    assert "Users' panel" not in text
    assert "5 challenges from 5 different people or groups" in text


def test_every_text_is_escaped(cycle):
    _, _, page = cycle
    assert "<script" not in page and "<img" not in page and "<b>booked" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; no" in page
    assert "Visits &lt;b&gt;booked&lt;/b&gt; a week ahead" in page
    assert "After the decision: Care &amp; parks &lt;2027&gt;" in page
    outline = Outline()
    outline.feed(page)
    assert "script" not in outline.tags and outline.urls == []
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:]))
    assert outline.tables == outline.captions and outline.tables >= 3
    assert outline.unscoped == 0
    assert page.count("<table") == page.count('<div class="scroll" tabindex="0" role="region"')


def test_targets_say_who_agreed_each(cycle):
    _, _, page = cycle
    text = _text(page)
    assert "The targets in force" in text
    assert "On time 90% or more down to 80% below 70% each month no Users, Staff" in text
    assert "Days waited 5% or less up to 8% above 12% each month no no group agreed this " \
           "target" in text


def test_results_ratings_and_performance_are_in_words_beside_their_colours(cycle):
    _, _, page = cycle
    text = _text(page)
    assert "As of May 2027" in text
    # the latest result of t: 65 in 2027-05, below 70: inadequate, marked as such
    assert "On time 2027-05 65% inadequate (red, marked inadequate)" in text
    assert "Days waited 2027-05 4% good (green)" in text
    # over the 12 months: t's mean is 75 (requires improvement), u good: worst overall
    assert "Contract performance over the 12 months ending May 2027" in text
    assert "requires improvement (red) On time: requires improvement; Days waited: good" in text
    assert page.count('class="swatch" aria-hidden="true"') == 3   # 2 latest, 1 service
    assert "Reviews due as of May 2027" in text


def test_challenges_have_their_answers_and_overdue_ones_say_so(cycle):
    _, _, page = cycle
    text = _text(page)
    assert "Challenge 1: Care" in text and "Challenge 6: Parks" in text
    assert "On grounds of value for money, lodged on 01 May 2027" in text
    assert "Answer: rejected. <img src=x onerror=alert(1)> & no" in text
    assert "Answered by Head of Care on" in text
    assert "Earlier answers, since superseded: being evaluated (Clerk," in text
    # the other five have no answer and were lodged more than 28 days before 1 July
    assert text.count("Overdue: not answered 28 days after it was lodged.") == 5


def test_reviews_have_their_reasons_outcome_and_response(cycle):
    _, _, page = cycle
    text = _text(page)
    assert "Review of Care Opened on" in text and "by Clerk, because:" in text
    assert "5 challenges from 5 different people or groups between 03 March 2027 and " \
           "31 May 2027" in text
    assert "Outcome: Revise: the service changes. Closed on" in text and "by Director" in text
    assert "What changes: Visits <b>booked</b> a week ahead" in text
    assert f"The published response: We will change it {HOSTILE}" in text
    assert "Review of Parks Opened on" in text
    assert "Opened by hand: no rule made it due." in text
    assert "Outcome: none yet, the review is still open." in text
    assert "The decision in force Adopted on" in text and "Cllr A. Example" in text


def test_a_meeting_with_nothing_after_its_decision_says_so(url):
    with MeetingStore(url) as store:
        made = _meeting(store)
        text = _text(accountability_html(store, made.id))
    assert "No decision has been adopted yet." in text
    assert "No results have been published yet." in text
    assert "No challenge has been lodged." in text
    assert "No service has been reviewed." in text
    assert "no group agreed this target" in text


def test_you_said_we_did_shows_every_view_with_its_answer_given_after_the_decision(url):
    with MeetingStore(url) as store:
        made = _meeting(store)
        users, fac = made.panel_tokens["users"], made.facilitator_token
        store.submit_weights(made.id, users, {"q": 1}, comment="First <b>thought</b>")
        store.submit_weights(made.id, users, {"q": 1}, comment="Second thought",
                             dissent="We object to the cuts", based_on=1)
        record = build_record(store, made.id, adoption=Adoption(confirm_unanswered=True))
        store.adopt(made.id, fac, record, "Cllr A. Example")
        (dissent,) = [v.key for v in store.views(made.id) if v.kind == "dissent"]
        store.answer(made.id, fac, dissent, "partly_accepted", "We keep two centres",
                     "Head of Care")
        page = accountability_html(store, made.id)
    text = _text(page)
    assert "You said, we did" in text
    assert "First <b>thought</b>" in text and "<b>thought" not in page     # escaped
    assert "Comment (since replaced by the group) First <b>thought</b>" in text
    assert text.index("First") < text.index("Second thought")
    assert "We object to the cuts Answer: partly accepted. We keep two centres" in text
    assert "Answered by Head of Care" in text
    assert "Second thought Answer: not answered." in text


def test_the_riverside_page_states_the_terms_first(url):
    from tests.conftest import SCENARIOS

    with MeetingStore(url) as store:
        made = store.create_meeting((SCENARIOS / "riverside.yaml").read_text())
        text = _text(accountability_html(store, made.id))
    assert text.index("The terms of engagement") < text.index("The targets in force")
    assert "How to challenge a decision or a service:" in text
    assert "Visits to the libraries" in text and "no group agreed this target" in text


def test_the_command_writes_the_page_and_refuses_in_one_line(cycle, url, tmp_path):
    _, made, _ = cycle
    out = tmp_path / "after.html"
    done = run("publish", made.id, "--out", str(out), "--store", url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Challenges and their answers" in page
    assert "Ann Quillfeather" not in page and "ann@example.org" not in page
    missing = run("publish", "nope", "--out", str(tmp_path / "x.html"), "--store", url)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "nope" in missing.stderr and not (tmp_path / "x.html").exists()
