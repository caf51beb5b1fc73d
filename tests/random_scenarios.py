"""Small held-out scenarios of every kind of given, made from a seed (for Hypothesis).

Written apart from ``workbench.generate`` so that tests are not checked on the product's own
idea of a scenario: budgets may be infeasible, scores tie, and givens combine at random.
"""

from __future__ import annotations

import random

MODES = ["in_house", "shared_service", "partnership", "outsource", "grant", "decommission"]


def small_scenario(seed: int, services: int | None = None, infeasible_ok: bool = True) -> dict:
    rng = random.Random(seed)
    n_years = rng.randint(1, 3)
    criteria = [f"c{i}" for i in range(rng.randint(1, 3))]
    areas = ["North", "South", "East"]
    data = {
        "format": "commissioning-scenario/1",
        "name": f"held-out {seed}",
        "years": [f"Y{y}" for y in range(n_years)],
        "criteria": [{"id": c, "name": c.upper()} for c in criteria],
        "stakeholders": [
            {"id": f"g{i}", "name": f"Group {i}", "influence": rng.choice([0.5, 1, 2]),
             "weights": {c: rng.choice([0, 1, 2, 5, 10]) for c in criteria}}
            for i in range(rng.randint(1, 3))],
        "services": [],
    }
    for g in data["stakeholders"]:
        if not any(g["weights"].values()):
            g["weights"][criteria[0]] = 1
    for s in range(services or rng.randint(2, 5)):
        options = []
        for o in range(rng.randint(1, 3)):
            mode = rng.choice(MODES)
            cost = rng.randint(0, 20) * 1000 if mode != "decommission" else 0
            option = {"id": f"o{o}", "name": f"Option {o}", "mode": mode,
                      "cost": cost if rng.random() < 0.6 else
                      [cost + rng.randint(0, 3) * 1000 for _ in range(n_years)],
                      "scores": {c: rng.choice([0, 20, 40, 50, 60, 80, 100]) for c in criteria}}
            if rng.random() < 0.3:
                option["one_off"] = rng.randint(0, 5) * 1000
            options.append(option)
        service = {"id": f"s{s}", "name": f"Service {s}", "options": options,
                   "weight": rng.choice([1, 1, 2, 3])}
        if rng.random() < 0.8:
            service["area"] = rng.choice(areas)
        if rng.random() < 0.7:
            service["current"] = rng.choice(options)["id"]
        data["services"].append(service)
    data["givens"] = _givens(rng, data, criteria, areas, n_years)
    return data


def _givens(rng, data, criteria, areas, n_years):
    services = data["services"]
    used = {s.get("area") for s in services} - {None}
    givens = []
    kinds = ["budget", "require_option", "forbid_modes", "min_score", "spend_share",
             "max_changes", "requires", "budget"]
    for i, kind in enumerate(rng.sample(kinds, rng.randint(0, len(kinds)))):
        g = {"id": f"{kind}_{i}", "kind": kind, "category": rng.choice(
            ["legal", "political", "financial", "contractual", "operational"]),
            "reason": f"Reason for {kind}"}
        s = rng.choice(services)
        o = rng.choice(s["options"])
        if kind == "budget":
            top = sum(max(max(op["cost"]) if isinstance(op["cost"], list) else op["cost"]
                          for op in sv["options"]) for sv in services)
            g["limit"] = round(top * rng.uniform(0.3, 1.0), -2) + 5000
            if used and rng.random() < 0.4:
                g["areas"] = rng.sample(sorted(used), 1)
        elif kind == "require_option":
            g.update(service=s["id"], option=o["id"])
        elif kind == "forbid_modes":
            g.update(services=rng.choice(["all", [s["id"]]]), modes=rng.sample(MODES, 2))
        elif kind == "min_score":
            g.update(criterion=rng.choice(criteria), value=rng.choice([10, 30, 50]),
                     services=rng.choice(["all", [s["id"]]]))
        elif kind == "spend_share":
            g["modes"] = rng.sample(MODES[:5], 2)
            choice = rng.random()
            if choice < 0.4:
                g["min"] = rng.choice([0.1, 0.3])
            elif choice < 0.8:
                g["max"] = rng.choice([0.5, 0.8])
            else:
                g["min"], g["max"] = 0.2, 0.9
            if used and rng.random() < 0.3:
                g["areas"] = sorted(used)[:1]
        elif kind == "max_changes":
            g["limit"] = rng.randint(0, 2)
        elif kind == "requires":
            t = rng.choice(services)
            g["if"] = {"service": s["id"], "option": o["id"]}
            g["then"] = {"service": t["id"], "option": rng.choice(t["options"])["id"]}
        givens.append(g)
    return givens
