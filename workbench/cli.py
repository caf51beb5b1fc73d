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
    from workbench.export import NothingToExport, decision_from_file, write_exports

    if not (args.xlsx or args.csv or args.html):
        print("workbench export: say what to write: --xlsx OUT.xlsx, --csv OUT.csv and/or "
              "--html OUT.html", file=sys.stderr)
        return EXIT_INVALID
    try:
        decision = decision_from_file(args.file, solver=args.solver, time_limit=args.time_limit,
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


def _serve(args: argparse.Namespace) -> int:
    from workbench.serve import serve

    return serve(args.scenario, port=args.port, app=args.app, store=args.store)


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
    p.add_argument("file", metavar="FILE")
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
    p = sub.add_parser("serve", help="serve the workbench in a browser (Voila)")
    p.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--app", choices=("meeting", "finance", "meetings"), default="meeting",
                   help="the meeting page (default), the finance page (export and record), "
                        "or the panels' and facilitator's pages of stored meetings")
    p.add_argument("--store", metavar="URL", default=None,
                   help="with --app meetings: the meeting store (default WORKBENCH_STORE_URL "
                        "or ./data/workbench.sqlite)")
    p.set_defaults(run=_serve)
    return top


def main(argv: Sequence[str] | None = None) -> int:
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
