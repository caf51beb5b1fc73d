"""HTML built one way: text escaped, tables with captions and scoped headers."""

from __future__ import annotations

from workbench.html import escaped, table


def test_escaped_makes_markup_text():
    assert escaped('<script>alert("x")</script> & \'y\'') == \
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;"
    assert escaped(3.5) == "3.5"


def test_table_has_a_caption_scoped_headers_and_escaped_titles():
    html = table("Spend <by> year", ["Year", "Spend"], [["Y1", "£1"], ["Y2", "£2"]],
                 numeric={1}, row_class=["", "changes"])
    assert html.startswith("<table><caption>Spend &lt;by&gt; year</caption>")
    assert '<th scope="col">Year</th><th scope="col" class=num>Spend</th>' in html
    assert '<tr><th scope="row">Y1</th><td class="num">£1</td></tr>' in html
    assert '<tr class="changes"><th scope="row">Y2</th>' in html


def test_a_table_of_facts_has_no_header_row():
    html = table("About", None, [["Solver", "<code>highs</code>"]])
    assert html == ('<table><caption>About</caption><tbody><tr><th scope="row">Solver</th>'
                    "<td><code>highs</code></td></tr></tbody></table>")
