"""The decision record's commissioning-cycle sections (commissioning-cycle.md, sections 1 and
2): the terms of engagement before the givens, the groups that opted out, "You said, we did",
the departures from the recommendation and the officers' proposal, all from a real store."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.conftest import SCENARIOS
from tests.export.test_record import Outline
from workbench.export import decision_from_adopted, decision_from_file, record_html
from workbench.givens.registry import kind_of
from workbench.money import money
from workbench.store import MeetingStore
from workbench.store.record import Adoption, build_record

HOSTILE = "<script>alert('x')</script>"
OPTED_OUT = "We were not told <i>in time</i>"


def _text(page: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def adopted_with_everything(url: str):
    """Riverside adopted from the officers' proposal, with a group opted out, a comment
    answered twice, a dissent answered and one adopted unanswered (hostile texts too).
    Returns the store's record and the decision as exported with its analysis."""
    with MeetingStore(url) as store:
        new = store.create_meeting((SCENARIOS / "riverside.yaml").read_text(), name="Budget")
        tokens, fac = new.panel_tokens, new.facilitator_token
        store.submit_weights(new.id, tokens["tenants"], {"carbon": 2, "outcomes": 1},
                             comment=f"Greener bins {HOSTILE}",
                             dissent="We oppose closing libraries")
        store.submit_weights(new.id, tokens["staff"], {"staff_terms": 2, "outcomes": 1},
                             dissent="No outsourcing of repairs")
        store.opt_out(new.id, tokens["business"], OPTED_OUT)
        keys = {(v.group, v.kind): v.key for v in store.views(new.id)}
        store.answer(new.id, fac, keys[("tenants", "comment")], "evaluating", "", "Clerk")
        store.answer(new.id, fac, keys[("tenants", "comment")], "accepted",
                     "<b>Food waste</b> collections start in April", "Head of Waste")
        store.answer(new.id, fac, keys[("tenants", "dissent")], "partly_accepted",
                     "Ten of the twelve libraries stay open", "Head of Libraries")
        reasons = {s.id: f"Members chose otherwise for {s.name} {HOSTILE}"
                   for s in store.scenario(new.id).services}
        record = build_record(store, new.id, adoption=Adoption(
            "proposal", reasons=reasons, confirm_unanswered=True))
        store.adopt(new.id, fac, record, "Cllr A. Example")
        return record, keys, decision_from_adopted(store, new.id, with_analysis=True)


@pytest.fixture(scope="module")
def adopted(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cycle') / 'meetings.sqlite'}"
    record, keys, decision = adopted_with_everything(url)
    return record, keys, decision, record_html(decision)


def _section(text: str, heading: str, after: str) -> str:
    """The text from ``heading`` up to the next heading ``after``."""
    start = text.index(heading)
    return text[start:text.index(after, start + len(heading))]


def test_the_page_stays_well_formed(adopted):
    *_, page = adopted
    outline = Outline()
    outline.feed(page)
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:]))
    assert outline.tables == outline.captions and outline.unscoped == 0
    assert page.count("<table") == page.count('<div class="scroll" tabindex="0" role="region"')
    assert "<script" not in page and "<b>Food" not in page and "<i>in time" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_the_terms_of_engagement_come_before_the_givens(adopted):
    record, _, decision, page = adopted
    text = _text(page)
    terms = decision.scenario.engagement
    assert record["engagement"]["purpose"] == terms.purpose
    assert text.index("The terms of engagement") < text.index("What had to hold")
    for words in (terms.purpose, terms.how_to_challenge, *terms.open_to_change):
        assert words in text, words
    assert re.search(r"Monitoring and review ?: 01 April 2027 to 31 March 2030, with "
                     r"Service users and carers", text)


def test_a_group_that_opted_out_is_listed_so_with_its_reason_never_as_agreeing(adopted):
    *_, page = adopted
    text = _text(page)
    name = "Local businesses and chamber of commerce"
    section = _section(text, "Groups that opted out", "The decision:")
    assert f"{name} — opted out: We were not told <i>in time</i>" in section
    weights = _section(text, "How each group weighed what matters", "How well the decision")
    assert re.search(rf"{name} \(opted out: [^)]*\)[ 0-9%]*% \(opted out\)", weights)
    assert "Agreed (the groups taking part)" in weights
    assert "Agreed (all groups together)" not in text
    # its satisfaction is still shown, marked
    served = _section(text, "How well the decision serves each group", "You said, we did")
    assert re.search(rf"{name} \(opted out: [^)]*\) \d\.\d\d \d\.\d\d", served)


def test_you_said_we_did_has_every_view_with_its_answer(adopted):
    record, keys, _, page = adopted
    text = _text(page)
    said = _section(text, "You said, we did", "The fair alternative")
    assert "Adopted with 1 dissent note not answered" in said
    tenants = _section(said, "Council tenants and residents' associations",
                       "Staff and trade unions")
    assert f"Comment Greener bins {HOSTILE}" in tenants
    assert "Answer: accepted. <b>Food waste</b> collections start in April" in tenants
    assert "Answered by Head of Waste on" in tenants
    assert "Earlier answers, since superseded: being evaluated (Clerk," in tenants
    assert "Dissent note We oppose closing libraries" in tenants
    assert "Answer: partly accepted. Ten of the twelve libraries stay open" in tenants
    staff = said[said.index("Staff and trade unions"):]
    assert "Dissent note No outsourcing of repairs Answer: not answered. The decision was " \
           "adopted with this dissent note not answered." in staff
    assert record["not_answered"] == [keys[("staff", "dissent")]]
    assert "What the groups said" not in text     # the answered views replace it


def test_the_departures_are_side_by_side_with_both_portfolios(adopted):
    record, _, decision, page = adopted
    text = _text(page)
    scenario, cur = decision.scenario, decision.scenario.currency
    taken, base = record["adopted"], record["adopted"]["recommended"]
    part = _section(text, "Where the decision departs from the recommendation",
                    "What changes from today")
    services = {s.id: s for s in scenario.services}
    for d in taken["departures"]:
        s = services[d["service"]]
        row = (f"{s.name} {s.option(d['recommended']).name} {s.option(d['adopted']).name} "
               f"Members chose otherwise for {s.name} {HOSTILE}")
        assert row in part, s.id
    assert f"Overall value (0 to 100) {base['value']:.2f} {taken['value']:.2f}" in part
    assert (f"Total cost over the years {money(base['total_cost'], cur)} "
            f"{money(taken['total_cost'], cur)}") in part
    for g in scenario.stakeholders:
        both = f"{base['satisfaction'][g.id]:.2f} {taken['satisfaction'][g.id]:.2f}"
        assert re.search(rf"{re.escape(g.name)}( \([^)]*\))? {both}", part), g.id
    for given in taken["breaks"]:
        found = scenario.given(given)
        assert kind_of(found).sentence(found, scenario) in part
    assert "It adopted the officers' proposal, not the recommendation" in text
    assert "The decision adopted, a square, has value" in page       # the picture's words


def test_the_officers_proposal_is_beside_the_recommendation(adopted):
    record, _, decision, page = adopted
    text = _text(page)
    scenario = decision.scenario
    part = _section(text, "The officers' proposal beside the recommendation",
                    "What each group asked for")
    proposal = record["proposal"]
    assert proposal["breaks"]
    assert f"The proposal breaks {len(proposal['breaks'])} of the givens" in part
    for given in proposal["breaks"]:
        found = scenario.given(given)
        assert kind_of(found).sentence(found, scenario) in part
    for g in scenario.stakeholders:
        assert f"{proposal['satisfaction'][g.id]:.2f}" in part
    for g in scenario.givens:
        assert g.id not in text, g.id                      # givens named in words only


def test_no_option_or_service_is_named_by_its_id(adopted):
    record, *_, page = adopted
    part = _section(_text(page), "Where the decision departs", "What changes from today")
    ids = {i for d in record["adopted"]["departures"]
           for i in (d["service"], d["recommended"], d["adopted"]) if "_" in i}
    assert ids                                   # ids that no name could hold as a word
    for ident in ids:
        assert ident not in part, ident


def test_a_file_record_shows_the_proposal_and_the_terms():
    decision = decision_from_file(SCENARIOS / "riverside.yaml", with_analysis=True)
    text = _text(record_html(decision))
    assert decision.proposal is not None and not decision.departs
    assert "The officers' proposal beside the recommendation" in text
    assert text.index("The terms of engagement") < text.index("What had to hold")
    assert "Where the decision departs" not in text and "Groups that opted out" not in text
    assert "You said, we did" not in text


def test_the_pictures_mark_the_adopted_portfolio(adopted):
    from workbench.analysis.pictures import frontier_figure, spend_figure

    *_, decision, _ = adopted
    p = decision.portfolio
    marks = {line.get_gid(): line for line in
             frontier_figure(decision.analysis, p).axes[0].get_lines()}
    assert marks["adopted"].get_ydata()[0] == pytest.approx(p.value)
    assert marks["recommended"].get_ydata()[0] == pytest.approx(
        decision.recommended.value)
    assert "adopted" not in {line.get_gid() for line in
                             frontier_figure(decision.analysis).axes[0].get_lines()}
    bars = spend_figure(decision.analysis, p).axes[0].patches
    first_year = sum(b.get_height() for b in bars[::len(decision.scenario.years)])
    assert first_year * 1e6 == pytest.approx(p.spend[decision.scenario.years[0]])
