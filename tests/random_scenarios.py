"""Small held-out scenarios of every kind of given: Hypothesis strategies that build them
from their parts (``scenario_data``), and fixed examples made from a seed (``small_scenario``).

Written apart from ``workbench.generate`` so that tests are not checked on the product's own
idea of a scenario: budgets may be infeasible, scores tie, and givens combine at random.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from workbench.fields import MODES


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


# Hypothesis strategies: a scenario built from its parts (years, criteria, groups, services
# with their options, and givens of each kind), so that a failing case shrinks to a small
# readable file: fewer services, fewer options, fewer givens, rounder numbers.
CATEGORY = st.sampled_from(["legal", "political", "financial", "contractual", "operational"])
SCORE = st.sampled_from([0, 20, 40, 50, 60, 80, 100])
AREAS = ["North", "South", "East"]


@st.composite
def option_data(draw, index: int, criteria: list[str], n_years: int) -> dict:
    mode = draw(st.sampled_from(MODES))
    cost = 0 if mode == "decommission" else draw(st.integers(0, 20)) * 1000
    option = {"id": f"o{index}", "name": f"Option {index}", "mode": mode,
              "cost": draw(st.one_of(st.just(cost), st.lists(
                  st.integers(0, 3).map(lambda k: cost + k * 1000), min_size=n_years,
                  max_size=n_years))),
              "scores": {c: draw(SCORE) for c in criteria}}
    one_off = draw(st.integers(0, 5))
    if one_off:
        option["one_off"] = one_off * 1000
    return option


@st.composite
def service_data(draw, index: int, criteria: list[str], n_years: int) -> dict:
    n = draw(st.integers(1, 3))
    options = [draw(option_data(o, criteria, n_years)) for o in range(n)]
    service = {"id": f"s{index}", "name": f"Service {index}", "options": options,
               "weight": draw(st.sampled_from([1, 2, 3]))}
    area = draw(st.sampled_from([None, *AREAS]))
    if area is not None:
        service["area"] = area
    current = draw(st.sampled_from([None, *range(n)]))
    if current is not None:
        service["current"] = options[current]["id"]
    return service


def _top_spend(data: dict) -> float:
    return sum(max(max(o["cost"]) if isinstance(o["cost"], list) else o["cost"]
                   for o in s["options"]) for s in data["services"])


def _some_option(data: dict):
    return st.sampled_from(data["services"]).flatmap(
        lambda s: st.sampled_from(s["options"]).map(lambda o: (s["id"], o["id"])))


def _services_or_all(data: dict):
    return st.one_of(st.just("all"), st.sampled_from(data["services"]).map(lambda s: [s["id"]]))


def _used_areas(data: dict) -> list[str]:
    return sorted({s["area"] for s in data["services"] if "area" in s})


@st.composite
def budget_terms(draw, data: dict) -> dict:
    terms = {"limit": round(_top_spend(data) * draw(st.sampled_from(
        [0.3, 0.5, 0.7, 0.85, 1.0])), -2) + 5000}
    used = _used_areas(data)
    if used and draw(st.booleans()):
        terms["areas"] = [draw(st.sampled_from(used))]
    return terms


@st.composite
def require_option_terms(draw, data: dict) -> dict:
    service, option = draw(_some_option(data))
    return {"service": service, "option": option}


@st.composite
def forbid_modes_terms(draw, data: dict) -> dict:
    return {"services": draw(_services_or_all(data)),
            "modes": draw(st.lists(st.sampled_from(MODES), min_size=1, max_size=2,
                                   unique=True))}


@st.composite
def min_score_terms(draw, data: dict) -> dict:
    return {"criterion": draw(st.sampled_from([c["id"] for c in data["criteria"]])),
            "value": draw(st.sampled_from([10, 30, 50])),
            "services": draw(_services_or_all(data))}


@st.composite
def spend_share_terms(draw, data: dict) -> dict:
    terms: dict = {"modes": draw(st.lists(st.sampled_from(MODES[:5]), min_size=1, max_size=2,
                                          unique=True))}
    bounds = draw(st.sampled_from(["min", "max", "both"]))
    if bounds in ("min", "both"):
        terms["min"] = draw(st.sampled_from([0.1, 0.2, 0.3]))
    if bounds in ("max", "both"):
        terms["max"] = draw(st.sampled_from([0.5, 0.8, 0.9]))
    used = _used_areas(data)
    if used and draw(st.booleans()):
        terms["areas"] = used[:1]
    return terms


@st.composite
def max_changes_terms(draw, data: dict) -> dict:
    return {"limit": draw(st.integers(0, 2))}


@st.composite
def requires_terms(draw, data: dict) -> dict:
    (a, x), (b, y) = draw(_some_option(data)), draw(_some_option(data))
    return {"if": {"service": a, "option": x}, "then": {"service": b, "option": y}}


# One strategy per kind of given: a new kind adds its own line here.
GIVEN_TERMS = {"budget": budget_terms, "require_option": require_option_terms,
               "forbid_modes": forbid_modes_terms, "min_score": min_score_terms,
               "spend_share": spend_share_terms, "max_changes": max_changes_terms,
               "requires": requires_terms}


@st.composite
def scenario_data(draw, services: int | None = None, kinds: tuple[str, ...] | None = None,
                  max_givens: int = 5) -> dict:
    """A small scenario as the plain data of a file (a dict), built from its parts."""
    n_years = draw(st.integers(1, 3))
    criteria = [f"c{i}" for i in range(draw(st.integers(1, 3)))]
    groups = []
    for i in range(draw(st.integers(1, 3))):
        weights = {c: draw(st.sampled_from([0, 1, 2, 5, 10])) for c in criteria}
        if not any(weights.values()):
            weights[criteria[0]] = 1
        groups.append({"id": f"g{i}", "name": f"Group {i}", "weights": weights,
                       "influence": draw(st.sampled_from([1, 0.5, 2]))})
    n = services if services is not None else draw(st.integers(2, 5))
    data: dict = {
        "format": "commissioning-scenario/1", "name": "drawn scenario",
        "years": [f"Y{y}" for y in range(n_years)],
        "criteria": [{"id": c, "name": c.upper()} for c in criteria],
        "stakeholders": groups,
        "services": [draw(service_data(s, criteria, n_years)) for s in range(n)],
    }
    names = draw(st.lists(st.sampled_from(sorted(kinds or GIVEN_TERMS)), max_size=max_givens))
    data["givens"] = [{"id": f"{kind}_{i}", "kind": kind, "category": draw(CATEGORY),
                       "reason": f"Reason for {kind}", **draw(GIVEN_TERMS[kind](data))}
                      for i, kind in enumerate(names)]
    return data
