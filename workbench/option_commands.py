"""Proposed options on the command line (commissioning-cycle.md, section 6):
``workbench options list MEETING`` and ``workbench options accept MEETING N --out FILE``.

Accepting writes the new scenario version to a file of the officers' choosing (the
meeting keeps its own scenario in the store, unchanged: a proposed option never enters the
meeting's optimisation) and prints the diff against the version before. An option already
accepted on the review page needs only ``--out`` to write its version again.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.errors import InputError

EXIT_OK = 0


def _store(args: argparse.Namespace):
    from workbench.store import open_store

    return open_store(args.store)


def _key(n: str) -> str:
    n = str(n)
    return n if n.startswith("option:") else f"option:{n}"


def list_options(args: argparse.Namespace) -> int:
    """Every proposed option with its answer, one a line."""
    from workbench.monitoring.answers import STATE_WORDS
    from workbench.store.options import option_words

    with _store(args) as store:
        found = store.options(args.meeting)
    if not found:
        print(f"meeting {args.meeting}: no options proposed yet")
    for o in found:
        print(f"{o.key:<12} {o.service}, {option_words(o)} (by {o.proposed_by}): "
              f"{STATE_WORDS[o.state]}"
              + (f": {o.answers[-1].text[:70]}" if o.answers else ""))
    return EXIT_OK


def _scores(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise InputError(f"--score {item!r}: write it CRITERION=NUMBER, such as "
                             "quality=70") from None
        if not sep:
            raise InputError(f"--score {item!r}: write it CRITERION=NUMBER")
    return out


def accept(args: argparse.Namespace) -> int:
    """Accept the proposal (with its costing) unless it is already, then write its version."""
    from workbench.scenario.versions import version_diff, write_version

    key = _key(args.n)
    with _store(args) as store:
        found = {o.key: o for o in store.options(args.meeting)}
        if key not in found:
            raise InputError(f"meeting {args.meeting} has no proposed option {args.n}")
        if found[key].accepted is None:
            if args.token is None or args.cost is None or args.by is None:
                raise InputError("option not accepted yet: give --cost, --score for each "
                                 "criterion, --by and the facilitator's --token")
            store.accept_option(args.meeting, args.token, key, args.cost, args.one_off,
                                _scores(args.score), args.by)
            found = {o.key: o for o in store.options(args.meeting)}
        scenario = store.scenario(args.meeting)
    options = list(found.values())
    costing = found[key].accepted
    assert costing is not None
    write_version(scenario, options, costing.scenario_version, args.out)
    print(f"wrote scenario version {costing.scenario_version} (with option "
          f"{costing.option_id} in {found[key].service}) to {args.out}")
    print(version_diff(scenario, options, costing.scenario_version), end="")
    return EXIT_OK


def add_parsers(sub, store: argparse.ArgumentParser) -> None:
    """``workbench options list|accept``; ``store`` is the shared --store option."""
    options = sub.add_parser("options", help="options proposed by the panels: list them, or "
                             "accept one into a new scenario version")
    osub = options.add_subparsers(dest="options_command", required=True)
    p = osub.add_parser("list", parents=[store], help="every proposed option and its answer")
    p.add_argument("meeting", metavar="MEETING")
    p.set_defaults(run=list_options)
    p = osub.add_parser("accept", parents=[store], help="accept proposal N into the next "
                        "scenario version and write it to --out (the diff is printed)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("n", metavar="N", help="the proposal's number (option:N)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.yaml")
    p.add_argument("--cost", type=float, nargs="+", default=None,
                   help="the officers' cost: one number a year, or one per year")
    p.add_argument("--one-off", type=float, default=0.0, dest="one_off")
    p.add_argument("--score", action="append", default=[], metavar="CRITERION=NUMBER")
    p.add_argument("--by", default=None, metavar="NAME", help="who costed and accepts it")
    p.add_argument("--token", default=None, help="the facilitator's token")
    p.set_defaults(run=accept)
