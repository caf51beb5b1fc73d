"""Reading pabulib ``.pb`` files (META, PROJECTS, VOTES) with every problem located.

A ``.pb`` file is three ``;``-separated tables, each after a line naming it. Anyone may hand
the workbench such a file, so it is held to the limits of :mod:`workbench.limits` (its size,
its projects as a scenario's services, its ballot entries as values, the time spent) and
each problem names the file, the place and the line; nothing is echoed whole.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from workbench.errors import Problem, ScenarioError
from workbench.limits import ENVIRONMENT, Deadline, Limits, excerpt, limits_for, too_big
from workbench.pb.election import VOTE_TYPES, WITH_POINTS, Ballot, Election, Project
from workbench.scenario.files import MAX_PROBLEMS

SECTIONS = ("META", "PROJECTS", "VOTES")
# Plain decimals only: an exponent (1e999999999) would make an exact fraction of any size.
_NUMBER = re.compile(r"[+-]?[0-9]{1,18}(?:\.[0-9]{0,12})?")


def read_election(path: str | Path, limits: Limits | None = None) -> Election:
    """The election in ``path``, checked; ScenarioError lists every problem with its line.

    A file named on this machine may be as large as a local scenario file
    (``workbench.limits.LOCAL_FILE``); its size is checked before it is read."""
    path = Path(path)
    limits = limits or limits_for(local_file=True)
    name = str(path)
    try:
        with path.open("rb") as handle:
            refused = too_big(os.fstat(handle.fileno()).st_size, limits)
            raw = b"" if refused else handle.read(limits.bytes + 1)
        refused = refused or too_big(len(raw), limits)
        if refused:
            raise ScenarioError([Problem("", refused, name)])
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise ScenarioError([Problem("", "no such file", name)]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem("", f"is not UTF-8 text ({exc.reason} at byte "
                                         f"{exc.start})", name)]) from None
    except IsADirectoryError:
        raise ScenarioError([Problem("", "is a folder, not a file", name)]) from None
    except OSError as exc:
        raise ScenarioError([Problem("", f"cannot be read ({exc.strerror})", name)]) from None
    return parse_election(text, name, limits)


def parse_election(text: str, filename: str = "<election>",
                   limits: Limits | None = None) -> Election:
    """The election written in ``text`` (an upload keeps the upload limits by default)."""
    limits = limits or limits_for()
    size = len(text.encode("utf-8"))
    if too_big(size, limits):
        raise ScenarioError([Problem("", too_big(size, limits) or "", filename)])
    reader = _Reader(filename, limits)
    election = reader.read(text.removeprefix("\ufeff"))
    if reader.problems or election is None:
        raise ScenarioError(reader.report())
    return election


@dataclass
class _Reader:
    """One pass over the file's rows, section by section, collecting problems."""

    filename: str
    limits: Limits
    problems: list[Problem] = field(default_factory=list)
    found: int = 0
    meta: list[tuple[str, str]] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    headers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    vote_type: str | None = None
    project_lines: dict[str, int] = field(default_factory=dict)
    voter_lines: dict[str, int] = field(default_factory=dict)
    entries: int = 0
    stopped: bool = False

    def problem(self, place: str, message: str, line: int | None) -> None:
        self.found += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(place, message, self.filename, line))

    def report(self) -> list[Problem]:
        shown = sorted(self.problems, key=lambda p: (p.line or 0, p.place))
        if self.found > len(shown):
            shown.append(Problem("", f"and {self.found - len(shown):,} more problems, not "
                                     "listed", self.filename))
        return shown

    def read(self, text: str) -> Election | None:
        deadline = Deadline(self.limits)
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=";")
        section: str | None = None
        line = 0
        count = 0
        while not self.stopped:
            start = rows.line_num + 1
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as exc:
                self.problem(section or "", f"cannot be read as ;-separated values ({exc})",
                             start)
                break
            line = start
            count += 1
            if rows.line_num > start:
                self.problem(section or "", f"a quoted value runs from line {start} to line "
                             f"{rows.line_num} (is a quote not closed?)", start)
                self.stopped = True
                break
            if count % 2000 == 0 and deadline.expired():
                self.problem("", deadline.message(), line)
                break
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if len(cells) == 1 and cells[0].upper() in SECTIONS:
                section = self.start_section(cells[0].upper(), section, line)
                continue
            if section is None:
                self.problem("", "must begin with the line META (this is not a pabulib file)",
                             line)
                self.stopped = True
                break
            if section not in self.headers:
                self.header(section, cells, line)
            elif section == "META":
                self.meta_row(cells, line)
            elif section == "PROJECTS":
                self.project_row(cells, line)
            else:
                self.vote_row(cells, line)
        return self.finish(line)

    def start_section(self, name: str, current: str | None, line: int) -> str | None:
        if name in self.lines:
            self.problem(name, f"appears twice (first at line {self.lines[name]})", line)
            self.stopped = True
            return current
        expected = SECTIONS[sum(s in self.lines for s in SECTIONS)]
        if name != expected:
            self.problem(name, f"comes before {expected}: the sections are META, PROJECTS "
                               "and VOTES, in that order", line)
            self.stopped = True
            return current
        if name == "VOTES" and "META" in self.lines:
            self.vote_type_of()
        self.lines[name] = line
        return name

    def header(self, section: str, cells: list[str], line: int) -> None:
        self.headers[section] = tuple(cells)
        need: tuple[str, ...] = {"META": ("key", "value"), "PROJECTS": ("project_id", "cost"),
                "VOTES": ("voter_id", "vote")}[section]
        if section == "VOTES" and self.vote_type in WITH_POINTS:
            need = (*need, "points")
        missing = [name for name in need if name not in cells]
        if missing:
            self.problem(f"{section} header", f"must name the columns {', '.join(need)} "
                         f"(missing {', '.join(missing)}; got {excerpt(';'.join(cells))})", line)
            self.stopped = True
        duplicate = sorted({c for c in cells if cells.count(c) > 1})
        if duplicate:
            self.problem(f"{section} header", f"names a column twice ({excerpt(duplicate[0])})",
                         line)
            self.stopped = True

    def meta_row(self, cells: list[str], line: int) -> None:
        key, value = cells[0], ";".join(cells[1:])
        if not key:
            self.problem("META", "a row has no key", line)
        elif any(k == key for k, _ in self.meta):
            self.problem(f"META {excerpt(key)}", "is given twice", line)
        else:
            self.meta.append((key, value))
            self.lines[f"META {key}"] = line

    def row_fields(self, section: str, cells: list[str], line: int, place: str) -> dict | None:
        header = self.headers[section]
        if len(cells) != len(header):
            self.problem(place, f"has {len(cells)} fields; the {section} header has "
                                f"{len(header)}", line)
            return None
        return dict(zip(header, cells))

    def project_row(self, cells: list[str], line: int) -> None:
        ident = cells[self.headers["PROJECTS"].index("project_id")] \
            if len(cells) == len(self.headers["PROJECTS"]) else ""
        place = f"PROJECTS, project {excerpt(ident)}" if ident else "PROJECTS"
        values = self.row_fields("PROJECTS", cells, line, place)
        if values is None:
            return
        if not ident:
            self.problem("PROJECTS, project_id", "must not be empty", line)
            return
        if len(self.projects) >= self.limits.services:
            self.problem("PROJECTS", f"has more than {self.limits.services:,} projects "
                                     f"({ENVIRONMENT['services']} raises the limit)", line)
            self.stopped = True
            return
        known = self.project_lines
        if ident in known:
            self.problem(place, f"is listed twice (first at line {known[ident]})", line)
            return
        known[ident] = line
        cost = _number(values["cost"], signed=False)
        if cost is None or cost <= 0:
            self.problem(f"{place}: cost", f"must be a number above 0 (got "
                                           f"{excerpt(values['cost'])})", line)
            return
        columns = tuple((k, v) for k, v in values.items() if k not in ("project_id", "cost"))
        self.projects.append(Project(ident, cost, columns))

    def vote_row(self, cells: list[str], line: int) -> None:
        header = self.headers["VOTES"]
        voter = cells[header.index("voter_id")] if len(cells) == len(header) else ""
        place = f"VOTES, voter {excerpt(voter)}" if voter else "VOTES"
        values = self.row_fields("VOTES", cells, line, place)
        if values is None:
            return
        if not voter:
            self.problem("VOTES, voter_id", "must not be empty", line)
            return
        voters = self.voter_lines
        if voter in voters:
            self.problem(place, f"votes twice (first at line {voters[voter]})", line)
            return
        voters[voter] = line
        named = tuple(p.strip() for p in values["vote"].split(",")) if values["vote"] else ()
        self.entries += len(named)
        if self.entries > self.limits.nodes:
            self.problem("VOTES", f"has more than {self.limits.nodes:,} votes in its ballots "
                                  f"({ENVIRONMENT['nodes']} raises the limit)", line)
            self.stopped = True
            return
        ok = self.check_named(named, place, line)
        points = None
        if self.vote_type in WITH_POINTS:
            points = self.points_of(values["points"], len(named), place, line)
            ok = ok and points is not None
        if ok:
            kept = ("voter_id", "vote", "points") if self.vote_type in WITH_POINTS \
                else ("voter_id", "vote")
            columns = tuple((k, v) for k, v in values.items() if k not in kept)
            self.ballots.append(Ballot(voter, named, points, columns))

    def check_named(self, named: tuple[str, ...], place: str, line: int) -> bool:
        known = self.project_lines
        ok = True
        for i, project in enumerate(named):
            if not project:
                self.problem(f"{place}: vote", "names an empty project (two commas, or a "
                                               "comma at an end)", line)
                return False
            if project not in known and "PROJECTS" in self.lines:
                self.problem(f"{place}: vote", f"names project {excerpt(project)}, which is "
                                               "not in PROJECTS", line)
                ok = False
            if project in named[:i]:
                self.problem(f"{place}: vote", f"names project {excerpt(project)} twice",
                             line)
                ok = False
        return ok

    def points_of(self, text: str, count: int, place: str, line: int
                  ) -> tuple[Fraction, ...] | None:
        given = [p.strip() for p in text.split(",")] if text else []
        if len(given) != count:
            self.problem(f"{place}: points", f"gives {len(given)} points for {count} projects "
                                             "voted for", line)
            return None
        numbers = [_number(p, signed=self.vote_type == "scoring") for p in given]
        bad = next((p for p, n in zip(given, numbers) if n is None), None)
        if bad is not None:
            sign = "a number" if self.vote_type == "scoring" else "a number, 0 or more,"
            self.problem(f"{place}: points", f"must be {sign} for each project (got "
                                             f"{excerpt(bad)})", line)
            return None
        return tuple(n for n in numbers if n is not None)

    def vote_type_of(self) -> None:
        meta = dict(self.meta)
        kind = meta.get("vote_type")
        if kind is None:
            self.vote_type = "approval"
            self.problem("META vote_type", f"is missing (one of {', '.join(VOTE_TYPES)})",
                         self.lines.get("META"))
        elif kind not in VOTE_TYPES:
            self.vote_type = "approval"
            self.problem("META vote_type", f"must be one of {', '.join(VOTE_TYPES)} (got "
                                           f"{excerpt(kind)})", self.lines.get("META vote_type"))
        else:
            self.vote_type = kind

    def finish(self, last_line: int) -> Election | None:
        if self.stopped:
            return None
        for name in SECTIONS:
            if name not in self.lines:
                self.problem(name, "is missing: a pabulib file has META, PROJECTS and VOTES, "
                                   "each on a line of its own, then its table", last_line or 1)
                return None
            if name not in self.headers:
                self.problem(name, "has no header row", self.lines[name])
                return None
        meta = dict(self.meta)
        budget = None
        if "budget" not in meta:
            self.problem("META budget", "is missing (the election's budget)",
                         self.lines["META"])
        else:
            budget = _number(meta["budget"], signed=False)
            if budget is None or budget <= 0:
                self.problem("META budget", f"must be a number above 0 (got "
                                            f"{excerpt(meta['budget'])})",
                             self.lines["META budget"])
        if not self.projects and not self.problems:
            self.problem("PROJECTS", "lists no project", self.lines["PROJECTS"])
        if self.problems or budget is None or self.vote_type is None:
            return None
        return Election(tuple(self.meta), tuple(self.projects), tuple(self.ballots), budget,
                        self.vote_type, self.headers["PROJECTS"], self.headers["VOTES"])


def _number(text: str, signed: bool) -> Fraction | None:
    """The exact value of a plain decimal (``25000``, ``1.5``), or None."""
    text = text.strip()
    if not _NUMBER.fullmatch(text) or (not signed and text.startswith("-")):
        return None
    return Fraction(text)
