"""Synthetic scenarios of any size for benchmarks and tests.

Every kind of given is used, and each is set so that a reference portfolio (today's options)
meets them all: a generated scenario is always feasible, while the budget still binds.
"""

from __future__ import annotations

import numpy as np

from workbench.scenario.model import MODES, Scenario

AREAS = ("Adult social care", "Children's services", "Housing", "Environment",
         "Culture and leisure", "Communities")
CRITERIA = (("outcomes", "Outcomes"), ("access", "Access and inclusion"),
            ("social_value", "Social value and local jobs"), ("staff_terms", "Staff terms"),
            ("resilience", "Resilience"), ("carbon", "Carbon"))
GROUPS = (("service_users", "Service users and carers"), ("tenants", "Tenants"),
          ("staff", "Staff and trade unions"), ("business", "Local businesses"),
          ("voluntary", "Voluntary and community sector"), ("members", "Elected members"))
YEARS = ("2027/28", "2028/29", "2029/30")


def generate(services: int, seed: int = 0, options: int = 4) -> Scenario:
    """A valid, feasible scenario with ``services`` services of ``options`` options each."""
    if services < 2 or options < 2:
        raise ValueError("a generated scenario needs at least 2 services of 2 options")
    rng = np.random.default_rng(seed)
    n_crit = len(CRITERIA)
    svc_list, reference = [], []
    for s in range(services):
        area = AREAS[s % len(AREAS)]
        base = float(rng.integers(50, 2000)) * 1000
        opts = []
        for o in range(options):
            mode = "decommission" if o == options - 1 and s % 5 == 0 else \
                MODES[int(rng.integers(0, 5))]
            if mode == "decommission":
                cost, scores = [0.0] * len(YEARS), [int(rng.integers(0, 25))] * n_crit
                one_off = 0.0
            else:
                factor = float(rng.uniform(0.6, 1.4))
                growth = float(rng.uniform(0.0, 0.05))
                cost = [round(base * factor * (1 + growth) ** y, -3) for y in range(len(YEARS))]
                centre = 35 + 40 * (factor - 0.6) / 0.8
                scores = [int(np.clip(rng.normal(centre, 15), 0, 100)) for _ in range(n_crit)]
                one_off = float(round(rng.uniform(0, 0.1) * base, -3)) if o else 0.0
            opts.append({"id": f"o{o}", "name": f"Option {o}", "mode": mode, "cost": cost,
                         "one_off": one_off, "scores": dict(zip([c for c, _ in CRITERIA],
                                                                 scores))})
        current = int(rng.integers(0, options - 1)) if s % 5 == 0 else int(rng.integers(0, options))
        reference.append(current)
        svc_list.append({"id": f"s{s:05d}", "name": f"Service {s}", "area": area,
                         "code": f"CC-{s:05d}", "weight": float(rng.integers(1, 4)),
                         "current": f"o{current}", "options": opts})
    data = {
        "format": "commissioning-scenario/1",
        "name": f"Generated scenario ({services} services, seed {seed})",
        "organisation": "Synthetic District Council",
        "years": list(YEARS),
        "criteria": [{"id": c, "name": n} for c, n in CRITERIA],
        "stakeholders": [
            {"id": g, "name": n, "influence": 1,
             "weights": {c: int(rng.integers(1, 10)) for c, _ in CRITERIA}}
            for g, n in GROUPS[:4]],
        "services": svc_list,
    }
    data["givens"] = _givens(svc_list, reference, rng)
    return Scenario.model_validate(data)


def _spend(option: dict) -> np.ndarray:
    spend = np.array(option["cost"], dtype=float)
    spend[0] += option["one_off"]
    return spend


def _givens(services: list[dict], reference: list[int], rng) -> list[dict]:
    ref = [s["options"][r] for s, r in zip(services, reference)]
    nothing = np.zeros_like(_spend(ref[0]))
    spend = sum((_spend(o) for o in ref), nothing)
    area = AREAS[1]
    area_spend = sum((_spend(o) for s, o in zip(services, ref) if s["area"] == area), nothing)
    n = len(services)
    required = int(rng.integers(0, n))
    later = [i for i in range(n) if i != required]
    no_decom = [services[i]["id"] for i in later[: max(1, n // 4)]
                if ref[i]["mode"] != "decommission"]
    crit = "access"
    min_scope = [services[i]["id"] for i in later[n // 4: n // 4 + max(1, n // 10)]]
    floor = min(services[i]["options"][reference[i]]["scores"][crit]
                for i in range(n) if services[i]["id"] in min_scope) if min_scope else 0
    share_now = float(sum(_spend(o)[0] for o in ref if o["mode"] == "in_house") / spend[0])
    a, b = later[-1], later[-2]
    return [
        {"id": "envelope", "kind": "budget", "limit": [round(v * 1.01, -3) + 1000 for v in spend],
         "category": "financial", "reason": "Medium-term financial strategy envelope",
         "owner": "Chief Finance Officer"},
        {"id": "children_envelope", "kind": "budget", "areas": [area],
         "limit": [round(v * 1.05, -3) + 1000 for v in area_spend], "category": "financial",
         "reason": "Ring-fenced grant conditions", "owner": "Director of Children's Services"},
        {"id": "contract_lock", "kind": "require_option", "service": services[required]["id"],
         "option": ref[required]["id"], "category": "contractual",
         "reason": "Contract runs to the end of the horizon"},
        {"id": "statutory", "kind": "forbid_modes", "services": no_decom or "all",
         "modes": ["decommission"], "category": "legal", "reason": "Statutory duty to provide"},
        {"id": "access_floor", "kind": "min_score", "criterion": crit, "value": floor,
         "services": min_scope or "all", "category": "legal",
         "reason": "Public sector equality duty"},
        {"id": "in_house_share", "kind": "spend_share", "modes": ["in_house"],
         "min": round(max(0.0, share_now - 0.1), 3), "category": "political",
         "reason": "Manifesto commitment to keep services in-house"},
        {"id": "change_capacity", "kind": "max_changes", "limit": max(1, n // 3),
         "category": "operational", "reason": "Commissioning team capacity"},
        {"id": "joint_working", "kind": "requires",
         "if": {"service": services[a]["id"], "option": services[a]["options"][0]["id"]},
         "then": {"service": services[b]["id"], "option": ref[b]["id"]},
         "category": "operational", "reason": "Shared premises"},
    ]
