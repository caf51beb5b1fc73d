"""The HTML of the PB page, from plain data (an election and its outcomes), never from the
page's state. Every text from the file goes through ``esc``."""

from __future__ import annotations

from workbench.money import currency_problem, money
from workbench.pb import Election, Outcome, coverage
from workbench.pb.election import WITH_POINTS, number_text
from workbench.pb.greedy import greedy_order
from workbench.ui.common import esc
from workbench.ui.common.style import STYLE as COMMON_STYLE
from workbench.ui.common.tables import row, table

RULE_TITLES = {"utilitarian": "Utilitarian", "greedy": "Greedy",
               "mes": "Method of Equal Shares"}
SHORT_TITLES = {"utilitarian": "Utilitarian", "greedy": "Greedy", "mes": "Equal shares"}
RULE_WORDS = {
    "utilitarian": "The set of projects with the most votes in total that fits the budget.",
    "greedy": "The projects with the most votes first, each one that still fits the budget.",
    "mes": "Each voter gets an equal share of the budget to spend on the projects they voted "
           "for; the shares are then raised while the outcome still fits the budget "
           "(completed by Add1)."}

STYLE = COMMON_STYLE + """<style>
.wb-pb .num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.wb-pb .wb-funded { font-weight: 700; color: #1d6b2f; white-space: nowrap; }
.wb-pb .wb-not-funded { color: #4a4a4a; white-space: nowrap; }
.wb-pb a.wb-download { display: inline-block; margin: 0.3em 1em 0.3em 0;
  padding: 0.4em 0.8em; border: 2px solid #0b5cad; color: #0b5cad; border-radius: 4px;
  min-height: 24px; }
.wb-pb .wb-row { flex-wrap: wrap; gap: 0.4em 1em; align-items: center; }
.wb-pb .wb-rule-cards { display: flex; flex-wrap: wrap; gap: 12px 16px;
  align-items: stretch; }
.wb-pb .wb-rule-card { flex: 1 1 19em; min-width: 0; max-width: 28em;
  border: 2px solid #1a1a1a; padding: 4px 12px; }
.wb-pb .wb-rule-card table.wb-table { width: 100%; }
.wb-pb .wb-rule-card caption { font-size: 19px; }
.wb-pb .wb-rule-card td { text-align: right; }
.wb-pb .wb-rule-words { margin: 6px 0; }
.wb-pb table.wb-pb-projects th[scope=row] { min-width: 11em; }
.wb-pb .wb-id { display: block; font-weight: 400; color: #4a4a4a; font-size: 15px; }
.wb-pb ul.wb-problem-list { margin: 4px 0; padding-left: 1.4em; }
.wb-pb .wb-problem-list li { margin: 2px 0; }
</style>"""


def _cash(election: Election):
    currency = election.meta_value("currency")
    currency = currency if currency and currency_problem(currency) is None else ""

    def cash(amount) -> str:
        return money(float(amount), currency) if currency else f"{float(amount):,.0f}"
    return cash


def votes_title(election: Election) -> str:
    return "Points" if election.vote_type in WITH_POINTS else "Votes"


def about_html(election: Election | None, name: str, source: str) -> str:
    """What is shown: the election in words, its budget, voters and projects."""
    if election is None:
        return ""
    cash = _cash(election)
    kind = {"approval": "each voter ticked the projects they support",
            "ordinal": "each voter ranked projects (a ranked project counts as one vote)",
            "cumulative": "each voter shared out points among projects",
            "scoring": "each voter gave projects points"}.get(election.vote_type, "")
    return (f"<h2>{esc(name)}</h2><p class='wb-about'>From {esc(source)}: a budget of "
            f"<strong>{esc(cash(election.budget))}</strong>, {election.voters:,} voters, "
            f"{len(election.projects)} projects; {esc(kind)}.</p>")


def summary_html(election: Election | None, outcomes: dict[str, Outcome]) -> str:
    """The three rules side by side (one card each; they stack on a phone): what each
    funds, what it costs, the share of the budget spent, and the voters it serves."""
    if election is None or not outcomes:
        return ""
    cash = _cash(election)
    cards = []
    for rule, found in outcomes.items():
        got = coverage(election, found)
        rows = [
            row("Projects funded", [_num(str(len(found.selected)))]),
            row("Cost", [_num(cash(got.cost))]),
            row("Share of the budget spent", [_num(f"{got.share_spent:.1%}")]),
            row("Voters with at least one project they voted for funded",
                [_num(f"{got.voters_served:,} of {got.voters:,}")]),
            row("Share of voters with one of their projects funded",
                [_num(f"{got.share_served:.1%}")]),
        ]
        cards.append(f'<div class="wb-rule-card wb-rule-{rule}">'
                     f'<table class="wb-table wb-pb-summary"><caption>{esc(RULE_TITLES[rule])}'
                     f"</caption><tbody>{''.join(rows)}</tbody></table>"
                     f"<p class='wb-rule-words'>{esc(RULE_WORDS[rule])}</p>"
                     "</div>")
    return ("<h2>The outcome under each rule</h2><div class='wb-rule-cards'>"
            + "".join(cards) + "</div>")


def _num(text: str) -> str:
    return f'<span class="num">{esc(text)}</span>'


def projects_html(election: Election | None, outcomes: dict[str, Outcome]) -> str:
    """Every project (most votes first): its name and number, cost, votes, and whether each
    rule funds it, in words."""
    if election is None:
        return ""
    cash = _cash(election)
    rules = list(outcomes)
    chosen = {r: set(outcomes[r].selected) for r in rules}
    scores = election.scores
    rows = []
    for ident in greedy_order(election):
        project = election.by_id[ident]
        name = project.column("name") or f"Project {ident}"
        marks = "".join('<td class="wb-funded">Funded</td>' if ident in chosen[r] else
                        '<td class="wb-not-funded">Not funded</td>' for r in rules)
        rows.append(f"<tr><th scope='row'>{esc(name)}<span class='wb-id'>number "
                    f"{esc(ident)}</span></th><td class='num'>{esc(cash(project.cost))}</td>"
                    f"<td class='num'>{esc(number_text(scores[ident]))}</td>{marks}</tr>")
    return ("<h2>The projects</h2>"
            + table(f"Projects, most {votes_title(election).lower()} first, and which each "
                    "rule funds",
                    ["Project", "Cost", votes_title(election),
                     *[SHORT_TITLES[r] for r in rules]], rows, "wb-pb-projects"))


def download_html(name: str, content: bytes) -> str:
    """The election shown as a .pb file, in a link that holds it (as the finance page)."""
    import base64

    uri = "data:text/plain;charset=utf-8;base64," + base64.b64encode(content).decode("ascii")
    return (f'<a class="wb-download wb-download-pb" download="{esc(name)}" href="{uri}">'
            "Download this election (.pb file)</a>")


def problems_html(problems: list[str]) -> str:
    if not problems:
        return ""
    return ("<div role='alert'><ul class='wb-problem-list'>"
            + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul></div>")
