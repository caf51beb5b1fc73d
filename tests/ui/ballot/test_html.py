"""The ballot page's HTML: every text from the vote is escaped, and an empty text shows
nothing rather than an empty box."""

from __future__ import annotations

from workbench.ui.ballot import html


def test_texts_are_escaped():
    shown = html.intro_html("<script>x</script> Parks", "£1,000", 3)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "£1,000" in shown and "cost more than the budget" in shown
    assert "&lt;b&gt;" in html.about_html("<b>bold</b>")
    assert "role='alert'" in html.refused_html("no <meeting>")
    assert "&lt;meeting&gt;" in html.refused_html("no <meeting>")


def test_empty_texts_show_nothing():
    assert html.about_html("") == html.standing_html("") == html.budget_note_html("") == ""
