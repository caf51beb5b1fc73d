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
RULE_WORDS = {
    "utilitarian": "the set of projects with the most votes in total that fits the budget",
    "greedy": "the projects with the most votes first, each one that still fits the budget",
    "mes": "each voter gets an equal share of the budget and spends it on the projects "
           "they voted for (the Method of Equal Shares, completed by Add1)"}

STYLE = COMMON_STYLE + """<style>
.wb-pb .num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.wb-pb .wb-funded { font-weight: 700; color: #1d6b2f; white-space: nowrap; }
.wb-pb .wb-not-funded { color: #4a4a4a; white-space: nowrap; }
.wb-pb a.wb-download { display: inline-block; margin: 0.3em 1em 0.3em 0;
  padding: 0.4em 0.8em; border: 2px solid #0b5cad; color: #0b5cad; border-radius: 4px;
  min-height: 24px; }
.wb-pb .wb-row { flex-wrap: wrap; gap: 0.4em 1em; align-items: center; }
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
    """The three rules side by side: what each funds, what it costs, whom it serves."""
    if election is None or not outcomes:
        return ""
    cash = _cash(election)
    rules = list(outcomes)
    figures = {r: coverage(election, outcomes[r]) for r in rules}

    def cells(values: list[str]) -> list[str]:
        return [f'<span class="num">{esc(v)}</span>' for v in values]

    rows = [
        row("Projects funded", cells([str(len(outcomes[r].selected)) for r in rules])),
        row("Cost", cells([cash(figures[r].cost) for r in rules])),
        row("Share of the budget spent", cells([f"{figures[r].share_spent:.1%}"
                                                for r in rules])),
        row("Voters with at least one project they voted for funded",
            cells([f"{figures[r].voters_served:,} of {figures[r].voters:,}" for r in rules])),
        row("Share of voters with one of their projects funded",
            cells([f"{figures[r].share_served:.1%}" for r in rules])),
    ]
    return ("<h2>The outcome under each rule</h2>"
            + table("The three rules side by side", ["", *[RULE_TITLES[r] for r in rules]],
                    rows, "wb-pb-summary")
            + "<ul class='wb-rules'>" + "".join(
                f"<li><strong>{esc(RULE_TITLES[r])}</strong>: {esc(RULE_WORDS[r])}.</li>"
                for r in rules) + "</ul>")


def projects_html(election: Election | None, outcomes: dict[str, Outcome]) -> str:
    """Every project (most votes first): its name, number, cost, votes, and whether each
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
        marks = ['<span class="wb-funded">Funded</span>' if ident in chosen[r] else
                 '<span class="wb-not-funded">Not funded</span>' for r in rules]
        rows.append(row(project.column("name") or f"Project {ident}",
                        [esc(ident), f'<span class="num">{esc(cash(project.cost))}</span>',
                         f'<span class="num">{esc(number_text(scores[ident]))}</span>',
                         *marks]))
    return ("<h2>The projects</h2>"
            + table(f"Projects, most {votes_title(election).lower()} first, and which each "
                    "rule funds",
                    ["Project", "Number", "Cost", votes_title(election),
                     *[RULE_TITLES[r] for r in rules]], rows, "wb-pb-projects"))


def download_html(name: str, content: bytes) -> str:
    """The election shown as a .pb file, in a link that holds it (as the finance page)."""
    import base64

    uri = "data:text/plain;charset=utf-8;base64," + base64.b64encode(content).decode("ascii")
    return (f'<a class="wb-download wb-download-pb" download="{esc(name)}" href="{uri}">'
            "Download this election (.pb file)</a>")


def problems_html(problems: list[str]) -> str:
    if not problems:
        return ""
    return ("<ul class='wb-problem-list' role='alert'>"
            + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul>")
