"""An independent implementation of the two spec pages, by enumeration, for checking.

It reads plain data (as parsed from a scenario file), not the workbench's objects, and shares
no code with the package: every rule is written again from docs/spec/scenario-format.md and
docs/spec/decision-model.md. Only for small scenarios (it tries every portfolio).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

TIE = 1e-6


def per_year(value, n):
    return list(value) if isinstance(value, (list, tuple)) else [value] * n


def normalised(weights, criteria):
    total = sum(weights.get(c, 0) for c in criteria)
    return {c: weights.get(c, 0) / total for c in criteria}


def agreed(data):
    criteria = [c["id"] for c in data["criteria"]]
    groups = data["stakeholders"]
    total = sum(g.get("influence", 1) for g in groups)
    w = {c: 0.0 for c in criteria}
    for g in groups:
        n = normalised(g["weights"], criteria)
        for c in criteria:
            w[c] += g.get("influence", 1) * n[c] / total
    return w


def option_value(option, w):
    return sum(w[c] * option["scores"][c] for c in w)


def portfolio_value(data, choice, w):
    services = data["services"]
    total = sum(s.get("weight", 1) for s in services)
    return sum(s.get("weight", 1) * option_value(o, w) for s, o in zip(services, choice)) / total


def spend(data, choice, areas=None):
    n = len(data["years"])
    out = [0.0] * n
    for s, o in zip(data["services"], choice):
        if areas is not None and s.get("area") not in areas:
            continue
        cost = per_year(o["cost"], n)
        for y in range(n):
            out[y] += cost[y]
        out[0] += o.get("one_off", 0)
    return out


def _in(services, sid):
    return services == "all" or sid in services


def meets(data, choice, given):
    kind = given["kind"]
    by_service = {s["id"]: o for s, o in zip(data["services"], choice)}
    n = len(data["years"])
    if kind == "budget":
        limit = per_year(given["limit"], n)
        return all(s <= cap + 1e-6
                   for s, cap in zip(spend(data, choice, given.get("areas")), limit))
    if kind == "require_option":
        return by_service[given["service"]]["id"] == given["option"]
    if kind == "forbid_modes":
        return not any(_in(given["services"], sid) and o["mode"] in given["modes"]
                       for sid, o in by_service.items())
    if kind == "min_score":
        return not any(_in(given["services"], sid) and o["scores"][given["criterion"]] <
                       given["value"] for sid, o in by_service.items())
    if kind == "spend_share":
        areas = given.get("areas")
        for y in range(n):
            total = part = 0.0
            for s, o in zip(data["services"], choice):
                if areas is not None and s.get("area") not in areas:
                    continue
                amount = per_year(o["cost"], n)[y] + (o.get("one_off", 0) if y == 0 else 0)
                total += amount
                if o["mode"] in given["modes"]:
                    part += amount
            if given.get("min") is not None and part < given["min"] * total - 1e-6:
                return False
            if given.get("max") is not None and part > given["max"] * total + 1e-6:
                return False
        return True
    if kind == "max_changes":
        changes = sum(1 for s, o in zip(data["services"], choice)
                      if s.get("current") is not None and o["id"] != s["current"])
        return changes <= given["limit"]
    if kind == "requires":
        first, then = given["if"], given["then"]
        return by_service[first["service"]]["id"] != first["option"] or \
            by_service[then["service"]]["id"] == then["option"]
    raise ValueError(kind)


def portfolios(data, lifted=(), forced=None):
    givens = [g for g in data.get("givens", []) if g["id"] not in lifted]
    for choice in itertools.product(*[s["options"] for s in data["services"]]):
        if all(meets(data, choice, g) for g in givens):
            yield choice


@dataclass
class Answer:
    value: float
    total_cost: float
    choices: dict
    unique: bool


def recommend(data, weights=None, lifted=()):
    w = normalised(weights, [c["id"] for c in data["criteria"]]) if weights else agreed(data)
    found = [(portfolio_value(data, c, w), sum(spend(data, c)), c) for c in
             portfolios(data, lifted)]
    if not found:
        return None
    best = max(v for v, _, _ in found)
    ties = [(cost, v, c) for v, cost, c in found if v >= best - TIE]
    cheapest = min(cost for cost, _, _ in ties)
    winners = [(v, c) for cost, v, c in ties if cost <= cheapest + 1e-6]
    v, choice = winners[0]
    return Answer(v, cheapest, {s["id"]: o["id"] for s, o in zip(data["services"], choice)},
                  len(winners) == 1)


def satisfaction(data, choices):
    criteria = [c["id"] for c in data["criteria"]]
    choice = [next(o for o in s["options"] if o["id"] == choices[s["id"]])
              for s in data["services"]]
    feasible = list(portfolios(data))
    out = {}
    for g in data["stakeholders"]:
        w = normalised(g["weights"], criteria)
        values = [portfolio_value(data, c, w) for c in feasible]
        best, worst = max(values), min(values)
        v = portfolio_value(data, choice, w)
        out[g["id"]] = 1.0 if best - worst <= 1e-9 else (v - worst) / (best - worst)
    return out


def feasible_with(data, given_ids):
    keep = set(given_ids)
    lifted = [g["id"] for g in data.get("givens", []) if g["id"] not in keep]
    return next(portfolios(data, lifted), None) is not None


def is_minimal_conflict(data, given_ids):
    if feasible_with(data, given_ids):
        return False
    return all(feasible_with(data, [g for g in given_ids if g != drop]) for drop in given_ids)


def _all(data, lifted=()):
    return [(c, sum(spend(data, c))) for c in portfolios(data, lifted)]


def _choices(data, choice):
    return {s["id"]: o["id"] for s, o in zip(data["services"], choice)}


def group_ranges(data):
    criteria = [c["id"] for c in data["criteria"]]
    feasible = list(portfolios(data))
    out = {}
    for g in data["stakeholders"]:
        w = normalised(g["weights"], criteria)
        values = [portfolio_value(data, c, w) for c in feasible]
        out[g["id"]] = (max(values), min(values))
    return out


def fair(data):
    """Max of the least satisfaction; ties to higher agreed value, then lower cost."""
    criteria = [c["id"] for c in data["criteria"]]
    w = agreed(data)
    ranges = group_ranges(data)
    rows = []
    for choice, cost in _all(data):
        sats = []
        for g in data["stakeholders"]:
            best, worst = ranges[g["id"]]
            v = portfolio_value(data, choice, normalised(g["weights"], criteria))
            sats.append(1.0 if best - worst <= 1e-9 else (v - worst) / (best - worst))
        rows.append((min(sats), portfolio_value(data, choice, w), cost, choice))
    top = max(r[0] for r in rows)
    level = [r for r in rows if r[0] >= top - 1e-7]
    best_v = max(r[1] for r in level)
    level = [r for r in level if r[1] >= best_v - TIE]
    cheapest = min(r[2] for r in level)
    s, v, cost, choice = next(r for r in level if r[2] <= cheapest + 1e-6)
    return {"min_satisfaction": s, "value": v, "total_cost": cost}


def frontier(data):
    """(cost, value) of the non-dominated portfolios with budget givens lifted, by cost."""
    w = agreed(data)
    lifted = [g["id"] for g in data.get("givens", []) if g["kind"] == "budget"]
    pts = {(round(cost, 6), round(portfolio_value(data, c, w), 9))
           for c, cost in _all(data, lifted)}
    keep = [p for p in pts if not any(
        (q[0] <= p[0] + 1e-9 and q[1] >= p[1] - 1e-9) and (q[0] < p[0] - 1e-9 or
                                                           q[1] > p[1] + 1e-9)
        for q in pts)]
    return sorted(keep)


def stability(data, choices):
    """For each criterion, the interval of its weight keeping ``choices`` of best value."""
    criteria = [c["id"] for c in data["criteria"]]
    w = agreed(data)
    feasible = list(portfolios(data))
    base = next(c for c in feasible if _choices(data, c) == choices)

    def line(choice, crit):
        def at(t):
            rest = 1 - w[crit]
            moved = {c: (t if c == crit else (w[c] * (1 - t) / rest if rest > 1e-12
                                              else (1 - t) / (len(w) - 1))) for c in w}
            return portfolio_value(data, choice, moved)
        return at(0.0), at(1.0)

    out = {}
    for crit in criteria:
        a0, a1 = line(base, crit)
        low, high = 0.0, 1.0
        for other in feasible:
            b0, b1 = line(other, crit)
            # need (a0-b0) + t((a1-a0)-(b1-b0)) >= 0
            c0, slope = a0 - b0, (a1 - a0) - (b1 - b0)
            if abs(slope) < 1e-12:
                continue
            root = -c0 / slope
            if slope > 0:
                low = max(low, root)
            else:
                high = min(high, root)
        out[crit] = (low, high)
    return out
