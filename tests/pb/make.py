"""Small elections written as .pb text, for hand-worked tests."""

from __future__ import annotations

from workbench.pb import Election, parse_election


def pb_text(budget, costs: dict[str, int], votes: list[str], vote_type: str = "approval",
            points: list[str] | None = None) -> str:
    """A .pb file: ``costs`` maps project id to cost; ``votes`` are ballots ("A,B")."""
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{vote_type}",
             "currency;PLN", "PROJECTS", "project_id;cost;name"]
    lines += [f"{ident};{cost};Project {ident}" for ident, cost in costs.items()]
    lines += ["VOTES", "voter_id;vote;points" if points is not None else "voter_id;vote"]
    for i, vote in enumerate(votes):
        extra = f";{points[i]}" if points is not None else ""
        lines.append(f"{i + 1};{vote}{extra}")
    return "\n".join(lines) + "\n"


def election(budget, costs: dict[str, int], votes: list[str], **kw) -> Election:
    return parse_election(pb_text(budget, costs, votes, **kw), "hand.pb")
