"""Writing elections back as pabulib ``.pb`` files (what :mod:`workbench.pb.reading` reads).

Every column read is written again in its order; amounts are written exactly, so reading the
written file gives the same election.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.atomic import write_atomically
from workbench.pb.election import WITH_POINTS, Ballot, Election, Project, number_text


def election_text(election: Election) -> str:
    """The election as the text of a ``.pb`` file."""
    out = io.StringIO()
    rows = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\n")
    rows.writerow(["key", "value"])
    for key, value in election.meta:
        rows.writerow([key, value])
    out.write("PROJECTS\n")
    rows.writerow(election.project_header)
    for project in election.projects:
        rows.writerow(_project_row(project, election.project_header))
    out.write("VOTES\n")
    rows.writerow(election.vote_header)
    points = election.vote_type in WITH_POINTS
    for ballot in election.ballots:
        rows.writerow(_ballot_row(ballot, election.vote_header, points))
    return out.getvalue()


def save_election(election: Election, path: str | Path) -> None:
    """Write ``path`` atomically: readers see the old file or the whole new one."""
    write_atomically(path, election_text(election).encode("utf-8"))


def _project_row(project: Project, header: tuple[str, ...]) -> list[str]:
    known = {"project_id": project.id, "cost": number_text(project.cost), **dict(project.columns)}
    return [known.get(name, "") for name in header]


def _ballot_row(ballot: Ballot, header: tuple[str, ...], points: bool) -> list[str]:
    known = {"voter_id": ballot.voter, "vote": ",".join(ballot.projects), **dict(ballot.columns)}
    if points and ballot.points is not None:
        known["points"] = ",".join(number_text(p) for p in ballot.points)
    return [known.get(name, "") for name in header]
