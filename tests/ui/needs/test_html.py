"""The needs page's HTML from plain data: every text escaped, supports and answers in
words, a merge with its reason, and a resident never named."""

from __future__ import annotations

from datetime import datetime, timezone

from workbench.monitoring.answers import Answer
from workbench.store.needs import Need
from workbench.ui.needs import html

AT = datetime(2027, 3, 4, 10, 0, tzinfo=timezone.utc)
NAMES = {"users": "Service users"}


def _need(**kw) -> Need:
    values = {"key": "need:4", "version": 4, "text": "A <b>bus</b>", "affected": "Older <i>",
              "evidence": "", "proposed_by": "a resident", "via": "public", "at": AT}
    return Need(**{**values, **kw})


def test_texts_are_escaped_and_the_resident_is_not_named():
    out = html.need_html(_need(proposer_name="Ann Smith", contact="ann@example.org"), NAMES)
    assert "A &lt;b&gt;bus&lt;/b&gt;" in out and "Older &lt;i&gt;" in out
    assert "<b>" not in out and "Ann Smith" not in out and "ann@example.org" not in out
    assert "Proposed by</strong> a resident" in out
    assert "No support yet" in out and "answer:</strong> not answered yet" in out
    assert "Evidence" not in out                          # none given: not shown


def test_supports_answers_and_merges_in_words():
    need = _need(via="users", supports=(("users", 1), ("residents", 2)),
                 merged_into="need:2", merge_reason="Same <need>",
                 answers=(Answer("partly_accepted", "Tuesdays only", "Clerk", AT),))
    out = html.need_html(need, NAMES)
    assert "the panel of Service users" in out
    assert "3 supports: 1 from Service users, 2 from residents" in out
    assert "Merged into need 2</strong>: Same &lt;need&gt;." in out
    assert ("The council's answer: partly accepted</strong>: \u201cTuesdays only\u201d "
            "(Clerk, 4 March 2027)") in out
    assert html.supports_words((("residents", 1),), NAMES) == "1 support: 1 from residents"


def test_the_intro_says_the_limit_and_the_refusal_is_escaped():
    assert "up to 3 needs, each need once" in html.intro_html("Riverside", 3)
    assert "up to 1 need," in html.intro_html("Riverside", 1)
    assert "&lt;script&gt;" in html.refused_html("<script>")
