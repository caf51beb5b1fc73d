"""The commissioning cycle on the command line, against the meeting store: answers to the
panels' views, opting out, results, challenges and the review of a meeting's services.

``workbench meeting views|answer``, ``workbench results import``, ``workbench challenge``,
``workbench needs`` and ``workbench review --meeting``; every refusal is one readable line,
never a traceback.
"""

from __future__ import annotations

import argparse
import hashlib
from datetime import date
from pathlib import Path

from workbench.errors import InputError, ScenarioError

EXIT_OK = 0


def _store(args: argparse.Namespace):
    from workbench.store import open_store

    return open_store(args.store)


def views(args: argparse.Namespace) -> int:
    """Every comment and dissent note of the meeting, with its key and its answer."""
    from workbench.monitoring.answers import STATE_WORDS

    with _store(args) as store:
        names = store.meeting(args.meeting).groups
        found = store.views(args.meeting)
        challenges = store.challenges(args.meeting)
    if not found and not challenges:
        print(f"meeting {args.meeting}: no views or challenges yet")
    for view in found:
        mark = "" if view.current else " (since replaced by its group)"
        print(f"{view.key:<14} {names.get(view.group, view.group)}, {view.kind}{mark}: "
              f"{_short(view.text)}")
        print(f"{'':<14} {STATE_WORDS[view.state]}"
              + (f": {_short(view.answers[-1].text)} ({view.answers[-1].by})"
                 if view.answers else ""))
    for c in challenges:
        print(f"{c.key:<14} challenge of {c.service} ({c.grounds}), lodged {c.lodged}: "
              f"{_short(c.text)}")
        print(f"{'':<14} {STATE_WORDS[c.state]}")
    return EXIT_OK


def needs(args: argparse.Namespace) -> int:
    """The needs register, one need a line with its answer; or the CSV file."""
    from workbench.export.needs import write_needs_csv
    from workbench.monitoring.answers import STATE_WORDS

    with _store(args) as store:
        names = store.meeting(args.meeting).groups
        found = store.needs(args.meeting)
    if args.csv is not None:
        write_needs_csv(found, names, args.csv)
        print(f"wrote {len(found)} need{'s' if len(found) != 1 else ''} to {args.csv}")
        return EXIT_OK
    if not found:
        print(f"meeting {args.meeting}: no needs yet")
    for need in found:
        merged = f" (merged into {need.merged_into}: {_short(need.merge_reason, 40)})" \
            if need.merged_into else ""
        print(f"{need.key:<14} {_short(need.text)}{merged}")
        print(f"{'':<14} {need.support_count} supports; {STATE_WORDS[need.state]}"
              + (f": {_short(need.answers[-1].text)} ({need.answers[-1].by})"
                 if need.answers else ""))
    return EXIT_OK


def specification(args: argparse.Namespace) -> int:
    """A service's specification and term sheet: the document as HTML and/or DOCX, the kpi
    requirements' target stubs as YAML, or (with neither) one line per requirement."""
    import yaml

    from workbench.atomic import write_atomically
    from workbench.export.specification import meeting_specification, write_specification
    from workbench.store.codesign import PRIORITY_WORDS

    with _store(args) as store:
        found = store.codesign(args.meeting, args.service)
        blocks = meeting_specification(store, args.meeting, args.service)
    if args.html is not None or args.docx is not None:
        write_specification(blocks, html=args.html, docx=args.docx)
        for path in (args.html, args.docx):
            if path is not None:
                print(f"{path}: the specification and contract terms of {args.service}")
    if args.targets is not None:
        text = yaml.safe_dump({"targets": found.kpi_stubs()}, sort_keys=False,
                              allow_unicode=True)
        write_atomically(args.targets, text.encode("utf-8"))
        print(f"{args.targets}: {len(found.kpi_stubs())} target stub(s) to complete and paste "
              "into the scenario's targets")
    if args.html is None and args.docx is None and args.targets is None:
        if found.empty:
            print(f"meeting {args.meeting}: no requirement or term for {args.service} yet")
        for r in found.spec.requirements:
            agreed = PRIORITY_WORDS.get(found.agreed.get(r.id) or "", "no priority yet")
            print(f"{r.id:<8} {agreed:<12} {_short(r.text)}")
        for t in found.sheet.terms:
            print(f"{t.id:<8} {t.topic:<12} {_short(t.text)}")
    return EXIT_OK


def _short(text: str, most: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[:most - 1] + "…"


def answer(args: argparse.Namespace) -> int:
    with _store(args) as store:
        done = store.answer(args.meeting, args.token, args.key, args.state, args.text, args.by)
    print(f"answered {args.key}: {args.state} (meeting version {done.version})")
    return EXIT_OK


def withdraw(args: argparse.Namespace) -> int:
    """A group withdraws its own view (its panel's token): the answer's state ``withdrawn``."""
    with _store(args) as store:
        done = store.withdraw(args.meeting, args.token, args.key, args.text)
    print(f"withdrew {args.key} (meeting version {done.version})")
    return EXIT_OK


def import_results(args: argparse.Namespace) -> int:
    """Read and check the whole file first (row and column of every problem), then store it
    in one transaction: nothing is imported when anything is wrong."""
    from workbench.monitoring import read_results

    with _store(args) as store:
        store.access(args.meeting, args.token)
        scenario = store.targets_in_force(args.meeting)
        raw = _read_bytes(args.file)
        results = read_results(scenario, raw, args.file.name)
        done = store.import_results(args.meeting, args.token, results, args.file.name,
                                    hashlib.sha256(raw).hexdigest())
    replaced = done.detail.get("replaced", 0)
    print(f"imported {len(results)} results from {args.file.name} (meeting version "
          f"{done.version})" + (f"; {replaced} replace earlier values" if replaced else ""))
    return EXIT_OK


def _read_bytes(path: Path) -> bytes:
    from workbench.errors import Problem
    from workbench.limits import limits_for

    try:
        size = path.stat().st_size
        if size > limits_for().bytes:
            raise ScenarioError([Problem("", f"is {size:,} bytes; the most is "
                                             f"{limits_for().bytes:,}", str(path))])
        return path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError([Problem("", "no such file", str(path))]) from None
    except OSError as exc:
        raise ScenarioError([Problem("", f"cannot be read ({exc.strerror})", str(path))]) \
            from None


def challenge(args: argparse.Namespace) -> int:
    """Lodge a challenge: with a panel's --token on behalf of its group, else as a person
    (a name and a contact, kept out of anything published)."""
    lodged = None
    if args.lodged:
        try:
            lodged = date.fromisoformat(args.lodged)
        except ValueError:
            raise InputError(f"--lodged: must be a date written YYYY-MM-DD (got "
                             f"{args.lodged[:20]!r})") from None
        today = date.today()
        if lodged > today:        # a person lodging a challenge now cannot date it later
            raise InputError(f"--lodged: must not be after today ({today.isoformat()}) (got "
                             f"{lodged.isoformat()})")
    with _store(args) as store:
        done = store.lodge_challenge(args.meeting, service=args.service, grounds=args.grounds,
                                     text=args.text, challenger=args.name,
                                     contact=args.contact or "", token=args.token,
                                     lodged=lodged)
    print(f"challenge lodged: challenge:{done.version} against {args.service}")
    return EXIT_OK


def review_meeting(args: argparse.Namespace) -> int:
    from workbench.monitoring import parse_month
    from workbench.store.cycle import review_meeting as review

    as_of = None
    if args.as_of is not None:
        as_of = parse_month(args.as_of)
        if as_of is None:
            raise InputError(f"--as-of: must be a month written YYYY-MM (got "
                             f"{args.as_of[:20]!r})")
    with _store(args) as store:
        scenario = store.targets_in_force(args.meeting)
        report = review(store, args.meeting, as_of)
    print(report.json_text() if args.json else report.text(scenario))
    return EXIT_OK


def publish(args: argparse.Namespace) -> int:
    """Write the meeting's published "after the decision" page (whole or not at all)."""
    from workbench.atomic import write_atomically
    from workbench.export.accountability import accountability_html

    with _store(args) as store:
        page = accountability_html(store, args.meeting)
    write_atomically(args.out, page.encode("utf-8"))
    print(f"wrote {args.out}")
    return EXIT_OK


def add_parsers(sub, msub, store: argparse.ArgumentParser) -> None:
    """The cycle's commands: ``meeting views``/``answer`` under ``msub``, the rest under
    ``sub``; ``store`` is the shared --store option."""
    from workbench.monitoring.answers import STATES
    from workbench.monitoring.challenges import GROUNDS

    p = msub.add_parser("views", parents=[store], help="every comment, dissent note and "
                        "challenge of a meeting, with its key and answer")
    p.add_argument("meeting", metavar="MEETING")
    p.set_defaults(run=views)
    p = msub.add_parser("answer", parents=[store], help="answer a view or challenge "
                        "(facilitator's token)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("key", metavar="KEY", help="as 'workbench meeting views' lists it, e.g. "
                   "dissent:4")
    p.add_argument("--state", required=True, choices=[s for s in STATES
                                                      if s not in ("not_answered",
                                                                   "withdrawn")])
    p.add_argument("--text", default=None, help="the answer (needed for rejected and "
                   "partly_accepted)")
    p.add_argument("--by", required=True, metavar="NAME", help="who answers")
    p.add_argument("--token", required=True)
    p.set_defaults(run=answer)
    p = msub.add_parser("withdraw", parents=[store], help="withdraw your group's own view "
                        "(the panel's token)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("key", metavar="KEY", help="as 'workbench meeting views' lists it")
    p.add_argument("--text", default=None, help="why, if you wish")
    p.add_argument("--token", required=True, help="your panel's token")
    p.set_defaults(run=withdraw)
    results = sub.add_parser("results", help="monitoring results of a meeting's services")
    rsub = results.add_subparsers(dest="results_command", required=True)
    p = rsub.add_parser("import", parents=[store], help="import results (CSV or XLSX: "
                        "service, measure, period, value); nothing is imported on any "
                        "problem")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--token", required=True, help="the facilitator's token")
    p.set_defaults(run=import_results)
    p = sub.add_parser("challenge", parents=[store], help="challenge a service of a meeting "
                       "and ask for its review")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--service", required=True)
    p.add_argument("--grounds", required=True, choices=list(GROUNDS))
    p.add_argument("--text", required=True, help="what the challenge is about")
    p.add_argument("--name", required=True, help="who lodges it (never published)")
    p.add_argument("--contact", default=None, help="an email or phone number (never "
                   "published; needed without --token)")
    p.add_argument("--token", default=None, help="a panel's token: lodged for its group")
    p.add_argument("--lodged", default=None, metavar="YYYY-MM-DD", help="default: today")
    p.set_defaults(run=challenge)
    p = sub.add_parser("needs", parents=[store], help="the needs register of a meeting: each "
                       "need, its supports, merge and answer (no names or contacts)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--csv", type=Path, default=None, metavar="FILE",
                   help="write the register as CSV (spreadsheet formulas defused)")
    p.set_defaults(run=needs)
    p = sub.add_parser("specification", parents=[store], help="a service's specification and "
                       "contract terms set with the groups: the document as HTML and DOCX")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--service", required=True, metavar="SERVICE")
    p.add_argument("--html", type=Path, default=None, metavar="FILE.html")
    p.add_argument("--docx", type=Path, default=None, metavar="FILE.docx")
    p.add_argument("--targets", type=Path, default=None, metavar="FILE.yaml",
                   help="the kpi requirements as target stubs, to complete and paste into "
                        "the scenario's targets")
    p.set_defaults(run=specification)
    p = sub.add_parser("publish", parents=[store], help="write a meeting's public 'after the "
                       "decision' page: targets and who agreed them, results, challenges "
                       "(without names or contacts) and reviews")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--out", required=True, metavar="FILE.html", type=Path)
    p.set_defaults(run=publish)


def add_review_meeting(p: argparse.ArgumentParser) -> None:
    """``workbench review --meeting M``: the review from the store instead of files."""
    p.add_argument("--meeting", default=None, metavar="MEETING",
                   help="review a meeting's services from the store (its results, challenges "
                        "and the decision in force) instead of a scenario and files")

