"""The ``workbench`` command: validate, solve and generate scenarios without Jupyter.

Every refusal is one readable line per problem; no traceback reaches the terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench.cycle_commands import add_review_meeting
from workbench.errors import ScenarioError, WorkbenchError

EXIT_OK, EXIT_ERROR, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4


def _validate(args: argparse.Namespace) -> int:
    from workbench.scenario import load_scenario

    bad = 0
    for name in args.files:
        try:
            load_scenario(name)
        except ScenarioError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        else:
            print(f"{name}: valid")
    return EXIT_INVALID if bad else EXIT_OK


def _solve(args: argparse.Namespace) -> int:
    from workbench.optimiser import recommend
    from workbench.report import recommendation_text
    from workbench.scenario import load_scenario

    scenario = load_scenario(args.file)
    result = recommend(scenario, solver=args.solver, time_limit=args.time_limit)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(recommendation_text(scenario, result))
    if result.status == "infeasible":
        return EXIT_INFEASIBLE
    return EXIT_NO_SOLUTION if result.status == "no_solution" else EXIT_OK


def _progress_bar():
    """A one-line progress bar on stderr, only when someone is watching a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(fraction: float, message: str) -> None:
        filled = int(fraction * 30)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} "
                         f"{message[:40]:<40}")
        if fraction >= 1:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _analyse(args: argparse.Namespace) -> int:
    from workbench.analysis import analyse
    from workbench.analysis.pictures import write_pictures
    from workbench.analysis.text import analysis_text
    from workbench.scenario import load_scenario

    scenario = load_scenario(args.file)
    result = analyse(scenario, levels=args.levels, progress=_progress_bar())
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(analysis_text(result))
    if args.plots:
        for path in write_pictures(result, args.plots):
            print(f"wrote {path}", file=sys.stderr)
    return EXIT_INFEASIBLE if result.recommended.status == "infeasible" else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from workbench.export import (
        NothingToExport,
        decision_from_adopted,
        decision_from_file,
        write_exports,
    )

    if not (args.xlsx or args.csv or args.html):
        print("workbench export: say what to write: --xlsx OUT.xlsx, --csv OUT.csv and/or "
              "--html OUT.html", file=sys.stderr)
        return EXIT_INVALID
    if bool(args.file) == bool(args.meeting):
        print("workbench export: give a scenario FILE, or --meeting MEETING for its adopted "
              "decision (not both)", file=sys.stderr)
        return EXIT_INVALID
    try:
        if args.meeting:
            decision = decision_from_adopted(_store(args), args.meeting, args.decision,
                                             with_analysis=bool(args.html))
        else:
            decision = decision_from_file(args.file, solver=args.solver,
                                          time_limit=args.time_limit,
                                          with_analysis=bool(args.html), levels=args.levels,
                                          progress=_progress_bar())
    except NothingToExport as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        status = exc.status
        return EXIT_INFEASIBLE if status == "infeasible" else EXIT_NO_SOLUTION
    for path in write_exports(decision, xlsx=args.xlsx, csv=args.csv, html=args.html):
        print(f"wrote {path}")
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    from workbench.generate import generate
    from workbench.scenario import dump_scenario, save_scenario

    scenario = generate(args.services, seed=args.seed, options=args.options)
    if args.output:
        save_scenario(scenario, args.output)
        print(f"{args.output}: {args.services} services written")
    else:
        sys.stdout.write(dump_scenario(scenario))
    return EXIT_OK


def _tender(args: argparse.Namespace) -> int:
    from workbench.scenario import load_scenario
    from workbench.tender import award, evaluate, load_tender, tender_text, write_award

    if bool(args.into) != bool(args.out):
        print("workbench tender: --into SCENARIO and --out NEW.yaml go together",
              file=sys.stderr)
        return EXIT_INVALID
    result = evaluate(load_tender(args.file))
    if args.into:
        write_award(award(result, load_scenario(args.into), args.option), args.out)
        print(f"{args.out}: {result.winner} fills the outsource option of "
              f"{result.tender.service}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    elif not args.into:
        print(tender_text(result))
    return EXIT_OK


def _tender_start(args: argparse.Namespace) -> int:
    """A tender evaluation in the meeting store, and its links: one per evaluator, one for
    the moderator. The file's ``scores`` and ``moderated`` are ignored (marks are given on
    the evaluators' pages)."""
    from workbench.store import open_store

    text = Path(args.file).read_text(encoding="utf-8") if Path(args.file).is_file() else None
    if text is None:
        raise WorkbenchError(f"{args.file}: no such file")
    with open_store(args.store) as store:
        made = store.create_tender(text, args.file)
    links = made.links(args.base_url)
    print(f"Tender evaluation {made.id}: {made.name}")
    print("The file's scores and moderated marks, if any, are ignored: each evaluator "
          "declares their interests and marks on their own page.")
    print(f"  moderator: {links['moderator']}")
    for evaluator, name in made.evaluator_names.items():
        print(f"  {name} ({evaluator}): {links[evaluator]}")
    return EXIT_OK


def _tender_report(args: argparse.Namespace) -> int:
    """The evaluation report of a stored tender, as one HTML page and/or a Word document."""
    from workbench.atomic import write_atomically
    from workbench.store import open_store
    from workbench.tender import evaluate
    from workbench.tender.report import evaluation_report_html
    from workbench.tender.report_docx import evaluation_report_docx
    from workbench.tender.stored import stored_tender

    if args.html is None and args.docx is None:
        print("workbench tender report: give --html FILE, --docx FILE or both",
              file=sys.stderr)
        return EXIT_INVALID
    with open_store(args.store) as store:
        evaluation = store.tender_evaluation(args.meeting)
    result = evaluate(stored_tender(evaluation))     # InputError lists the missing marks
    if args.html is not None:
        write_atomically(Path(args.html), evaluation_report_html(evaluation, result)
                         .encode("utf-8"))
        print(f"{args.html}: the evaluation report of {result.tender.name}")
    if args.docx is not None:
        write_atomically(Path(args.docx), evaluation_report_docx(evaluation, result))
        print(f"{args.docx}: the evaluation report of {result.tender.name}, as a Word "
              "document")
    return EXIT_OK


def _pb(args: argparse.Namespace) -> int:
    from workbench.pb import RULES, read_election
    from workbench.pb.text import outcome_text

    election = read_election(args.file)
    result = RULES[args.rule](election)
    if args.json:
        print(json.dumps(result.to_json()))
    else:
        print(outcome_text(election, result, args.file))
    return EXIT_OK


def _print_vote(made, base_url: str, said: str) -> None:
    """The vote's links, each printed once: the facilitator's result page, then one line
    per voter link (hand each out, on paper if need be)."""
    links = made.links(base_url)
    print(f"Participatory-budgeting vote {made.id}: {made.name}")
    print(said)
    for line in made.skipped:
        print(f"  {line}")
    print(f"  the result (facilitator): {links['facilitator']}")
    for k, voter in enumerate(made.voter_tokens, 1):
        print(f"  voter {k}: {links[voter]}")


def _pb_start(args: argparse.Namespace) -> int:
    """A vote on a .pb file's projects and budget (its VOTES ignored), with voter links."""
    from workbench.pb import read_election
    from workbench.store import open_store

    election = read_election(args.file)
    with open_store(args.store) as store:
        made = store.create_vote_from_election(election, args.voters, Path(args.file).name)
    _print_vote(made, args.base_url,
                f"{len(made.projects)} projects, budget {election.budget}. The file's VOTES "
                "(and its vote type) are ignored: each voter approves projects on their own "
                "ballot page.")
    return EXIT_OK


def _pb_from_needs(args: argparse.Namespace) -> int:
    """A vote on a meeting's needs register: each accepted need with a cost in --costs."""
    from workbench.pb.stored import read_costs
    from workbench.store import open_store

    costs = {}
    if args.costs:
        path = Path(args.costs)
        if not path.is_file():
            raise WorkbenchError(f"{args.costs}: no such file")
        costs = read_costs(path.read_text(encoding="utf-8"), path.name)
    with open_store(args.store) as store:
        made = store.create_vote_from_needs(args.meeting, args.budget, args.voters, costs)
    _print_vote(made, args.base_url,
                f"{len(made.projects)} projects (the accepted needs with a cost), budget "
                f"{args.budget}.")
    return EXIT_OK


def _pb_export(args: argparse.Namespace) -> int:
    """The stored vote with its ballots so far as a .pb file (voters 1..n, no links)."""
    from workbench.pb import save_election
    from workbench.store import open_store

    with open_store(args.store) as store:
        vote = store.vote(args.meeting)
        election = store.vote_election(args.meeting)
    save_election(election, args.out)
    state = "closed" if vote.closed else "still open"
    print(f"{args.out}: {vote.name}, {election.voters} ballots of {len(vote.voters)} voter "
          f"links (the vote is {state})")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    import importlib.util

    missing = [m for m in ("voila", "ipykernel") if not importlib.util.find_spec(m)]
    if missing:  # installed without the pages: say which extra brings them
        raise WorkbenchError(f"serving the pages needs {', '.join(missing)}: install the app "
                             "extra with: pip install 'commissioning-workbench[app]'")
    from workbench.serve import serve

    return serve(args.scenario, port=args.port, app=args.app, store=args.store, host=args.host,
                 certfile=args.certfile, keyfile=args.keyfile, insecure=args.insecure,
                 behind_proxy=args.behind_proxy, max_kernels=args.max_kernels,
                 per_visitor=args.max_per_visitor, idle_minutes=args.idle_minutes)


def _review(args: argparse.Namespace) -> int:
    """``workbench review``: ratings, performance, reviews due and warnings as of a month."""
    from workbench.errors import Problem
    from workbench.monitoring import parse_month, read_challenges, read_results, review
    from workbench.scenario import load_scenario

    as_of = None
    if args.as_of is not None:
        as_of = parse_month(args.as_of)
        if as_of is None:
            raise ScenarioError([Problem("--as-of", f"must be a month written YYYY-MM (such "
                                                    f"as 2026-03) (got {args.as_of[:20]!r})")])
    if args.meeting:
        from workbench.cycle_commands import review_meeting

        return review_meeting(args)
    if not args.scenario or not args.results:
        raise ScenarioError([Problem("", "give a SCENARIO and --results R.csv, or --meeting "
                                         "MEETING to review from the meeting store")])
    scenario = load_scenario(args.scenario)
    results = read_results(scenario, args.results)
    if not results and as_of is None:
        raise ScenarioError([Problem("", "has no results, so there is no month to review as "
                                         "of: give --as-of YYYY-MM", args.results)])
    challenges = read_challenges(scenario, args.challenges,
                                 today=_files_today(results, as_of)) if args.challenges else ()
    report = review(scenario, results, challenges, as_of)
    print(report.json_text() if args.json else report.text(scenario))
    return EXIT_OK


def _files_today(results, as_of: int | None):
    """"Today" for a review's files: the files may hold challenges up to the last day of the
    review's month or of the latest result's, even after the real date (a planning
    example); a challenge after all of them is a mistake in the file."""
    from datetime import date

    from workbench.monitoring.due import as_of_month
    from workbench.monitoring.periods import last_day

    months = [as_of_month(results, as_of)] + ([as_of_month(results)] if results else [])
    return max(date.today(), *(last_day(m) for m in months))


def _store(args: argparse.Namespace):
    from workbench.store import open_store

    return open_store(args.store)


def _read_text(name: str) -> str:
    from workbench.errors import Problem

    try:
        return Path(name).read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem("", "no such file", name)]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem("", f"is not UTF-8 text ({exc.reason})", name)]) from None
    except OSError as exc:
        raise ScenarioError([Problem("", f"cannot be read ({exc.strerror})", name)]) from None


def _expiry(text: str):
    """``--expires``: a number of hours from now, a date (the links work through that day,
    UTC) or an ISO time (UTC unless it names its zone)."""
    from datetime import datetime, timedelta, timezone

    now = datetime.now(timezone.utc)
    spoken = text.strip().lower().removesuffix("h").removesuffix("hours").strip()
    try:
        return now + timedelta(hours=float(spoken))
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be hours (e.g. 6), a date (2026-12-31) or a time (2026-12-31T18:00) "
            f"(got {text!r})") from None
    if len(text.strip()) == 10:           # a date: through the end of that day
        moment += timedelta(days=1)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _meeting_create(args: argparse.Namespace) -> int:
    with _store(args) as store:
        made = store.create_meeting(_read_text(args.scenario), name=args.name,
                                    source=Path(args.scenario).name,
                                    expires_at=args.expires)
        print(f"Meeting {made.id}: {made.name}")
        print(f"Scenario SHA-256 {made.scenario_sha256}, store {store.where}")
        if args.expires:
            print(f"Its links stop working at {args.expires:%Y-%m-%d %H:%M} UTC")
    print("Hand each link to its own group only; they are shown once (a lost one can be "
          "replaced with 'workbench meeting reissue').")
    for who, link in made.links(args.base_url).items():
        print(f"  {who:<14} {link}")
    from workbench.store.links import challenge_link, needs_link

    print(f"Public challenge link (publish it): {challenge_link(made.id, base_url=args.base_url)}")
    print(f"Public needs register (publish it): {needs_link(made.id, base_url=args.base_url)}")
    return EXIT_OK


def _meeting_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        found = store.meetings()
        for m in found:
            print(f"{m.id}  {m.created_at:%Y-%m-%d %H:%M}Z  v{m.version:<5} "
                  f"{len(m.groups)} groups  {m.name}")
        if not found:
            print(f"no meetings yet in {store.where}")
    return EXIT_OK


def _meeting_reissue(args: argparse.Namespace) -> int:
    from workbench.store import meeting_link
    from workbench.store.links import ballot_link, pb_link

    group = None if args.who == "facilitator" else args.who
    with _store(args) as store:
        token = store.reissue(args.meeting, group)
        try:
            store.vote(args.meeting)
            vote = True
        except WorkbenchError:
            vote = False
    print(f"New link for {args.who} (the old one no longer works):")
    if vote:      # a participatory-budgeting vote: a voter's ballot page, or the result
        link = (pb_link if group is None else ballot_link)(args.meeting, token,
                                                           base_url=args.base_url)
    else:
        link = meeting_link(args.meeting, token, facilitator=group is None,
                            base_url=args.base_url)
    print("  " + link)
    return EXIT_OK


def _meeting_close(args: argparse.Namespace) -> int:
    with _store(args) as store:
        done = store.end_meeting(args.meeting)
    print(f"Meeting {args.meeting} closed at {done.at:%Y-%m-%d %H:%M} UTC: its links no "
          "longer work (its history and decisions are kept)")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from workbench.store.signing import signing_key

    with _store(args) as store:
        results = store.verify(args.meeting, signing_key(args.key_file))
    for result in results:
        if result.ok:
            print(f"decision {result.decision_id}: verified")
        else:
            print(f"decision {result.decision_id}: FAILED: {result.problem}", file=sys.stderr)
    if not results:
        print(f"meeting {args.meeting} has no adopted decision")
    return EXIT_OK if all(r.ok for r in results) else EXIT_ERROR


def _weight_pairs(pairs: Sequence[str]) -> dict[str, float]:
    from workbench.errors import InputError

    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise InputError(f"--weight {pair!r}: must be CRITERION=NUMBER, e.g. quality=3")
    return out


def _meeting_submit(args: argparse.Namespace) -> int:
    with _store(args) as store:
        done = store.submit_weights(args.meeting, args.token, _weight_pairs(args.weight),
                                    comment=args.comment, dissent=args.dissent)
    print(f"stored: {done.group}, revision {done.revision} (meeting version {done.version})")
    return EXIT_OK


def _meeting_adopt(args: argparse.Namespace) -> int:
    from workbench.errors import InputError
    from workbench.store.record import Adoption, build_record

    with _store(args) as store:
        store.access(args.meeting, args.token)     # refused before the long analysis
        reasons = {}
        for pair in args.reason:
            service, sep, text = pair.partition("=")
            if not sep or not service.strip():
                raise InputError(f"--reason {pair[:40]!r}: must be SERVICE=TEXT")
            reasons[service.strip()] = text
        record = build_record(store, args.meeting, levels=args.levels, adoption=Adoption(
            args.source, reasons=reasons, confirm_unanswered=args.confirm_unanswered))
        _no_stray_reasons(reasons, record, store.scenario(args.meeting))
        done = store.adopt(args.meeting, args.token, record, args.by)
    superseded = f"; supersedes decision {done.supersedes}" if done.supersedes else ""
    when = done.adopted_at.strftime("%Y-%m-%d %H:%M:%S")
    print(f"Decision {done.id} adopted by {done.adopted_by} at {when}Z "
          f"(record SHA-256 {done.record_sha256}{superseded})")
    return EXIT_OK


def _no_stray_reasons(reasons: dict[str, str], record: dict, scenario) -> None:
    """A --reason typed for a service that keeps the recommended option (or for no service
    at all) is a mistake to say, not to drop silently."""
    from workbench.errors import InputError

    names = {s.id: s.name for s in scenario.services}
    departing = [d["service"] for d in record["adopted"]["departures"]]
    stray = [s for s in reasons if s not in departing]
    unknown = [s for s in stray if s not in names]
    if unknown:
        raise InputError(f"--reason: no service {unknown[0][:60]!r} in this scenario")
    if stray:
        which = ", ".join(names[s] for s in departing) or "none"
        raise InputError(f"--reason: {', '.join(names[s] for s in stray)} keeps the "
                         f"recommended option, so it takes no reason (departing: {which}); "
                         "nothing was adopted")


def _audit(args: argparse.Namespace) -> int:
    from workbench.store.audit import audit_lines, write_audit_csv

    with _store(args) as store:
        history = store.audit(args.meeting)
        try:           # names for the lines; a tender or a vote has no scenario: its ids
            scenario = store.targets_in_force(args.meeting)
        except WorkbenchError:
            scenario = None
    if args.csv:
        write_audit_csv(history, args.csv)
        print(f"{args.csv}: {len(history)} events written", file=sys.stderr)
    else:
        for line in audit_lines(history, scenario):
            print(line)
    return EXIT_OK


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number (got {text!r})") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0 (got {text})")
        return value
    return parse


def parser() -> argparse.ArgumentParser:
    from workbench.optimiser.solver import DEFAULT_TIME_LIMIT, SOLVERS

    top = argparse.ArgumentParser(prog="workbench", description=(
        "Decision support for commissioning: check scenario files, recommend the best "
        "portfolio under the givens, and explain what cannot be done."))
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check scenario files; exit 2 on any problem")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=_validate)
    p = sub.add_parser("solve", help="the recommended portfolio of a scenario")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the JSON object of the spec")
    p.add_argument("--solver", choices=SOLVERS, default="cbc")
    p.add_argument("--time-limit", type=_positive(float), default=DEFAULT_TIME_LIMIT,
                   metavar="SECONDS", help=f"stop and report the best found (default "
                   f"{DEFAULT_TIME_LIMIT:g})")
    p.set_defaults(run=_solve)
    p = sub.add_parser("analyse", help="trade-offs: groups, fair portfolio, frontier, prices, "
                       "stability, and a plain summary")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--plots", metavar="DIR", help="write the pictures as PNG in DIR")
    p.add_argument("--levels", type=_positive(int), default=None,
                   help="frontier at this many budget levels instead of exact")
    p.set_defaults(run=_analyse)
    p = sub.add_parser("export", help="the finance workbook and CSV of the recommended "
                       "portfolio, and the decision record to publish")
    p.add_argument("file", metavar="FILE", nargs="?", default=None)
    p.add_argument("--meeting", metavar="MEETING", default=None,
                   help="export this meeting's adopted decision instead of solving a FILE")
    p.add_argument("--decision", type=_positive(int), default=None, metavar="N",
                   help="with --meeting: this adopted decision (default: the one in force)")
    p.add_argument("--store", metavar="URL", default=None,
                   help="with --meeting: the meeting store (default WORKBENCH_STORE_URL or "
                        "the one in WORKBENCH_DATA or ~/.local/share/workbench)")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="write the finance workbook here")
    p.add_argument("--csv", metavar="OUT.csv", help="write the allocation as CSV here")
    p.add_argument("--html", metavar="OUT.html", help="write the decision record (one HTML "
                   "page to publish) here; this runs the trade-off analysis too")
    p.add_argument("--solver", choices=SOLVERS, default="cbc")
    p.add_argument("--time-limit", type=_positive(float), default=DEFAULT_TIME_LIMIT,
                   metavar="SECONDS")
    p.add_argument("--levels", type=_positive(int), default=None,
                   help="with --html: frontier at this many budget levels instead of exact")
    p.set_defaults(run=_export)
    p = sub.add_parser("generate", help="write a synthetic valid scenario (benchmarks, tests)")
    p.add_argument("--services", type=_positive(int), required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--options", type=_positive(int), default=4)
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=_generate)
    p = sub.add_parser("tender", help="evaluate a tender file: points, ranking, winner, "
                       "sensitivity; optionally award the winner into a new scenario")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the JSON object of the spec")
    p.add_argument("--into", metavar="SCENARIO", help="the scenario whose service the "
                   "winning bid fills (with --out)")
    p.add_argument("--out", metavar="NEW.yaml", help="write the new scenario here")
    p.add_argument("--option", metavar="OPTION", default=None, help="with --into: the "
                   "outsource option the winner fills (default: the service's only one)")
    p.set_defaults(run=_tender)
    p = sub.add_parser("tender-start", help="(workbench tender start FILE) a tender "
                       "evaluation in the meeting store: prints each evaluator's link and "
                       "the moderator's; the file's scores and moderated marks are ignored")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--store", metavar="URL", default=None)
    p.add_argument("--base-url", default="http://localhost:8866",
                   help="the server the links point at (default http://localhost:8866)")
    p.set_defaults(run=_tender_start)
    p = sub.add_parser("tender-report", help="(workbench tender report MEETING --html FILE "
                       "--docx FILE) the evaluation report of a stored tender")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--html", metavar="OUT.html", default=None)
    p.add_argument("--docx", metavar="OUT.docx", default=None)
    p.add_argument("--store", metavar="URL", default=None)
    p.set_defaults(run=_tender_report)
    p = sub.add_parser("pb", help="a participatory-budgeting election (pabulib .pb file): the "
                       "projects a rule funds")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--rule", choices=("utilitarian", "greedy", "mes"), required=True)
    p.add_argument("--json", action="store_true",
                   help='print {"selected": [project ids], "cost": n}')
    p.set_defaults(run=_pb)
    p = sub.add_parser("pb-start", help="(workbench pb start FILE --voters N) a vote on a .pb "
                       "file's projects and budget through the workbench's ballot pages")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--voters", type=int, required=True, help="how many voter links to make")
    p.add_argument("--store", metavar="URL", default=None)
    p.add_argument("--base-url", default="http://localhost:8866",
                   help="the server the links point at (default http://localhost:8866)")
    p.set_defaults(run=_pb_start)
    p = sub.add_parser("pb-from-needs", help="(workbench pb from-needs MEETING --budget B "
                       "--voters N --costs FILE) a vote on a meeting's accepted needs")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--budget", required=True)
    p.add_argument("--voters", type=int, required=True, help="how many voter links to make")
    p.add_argument("--costs", metavar="FILE", default=None,
                   help="a CSV file with the columns need and cost (need: its number)")
    p.add_argument("--store", metavar="URL", default=None)
    p.add_argument("--base-url", default="http://localhost:8866",
                   help="the server the links point at (default http://localhost:8866)")
    p.set_defaults(run=_pb_from_needs)
    p = sub.add_parser("pb-export", help="(workbench pb export MEETING --out FILE.pb) a "
                       "stored vote with its ballots, voters numbered 1..n")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--out", metavar="FILE.pb", required=True)
    p.add_argument("--store", metavar="URL", default=None)
    p.set_defaults(run=_pb_export)
    p = sub.add_parser("serve", help="serve the workbench in a browser (Voila)")
    p.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--app", choices=("meeting", "finance", "meetings"), default="meeting",
                   help="the meeting page (default), the finance page (export and record), "
                        "or the panels' and facilitator's pages of stored meetings")
    p.add_argument("--store", metavar="URL", default=None,
                   help="the meeting store the pages read (default WORKBENCH_STORE_URL, else "
                        "workbench.sqlite in WORKBENCH_DATA or ~/.local/share/workbench)")
    p.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                   help="the address to serve on (default 127.0.0.1; another address needs "
                        "--certfile/--keyfile or --insecure)")
    p.add_argument("--certfile", default=None, help="TLS certificate (PEM) for https")
    p.add_argument("--keyfile", default=None, help="its private key (PEM)")
    p.add_argument("--insecure", action="store_true",
                   help="allow a non-loopback address without TLS (tokens travel in clear)")
    p.add_argument("--behind-proxy", action="store_true",
                   help="a reverse proxy on this machine terminates TLS: trust its "
                        "X-Forwarded-For and X-Forwarded-Proto headers")
    p.add_argument("--max-kernels", type=_positive(int), default=None, metavar="N",
                   help="pages open at once on this server (default: half the memory at "
                        "200 MB a page, 4 to 48)")
    p.add_argument("--max-per-visitor", type=_positive(int), default=3, metavar="N",
                   help="pages one link may have open at once (default 3)")
    p.add_argument("--idle-minutes", type=_positive(float), default=30, metavar="M",
                   help="end a page's kernel after this long with no activity, even if the "
                        "page is still open (default 30)")
    p.set_defaults(run=_serve)
    p = sub.add_parser("review", help="monitoring: rate results against the targets, and say "
                       "which services are due for review and why")
    p.add_argument("scenario", metavar="SCENARIO", nargs="?")
    p.add_argument("--results", metavar="R.csv",
                   help="results as CSV or XLSX: service, measure, period, value")
    p.add_argument("--challenges", default=None, metavar="C.csv", help="challenges as CSV "
                   "or XLSX: service, challenger, group, lodged, grounds, text")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM",
                   help="review as of this month (default: the latest month of any result)")
    p.add_argument("--json", action="store_true", help="print the JSON object of the spec")
    p.add_argument("--store", metavar="URL", default=None, help="with --meeting: the meeting "
                   "store (default: $WORKBENCH_STORE_URL)")
    add_review_meeting(p)
    p.set_defaults(run=_review)
    _meeting_parsers(sub)
    return top


def _meeting_parsers(sub) -> None:
    from workbench.cycle_commands import add_parsers
    from workbench.store.links import DEFAULT_BASE_URL

    store = argparse.ArgumentParser(add_help=False)
    store.add_argument("--store", metavar="URL", default=None, help=(
        "sqlite:///PATH, a file path, or postgresql://USER@HOST:PORT/DB (default: "
        "$WORKBENCH_STORE_URL, else workbench.sqlite in $WORKBENCH_DATA or "
        "~/.local/share/workbench)"))
    base = argparse.ArgumentParser(add_help=False)
    base.add_argument("--base-url", default=DEFAULT_BASE_URL, metavar="URL",
                      help=f"where the pages are served (default {DEFAULT_BASE_URL})")
    meeting = sub.add_parser("meeting", help="a shared meeting: one link per panel")
    msub = meeting.add_subparsers(dest="meeting_command", required=True)
    p = msub.add_parser("create", parents=[store, base], help="create a meeting from a "
                        "scenario and print its links")
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--name", default=None, help="default: the scenario's name")
    p.add_argument("--expires", type=_expiry, default=None, metavar="WHEN",
                   help="the links stop working then: hours from now (6), a date "
                        "(2026-12-31: through that day, UTC) or a time (2026-12-31T18:00)")
    p.set_defaults(run=_meeting_create)
    p = msub.add_parser("close", parents=[store], help="close a meeting: its links stop "
                        "working (history and decisions are kept)")
    p.add_argument("meeting", metavar="MEETING")
    p.set_defaults(run=_meeting_close)
    p = msub.add_parser("list", parents=[store], help="the meetings in the store")
    p.set_defaults(run=_meeting_list)
    p = msub.add_parser("reissue", parents=[store, base], help="a new link for a group (or "
                        "'facilitator'); the old one stops working")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("who", metavar="GROUP")
    p.set_defaults(run=_meeting_reissue)
    p = msub.add_parser("submit", parents=[store], help="submit a panel's weights with its "
                        "token")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--token", required=True)
    p.add_argument("--weight", action="append", required=True, metavar="CRITERION=NUMBER")
    p.add_argument("--comment", default=None)
    p.add_argument("--dissent", default=None)
    p.set_defaults(run=_meeting_submit)
    p = msub.add_parser("adopt", parents=[store], help="adopt the decision as it stands "
                        "(facilitator's token)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--token", required=True)
    p.add_argument("--by", required=True, metavar="NAME", help="who adopts it")
    p.add_argument("--levels", type=_positive(int), default=None)
    p.add_argument("--source", default="recommended",
                   choices=["recommended", "proposal", "fair"],
                   help="adopt another portfolio than the recommendation (each service that "
                        "departs needs a --reason)")
    p.add_argument("--reason", action="append", default=[], metavar="SERVICE=TEXT",
                   help="why a service departs from the recommendation (repeat)")
    p.add_argument("--confirm-unanswered", action="store_true",
                   help="adopt although some dissent notes have no answer (the record marks "
                        "them 'not answered')")
    p.set_defaults(run=_meeting_adopt)
    add_parsers(sub, msub, store)
    from workbench.option_commands import add_parsers as add_option_parsers

    add_option_parsers(sub, store)
    p = sub.add_parser("audit", parents=[store], help="a meeting's whole history, in order")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--csv", metavar="OUT.csv", type=Path, help="write it as CSV instead")
    p.set_defaults(run=_audit)
    p = sub.add_parser("verify", parents=[store], help="check every adopted record of a "
                       "meeting against its signature (exit 1 naming any that fail)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--key-file", default=None, metavar="FILE",
                   help="the signing key (default WORKBENCH_SIGNING_KEY_FILE or "
                        "WORKBENCH_SIGNING_KEY)")
    p.set_defaults(run=_verify)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["tender"] and argv[1:2] in (["start"], ["report"]):
        argv = [f"tender-{argv[1]}", *argv[2:]]     # `workbench tender start FILE`
    if argv[:1] == ["pb"] and argv[1:2] in (["start"], ["from-needs"], ["export"]):
        argv = [f"pb-{argv[1]}", *argv[2:]]         # `workbench pb start FILE --voters N`
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except WorkbenchError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line, keep the trace for developers
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        print(f"workbench: internal error ({type(exc).__name__}: {exc}); "
              "set WORKBENCH_DEBUG=1 to see where", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["Path", "main", "parser"]
