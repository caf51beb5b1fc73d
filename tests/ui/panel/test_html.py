"""The panel page's HTML from plain data: escaped, in words, and never a success beside a
refusal."""

from __future__ import annotations

from datetime import datetime, timezone

from workbench.ui.panel import html

AT = datetime(2026, 12, 1, 21, 5, tzinfo=timezone.utc)
STORED = {"revision": 1, "at": AT, "weights": {"a": 50, "b": 100}, "comment": "",
          "dissent": ""}


def test_the_first_screen_says_what_is_decided_and_what_to_do():
    text = html.intro_html("Riverside <review>", "Council tenants", 17, ["2027/28", "2029/30"])
    assert "Riverside &lt;review&gt;" in text and "17 services" in text
    assert "2027/28 to 2029/30" in text and text.count("<li>") == 4


def test_only_the_services_that_differ_are_listed():
    text = html.choice_html("Tenants", [("Libraries", "Hubs", "Keep <all>")], 17, 0.88)
    assert "agree on 16 of the 17 services" in text and text.count("<li>") == 1
    assert "Keep &lt;all&gt;" in text and "Tenants 0.88" in text
    same = html.choice_html("Tenants", [], 17, 1.0)
    assert "the same as everyone's for all 17 services" in same
    stuck = html.choice_html("Tenants", [], 17, None, "The givens clash: a and b")
    assert "The givens clash" in stuck and "0 (the worst" not in stuck


def test_a_refusal_beside_submit_is_never_green():
    """Issue 10: "Last submitted: revision 1" stayed green beside a refused submission."""
    refused = html.submit_html("error", "Not submitted: too long", STORED)
    assert "wb-msg-error" in refused and "role=\"alert\"" in refused
    assert "wb-submitted" not in refused and "wb-msg-success" not in refused
    assert "still revision 1 (21:05 UTC)" in refused
    done = html.submit_html("success", "Submitted: revision 2", STORED)
    assert "wb-submitted" in done and "Not submitted" not in done
    assert "Nothing submitted yet" in html.submit_html("info", "", None)
    assert "Last submitted: revision 1 at 21:05 UTC" in html.submit_html("info", "", STORED)


def test_the_newer_revision_is_said_in_words():
    newer = {**STORED, "revision": 3, "comment": "<i>Keep</i> libraries"}
    text = html.newer_html(newer, {"a": "Outcomes", "b": "Access"})
    assert "Revision 3" in text and "Outcomes 50, Access 100" in text
    assert "&lt;i&gt;Keep&lt;/i&gt; libraries" in text and "Its dissent note: none" in text


def test_givens_are_cards_with_their_reasons_in_full():
    reason = "A reason long enough to be cut in a narrow table column " * 3
    text = html.givens_html([("Spending is at most £71m.", reason, "Chief <Finance>")])
    assert "<ul class='wb-cards wb-givens'>" in text and "<table" not in text
    assert reason.strip() in text and "Chief &lt;Finance&gt; answers" in text
