"""`make bench`: build, first solve and re-solve after a weight change, CBC and HiGHS, beside
the same model solved directly in highspy with a warm start (the floor). `--part limit
--sizes 10000` times the whole answer (with every group's range) under the default limit.
`--part load` times `workbench validate`'s work (read, parse, check) on generated files of
1,000 and 10,000 services, as YAML and as JSON (target: 10,000 as JSON within 1.5 s).
`--part review` times `workbench review --json`'s work after the scenario is loaded (read a
results CSV, rate, performance, reviews due, JSON) on the 10,000-service generated scenario
with two targets a service and a year of monthly results for each (target: within 5 s).
`--part tender` times a tender evaluation with full sensitivity of 20 bids x 12 criteria x 8
evaluators (target: within 1 s). `--part pb` times MES with Add1 on a 6,500-voter synthetic
election and the largest real one in tests/datasets/pabulib; `--pb-file PATH` also times
reading any .pb file and each of the three rules on it (a city-wide election too large to
keep in the repository).

A "weight change" is what a slider move does in a meeting: one stakeholder group moves one
criterion by 2 points on its 1-10 scale and the agreed weights are recomputed. Generated
scenarios (4 options a service) use every kind of given. Figures are medians of RUNS runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np

from workbench.arrays import ScenarioArrays
from workbench.generate import generate
from workbench.optimiser.highs import highs_model
from workbench.optimiser.live import LiveOptimiser
from workbench.optimiser.model import build_model
from workbench.optimiser.recommend import recommend
from workbench.optimiser.solver import quiet_stdout
from workbench.paths import EXAMPLE_SCENARIO
from workbench.weights import agree


def weight_moves(scenario, count: int, seed: int = 0) -> list[dict[str, float]]:
    rng = np.random.default_rng(seed)
    groups = {g.id: dict(g.weights) for g in scenario.stakeholders}
    influence = {g.id: g.influence for g in scenario.stakeholders}
    criteria = scenario.criterion_ids
    out = [agree(groups, influence, criteria)]
    for _ in range(count):
        group = list(groups)[rng.integers(len(groups))]
        crit = criteria[rng.integers(len(criteria))]
        groups[group][crit] = float(np.clip(groups[group][crit] + rng.choice([-2, 2]), 1, 10))
        out.append(agree(groups, influence, criteria))
    return out


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def floor(scenario, moves) -> list[float]:
    """The same exact solve straight in highspy: new costs, previous solution, run."""
    import highspy

    arrays = ScenarioArrays(scenario)
    model = highs_model(build_model(arrays))
    n = arrays.n_options
    idx = np.arange(n, dtype=np.int32)
    model.changeObjectiveSense(highspy.ObjSense.kMaximize)
    model.changeColsCost(n, idx, arrays.value_coefficients(moves[0]))
    model.run()
    previous = np.array(model.getSolution().col_value)
    times = []
    for w in moves[1:]:
        model.changeColsCost(n, idx, arrays.value_coefficients(w))
        model.setSolution(n, idx, previous)
        started = time.perf_counter()
        model.run()
        times.append(time.perf_counter() - started)
        assert model.getModelStatus() == highspy.HighsModelStatus.kOptimal
        previous = np.array(model.getSolution().col_value)
    return times


def bench(services: int, runs: int, solvers: list[str]) -> dict:
    scenario = generate(services, seed=1)
    moves = weight_moves(scenario, runs)
    row: dict = {"services": services}
    row["build"] = statistics.median(
        timed(lambda: build_model(ScenarioArrays(scenario)))[0] for _ in range(runs))
    for solver in solvers:
        firsts = [timed(lambda s=solver: recommend(scenario, moves[0], solver=s,
                                                   with_groups=False))[0]
                  for _ in range(runs)]
        row[f"first_{solver}"] = statistics.median(firsts)
        live = LiveOptimiser(scenario, solver=solver)
        live.solve(moves[0], with_groups=False)
        times, stopped = [], 0
        for w in moves[1:]:
            t, result = timed(lambda w=w, live=live: live.solve(w, with_groups=False))
            stopped += result.status != "optimal"
            times.append(t)
        row[f"resolve_{solver}"] = statistics.median(times)
        row[f"stopped_{solver}"] = stopped   # re-solves that hit the time limit
    row["floor"] = statistics.median(floor(scenario, moves))
    return row


def analysis_bench(runs: int) -> None:
    """The trade-off analysis: whole analysis of the example, exact frontier at 100 services,
    frontier at 25 budget levels at 500 services."""

    from workbench.analysis import analyse, frontier
    from workbench.scenario import load_scenario
    from workbench.weights import agreed_weights

    example = load_scenario(EXAMPLE_SCENARIO)
    whole = statistics.median(timed(lambda: analyse(example))[0] for _ in range(runs))
    print(f"| whole analysis, riverside example (17 services) | {whole:.2f} s | target < 2 s |")
    for services, levels, target in ((100, None, 15), (500, 25, 10)):
        scenario = generate(services, seed=1)
        arrays = ScenarioArrays(scenario)
        w = agreed_weights(scenario)
        times, points = [], 0
        for _ in range(runs if levels else 1):
            t, found = timed(lambda a=arrays, w=w, lv=levels: frontier(a, w, levels=lv))
            times.append(t)
            points = len(found)
        kind = f"at {levels} budget levels" if levels else "exact"
        print(f"| frontier {kind}, {services} services ({points} points) | "
              f"{statistics.median(times):.2f} s | target < {target} s |", flush=True)


def limit_bench(services: int, solvers: list[str]) -> None:
    """The whole answer (recommendation and every group's best and worst) under the default
    time limit, from a scenario in memory: does it come back within the limit?"""
    from workbench.optimiser.solver import DEFAULT_TIME_LIMIT

    scenario = generate(services, seed=2)
    for solver in solvers:
        with quiet_stdout():
            t, result = timed(lambda s=solver: recommend(scenario, solver=s))
        proven = sum(r.exact for r in result.groups.values())
        print(f"| {services} | {solver} | {t:.1f} s | limit {DEFAULT_TIME_LIMIT:.0f} s | "
              f"{result.status}, gap {result.gap:.1e} | {proven} of {len(result.groups)} |",
              flush=True)


def load_bench(runs: int, sizes: tuple[int, ...] = (1000, 10_000)) -> None:
    """Loading a large file as ``workbench validate`` does (read, parse, check), wall clock
    and CPU time (the machine is shared: CPU shows the work, wall what a person waits)."""
    import tempfile
    from pathlib import Path

    from workbench.scenario import load_scenario, save_scenario

    print("| load | size | wall | cpu | |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for services in sizes:
            scenario = generate(services, seed=1)
            for suffix in ("yaml", "json"):
                path = Path(folder) / f"big{services}.{suffix}"
                save_scenario(scenario, path)
                walls, cpus = [], []
                for _ in range(runs):
                    cpu = time.process_time()
                    walls.append(timed(lambda p=path: load_scenario(p))[0])
                    cpus.append(time.process_time() - cpu)
                target = "target < 1.5 s" if (services, suffix) == (10_000, "json") else ""
                print(f"| {services} services, {suffix} | {path.stat().st_size / 1e6:.1f} MB | "
                      f"{statistics.median(walls):.2f} s | {statistics.median(cpus):.2f} s | "
                      f"{target} |", flush=True)


def review_bench(runs: int, services: int = 10_000) -> None:
    """``workbench review --json`` on a generated scenario: two monthly targets a service,
    12 months of modelled results each (tests/monitoring/results_model.py), read from CSV."""
    import sys
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # the tests' model
    from tests.monitoring.results_model import monthly_results, results_csv
    from workbench.monitoring import read_results, review
    from workbench.scenario.files import scenario_to_data
    from workbench.scenario.model import Scenario

    data = scenario_to_data(generate(services, seed=1))
    data["targets"] = [
        {"id": f"{s['id']}-{k}", "service": s["id"], "measure": measure, "unit": unit,
         "direction": direction, "target": goal, "approaching": near, "inadequate": low,
         "period": "month", "agreed_by": ["service_users"], "kpi": k == 0}
        for s in data["services"]
        for k, (measure, unit, direction, goal, near, low) in enumerate((
            ("On time", "%", "higher", 95, 90, 80), ("Complaints", "per 1,000", "lower",
                                                     2, 4, 8)))]
    scenario = Scenario.model_validate(data)
    rows = monthly_results(scenario, months=12, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "results.csv"
        path.write_text(results_csv(rows))

        def once() -> str:
            results = read_results(scenario, path)
            return review(scenario, results).json_text()

        walls, cpus = [], []
        for _ in range(runs):
            cpu = time.process_time()
            walls.append(timed(once)[0])
            cpus.append(time.process_time() - cpu)
        size = path.stat().st_size / 1e6
    print("| review | results | wall | cpu | |\n|---|---|---|---|---|")
    print(f"| {services:,} services, {len(scenario.targets or ()):,} targets | {len(rows):,} "
          f"rows, {size:.1f} MB | {statistics.median(walls):.2f} s | "
          f"{statistics.median(cpus):.2f} s | target < 5 s |", flush=True)


def tender_text_of(bids: int, criteria: int, evaluators: int, seed: int = 1) -> str:
    """A seeded tender file (commissioning-tender/1): relative pricing (so rank reversal is
    worked out), a social value criterion, every mark on the scale and three groups' own
    weights (so every part of the sensitivity runs)."""
    import json
    import random

    rng = random.Random(seed)
    quality = [{"id": f"c{k}", "name": f"Criterion {k}", "weight": 5,
                **({"social_value": True} if k == 0 else {})} for k in range(criteria)]
    people = [{"id": f"e{k}", "name": f"Evaluator {k}", "group": f"g{k % 3}"}
              for k in range(evaluators)]
    offers = [{"id": f"b{k:02d}", "bidder": f"Provider {k}",
               "price": rng.randrange(3_000_000, 4_500_000)} for k in range(bids)]
    scale = [0, 25, 50, 75, 100]
    return json.dumps({
        "format": "commissioning-tender/1", "name": "Benchmark tender",
        "price": {"weight": 40, "method": "relative"}, "quality": quality, "scale": scale,
        "evaluators": people, "bids": offers,
        "scores": [{"evaluator": e["id"], "bid": b["id"], "criterion": c["id"],
                    "mark": rng.choice(scale)} for e in people for b in offers
                   for c in quality],
        "group_weights": {f"g{g}": {c["id"]: rng.randint(1, 10) for c in quality}
                          for g in range(3)}})


def tender_bench(runs: int) -> None:
    """Tender evaluation with full sensitivity (spec section 5: marks, price points, totals,
    ranking, the winner at nine price weights and under each group's weights, rank
    reversal) of 20 bids x 12 criteria x 8 evaluators; target: at most 1 s. Reading and
    checking the file is timed on its own."""
    from workbench.tender import evaluate, parse_tender

    text = tender_text_of(20, 12, 8)
    tender = parse_tender(text, "benchmark.json")
    read_wall, read_cpu = _medians(lambda: parse_tender(text, "benchmark.json"), runs)
    wall, cpu = _medians(lambda: evaluate(tender), runs)
    result = evaluate(tender)
    print("| tender | bids | criteria | evaluators | marks | wall | cpu | |\n"
          "|---|---|---|---|---|---|---|---|")
    print(f"| read and check the file | 20 | 12 | 8 | {len(tender.marks):,} | "
          f"{read_wall:.3f} s | {read_cpu:.3f} s | |")
    print(f"| evaluate with full sensitivity | 20 | 12 | 8 | {len(tender.marks):,} | "
          f"{wall:.3f} s | {cpu:.3f} s | target at most 1 s |")
    print(f"(winner {result.winner}; {len(result.by_price_weight)} price weights, "
          f"{len(result.by_group)} groups, {len(result.rank_reversal)} rank reversals)",
          flush=True)


def pb_bench(runs: int = 3, extra: str | None = None) -> None:
    """MES completed by Add1 (spec section 6) on a seeded synthetic election of 6,500 voters
    and 64 projects and on the largest real election in tests/datasets/pabulib (Wieliczka
    2023, 6,586 voters, 64 projects; target: the synthetic one within 2 s); with ``extra``,
    reading that file and each rule on it."""
    from pathlib import Path

    from workbench.errors import WorkbenchError
    from workbench.pb import RULES, mes, read_election
    from workbench.pb.generate import synthetic_election

    if extra is not None:                  # a file that cannot be read stops before any timing
        try:
            read_election(extra)
        except WorkbenchError as exc:
            raise SystemExit(f"--pb-file: {exc}") from None
    folder = Path(__file__).resolve().parents[1] / "tests" / "datasets" / "pabulib"
    real = max((read_election(p) for p in sorted(folder.glob("*.pb"))),
               key=lambda e: e.voters * len(e.projects))
    cases = [("synthetic, seed 2", synthetic_election(6500, 64, seed=2), "target < 2 s"),
             (real.meta_value("description"), real, "")]
    print("| mes + Add1 | voters | projects | wall | cpu | |\n|---|---|---|---|---|---|")
    for name, election, target in cases:
        wall, cpu = _medians(lambda e=election: mes(e), runs)
        print(f"| {name} | {election.voters:,} | {len(election.projects)} | "
              f"{wall:.2f} s | {cpu:.2f} s | {target} |", flush=True)
    if extra is None:
        return
    path = Path(extra)
    read_wall, read_cpu = _medians(lambda: read_election(path), runs)
    election = read_election(path)
    ballots = sum(len(a) for a in election.approvals)
    print(f"\n{path.name}: {path.stat().st_size / 1e6:.1f} MB, {election.voters:,} voters, "
          f"{len(election.projects)} projects, {ballots:,} projects named on ballots")
    print("| step | wall | cpu |\n|---|---|---|")
    print(f"| read and check the file | {read_wall:.2f} s | {read_cpu:.2f} s |", flush=True)
    for name, rule in RULES.items():
        wall, cpu = _medians(lambda rule=rule: rule(election), runs)
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s |", flush=True)


def _medians(fn, runs: int) -> tuple[float, float]:
    """The median wall and CPU seconds of ``runs`` calls of ``fn``."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu = time.process_time()
        walls.append(timed(fn)[0])
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=["all", "solve", "analysis", "limit", "load",
                                           "review", "pb", "tender"],
                        default="all")
    parser.add_argument("--sizes", default="20,100,500,2000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--solvers", default="cbc,highs")
    parser.add_argument("--pb-file", metavar="PATH",
                        help="with --part pb: also time reading this .pb file and each rule")
    args = parser.parse_args()
    if args.pb_file and args.part != "pb":
        parser.error("--pb-file is used with --part pb")
    with open("/proc/cpuinfo") as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info
                    if line.startswith("model name")), platform.processor())
    print(f"Machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}")
    print(f"Medians of {args.runs} runs, seconds. Re-solve = one slider move (see docstring);"
          " * = some re-solves stopped at the time limit.")
    if args.part == "pb":
        print()
        pb_bench(min(args.runs, 3), args.pb_file)
        return
    if args.part in ("all", "tender"):
        print()
        tender_bench(args.runs)
        if args.part == "tender":
            return
    if args.part == "limit":
        print("\n| services | solver | whole answer | | status | groups proven |\n"
              "|---|---|---|---|---|---|")
        for size in map(int, args.sizes.split(",")):
            limit_bench(size, args.solvers.split(","))
        return
    if args.part == "review":
        print()
        review_bench(args.runs)
        return
    if args.part in ("all", "load"):
        print()
        load_bench(args.runs)
        if args.part == "load":
            return
    if args.part in ("all", "analysis"):
        print("\n| analysis | median | |\n|---|---|---|")
        analysis_bench(args.runs)
        if args.part == "analysis":
            return
        print()
    solvers = args.solvers.split(",")
    head = ["services", "build"] + [f"first_{s}" for s in solvers] + \
        [f"resolve_{s}" for s in solvers] + ["floor", "highs/floor"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for size in map(int, args.sizes.split(",")):
        with quiet_stdout():
            row = bench(size, args.runs, solvers)
        ratio = row["resolve_highs"] / row["floor"] if "resolve_highs" in row else float("nan")
        cells = [str(size)] + [
            f"{row[h]:.3f}" + ("*" if h.startswith("resolve") and
                               row.get(h.replace("resolve", "stopped")) else "")
            for h in head[1:-1]] + [f"{ratio:.2f}"]
        print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
