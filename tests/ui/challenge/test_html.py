"""The challenge page's HTML from plain data: every visitor's text escaped, the confirmation
in words with the rules' numbers."""

from __future__ import annotations

from datetime import date

from workbench.ui.challenge import html


def test_the_confirmation_says_what_happens_next_with_the_rules_numbers():
    said = html.sent_html({"key": "challenge:12", "service": "Home <care>",
                           "lodged": date(2027, 5, 4), "answer_by": date(2027, 6, 1),
                           "answer_days": 28, "challengers": 5, "window_days": 90,
                           "group_name": ""})
    assert "Your reference is challenge:12." in said and "Home &lt;care&gt;" in said
    assert "lodged on 4 May 2027" in said and "within 28 days" in said
    assert "no answer by 1 June 2027, the challenge is shown as overdue" in said
    assert "When 5 different people or groups" in said and "within 90 days" in said
    assert "on behalf of" not in said and "role='status'" in said
    behalf = html.sent_html({"key": "challenge:3", "service": "S", "lodged": date(2027, 1, 1),
                             "answer_by": date(2027, 1, 29), "answer_days": 28,
                             "challengers": 3, "window_days": 60,
                             "group_name": "Tenants & <friends>"})
    assert "Challenge sent on behalf of Tenants &amp; &lt;friends&gt;." in behalf


def test_the_refusal_and_the_title_escape_what_they_show():
    refused = html.refused_html("This link cannot be used: no meeting '<x>'.")
    assert "&lt;x&gt;" in refused and "<x>" not in refused and "role='alert'" in refused
    assert "<h1>Challenge a service</h1>" in html.intro_html("R & D")
    assert "R &amp; D" in html.intro_html("R & D")
    assert "never published" in html.privacy_html()
    assert "counts once for your group" in html.behalf_html("<b>Tenants</b>")
    assert "&lt;b&gt;Tenants" in html.behalf_html("<b>Tenants</b>")
