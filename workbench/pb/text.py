"""An outcome as a person reads it at a terminal: what was funded, what it cost, who it
serves, and the steps that explain the choice."""

from __future__ import annotations

from workbench.money import currency_problem, money
from workbench.pb.election import Election, number_text
from workbench.pb.outcome import Outcome

RULE_NAMES = {"utilitarian": "Utilitarian (most total score within the budget)",
              "greedy": "Greedy (by score, then lower cost, then project id)",
              "mes": "Method of Equal Shares (cost satisfaction), completed by Add1"}
NAME_WIDTH = 60
MAX_STEPS = 200


def shown(text: str, width: int = NAME_WIDTH) -> str:
    """Text from a file, safe for a terminal: printable characters only, cut to ``width``."""
    clean = "".join(ch if ch.isprintable() else " " for ch in text)
    return clean if len(clean) <= width else clean[:width - 3] + "..."


def outcome_text(election: Election, outcome: Outcome, source: str = "") -> str:
    """The readable list ``workbench pb`` prints without ``--json``."""
    currency = election.meta_value("currency")
    currency = currency if currency and currency_problem(currency) is None else ""

    def cash(amount) -> str:
        return money(float(amount), currency) if currency else f"{float(amount):,.0f}"

    scores = election.scores
    head = f"{shown(source)}: " if source else ""
    lines = [f"{head}{RULE_NAMES.get(outcome.rule, outcome.rule)}",
             f"Budget {cash(election.budget)}; {election.voters:,} voters; "
             f"{len(election.projects)} projects ({election.vote_type} ballots)",
             f"Selected {len(outcome.selected)} projects:"]
    width = max((len(shown(p, 20)) for p in outcome.selected), default=2)
    for ident in outcome.selected:
        project = election.by_id[ident]
        lines.append(f"  {shown(ident, 20):<{width}}  {cash(project.cost):>14}  score "
                     f"{number_text(scores[ident]):>7}  {shown(project.column('name'))}")
    lines.append(f"Cost {cash(outcome.cost)} ({outcome.share_spent:.1%} of the budget)")
    lines.append(f"{outcome.voters_served:,} of {outcome.voters:,} voters "
                 f"({outcome.share_served:.1%}) have at least one project they voted for "
                 "funded")
    lines.append("Why:")
    lines.extend(f"  - {shown(step, 160)}" for step in outcome.steps[:MAX_STEPS])
    if len(outcome.steps) > MAX_STEPS:
        lines.append(f"  ... and {len(outcome.steps) - MAX_STEPS} more steps")
    return "\n".join(lines)
