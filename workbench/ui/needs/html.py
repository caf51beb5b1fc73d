"""The HTML of the public needs page, from plain data (needs, names, numbers), never from
the state: each function can be read and tested alone. Every text goes through ``esc``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workbench.monitoring.answers import STATE_WORDS
from workbench.store.needs import RESIDENTS, Need
from workbench.ui.common import esc

# The challenge page's look (workbench.ui.challenge.html), and a card per need.
STYLE = """<style>
.wb-needs-register .wb-need { border: 1px solid #c8ced3; border-radius: 4px;
  padding: 0.4em 0.7em; margin: 0.7em 0 0.2em; }
.wb-needs-register .wb-need h3 { font-size: 1.05em; margin: 0.2em 0; }
.wb-needs-register .wb-need p { margin: 0.25em 0; }
.wb-needs-register .wb-merged { border-left: 4px solid #6b4f00; background: #fbf6e9;
  padding: 0.2em 0.5em; }
.wb-needs-register .wb-answered { border-left: 4px solid #006d2c; background: #eef8f1;
  padding: 0.2em 0.5em; }
.wb-needs-register .widget-button { min-height: 36px; height: auto; white-space: normal;
  max-width: 100%; font-size: 16px; padding: 4px 14px; }
.wb-needs-register .wb-msg { padding: 0.3em 0.6em; margin: 0.3em 0; border-left: 4px solid; }
.wb-needs-register .wb-msg-error { border-color: #a4000f; background: #fdf0f0; }
.wb-needs-register .wb-msg-success { border-color: #006d2c; background: #eef8f1; }
</style>"""

PRIVACY = ("What is published: the need, who is affected and the evidence, as proposed by "
           "\u201ca resident\u201d. Your name and contact are optional; if you give them, "
           "they go only to the council officers who answer needs and are never published.")


def intro_html(scenario_name: str, limit: int) -> str:
    """The page's title, what it is for and the rule for supports."""
    return ("<h1>Needs register</h1>"
            f"<p>What do people need from the services in <strong>{esc(scenario_name)}"
            "</strong>? Anyone can propose a need here, say who is affected and what shows "
            "it, and support the needs of others. The council answers every need in "
            "writing, on this page.</p>"
            f"<p>Each person can support up to {limit} need{'s' if limit != 1 else ''}, "
            "each need once.</p>")


def privacy_html() -> str:
    return f"<p class='wb-privacy'>{esc(PRIVACY)}</p>"


def number(key: str) -> str:
    """need:12 -> 12: how the page calls a need."""
    return key.split(":", 1)[-1]


def proposer(need: Need, names: Mapping[str, str]) -> str:
    """Who proposed a need, in words: a group's panel, or a resident."""
    if need.via == "public":
        return "a resident"
    return f"the panel of {names.get(need.via, need.via)}"


def supports_words(supports: Sequence[tuple[str, int]], names: Mapping[str, str]) -> str:
    """'3 supports: 2 from residents, 1 from Service users', or 'No support yet'."""
    total = sum(n for _, n in supports)
    if not total:
        return "No support yet"
    parts = [f"{n} from {'residents' if g == RESIDENTS else names.get(g, g)}"
             for g, n in supports]
    return f"{total} support{'s' if total != 1 else ''}: {', '.join(parts)}"


def answer_html(need: Need) -> str:
    """The council's answer in words (the latest one is in force)."""
    if not need.answers:
        return "<p><strong>The council's answer:</strong> not answered yet</p>"
    last = need.answers[-1]
    said = f": \u201c{esc(last.text)}\u201d" if last.text else ""
    return (f"<p class='wb-answered'><strong>The council's answer: "
            f"{esc(STATE_WORDS[last.state])}</strong>{said} ({esc(last.by)}, {last.at.day} "
            f"{last.at:%B %Y})</p>")


def need_html(need: Need, names: Mapping[str, str]) -> str:
    """One need's card: the text, who is affected, the evidence, who proposed it, its
    supports, a merge and the answer."""
    merged = ""
    if need.merged_into:
        merged = (f"<p class='wb-merged'><strong>Merged into need "
                  f"{esc(number(need.merged_into))}</strong>: {esc(need.merge_reason)}. Its "
                  "supports count toward that need.</p>")
    into = ""
    if need.merged_from:
        listed = ", ".join(esc(number(k)) for k in need.merged_from)
        into = (f"<p>Need{'s' if len(need.merged_from) > 1 else ''} {listed} "
                f"{'were' if len(need.merged_from) > 1 else 'was'} merged into this one; "
                "their supports count here.</p>")
    evidence = (f"<p><strong>Evidence:</strong> {esc(need.evidence)}</p>"
                if need.evidence else "")
    return (f"<article class='wb-need' aria-label='Need {esc(number(need.key))}'>"
            f"<h3>Need {esc(number(need.key))}: {esc(need.text)}</h3>{merged}"
            f"<p><strong>Who is affected:</strong> {esc(need.affected)}</p>{evidence}"
            f"<p><strong>Proposed by</strong> {esc(proposer(need, names))}</p>"
            f"<p><strong>Support:</strong> {esc(supports_words(need.supports, names))}</p>"
            f"{answer_html(need)}{into}</article>")


def empty_html() -> str:
    return "<p>No need has been proposed yet: yours can be the first.</p>"


def refused_html(why: str) -> str:
    """The whole page for a link that does not work: the refusal, in words."""
    return (f"<h1>Needs register</h1><p class='wb-refused' role='alert'>{esc(why)} "
            "Check the link you were given, or ask the council for the current one.</p>")
