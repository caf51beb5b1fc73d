"""A second, deliberately plain implementation of tender evaluation, written from the text
of commissioning-cycle.md section 5 alone, to check workbench.tender's figures against.

It reads the plain file dict (as YAML or JSON loads it) and imports nothing from
workbench.tender: no shared helper can carry the same mistake into both. Every number is a
Fraction of the decimal as written, so ties are exact and the tie-breaks decide. It assumes
the file is valid (workbench.tender.files checks that); it does not check it again.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

PERCENTS = [10, 20, 30, 40, 50, 60, 70, 80, 90]


def num(value: Any) -> Fraction:
    """A number as the decimal it was written as (0.1 is one tenth)."""
    return Fraction(repr(float(value)))


def marks_of(data: dict) -> dict[tuple[str, str], Fraction]:
    """(bid, criterion) -> the moderated mark when given, else the mean of the evaluators'."""
    moderated = {(m["bid"], m["criterion"]): num(m["mark"]) for m in data.get("moderated") or []}
    given: dict[tuple[str, str], list[Fraction]] = {}
    for s in data["scores"]:
        given.setdefault((s["bid"], s["criterion"]), []).append(num(s["mark"]))
    out = {}
    for b in data["bids"]:
        for c in data["quality"]:
            key = (b["id"], c["id"])
            if key in moderated:
                out[key] = moderated[key]
            else:
                out[key] = sum(given[key], Fraction(0)) / len(given[key])
    return out


def compliant(data: dict, bid: dict) -> bool:
    ceiling = data["price"].get("ceiling")
    return ceiling is None or num(bid["price"]) <= num(ceiling)


def score(data: dict, marks: dict, price_weight: Fraction, weights: dict[str, Fraction],
          leave_out: str | None = None) -> list[dict]:
    """Every bid but ``leave_out``, scored under these weights: the compliant ones in rank
    order (total, then higher quality, then lower price, then id), then the others by id."""
    rule = data["price"]
    bids = [b for b in data["bids"] if b["id"] != leave_out]
    ok = [b for b in bids if compliant(data, b)]
    lowest = min((num(b["price"]) for b in ok), default=None)
    rows = []
    for b in ok:
        quality = sum((weights[c] * marks[b["id"], c] / 100 for c in weights), Fraction(0))
        price = num(b["price"])
        if rule["method"] == "relative":
            points = price_weight * lowest / price
        else:
            share = (num(rule["ceiling"]) - price) / (num(rule["ceiling"]) - num(rule["floor"]))
            if share < 0:
                share = Fraction(0)
            if share > 1:
                share = Fraction(1)
            points = price_weight * share
        rows.append({"id": b["id"], "quality": quality, "price_points": points,
                     "total": quality + points, "compliant": True, "_price": price})
    rows.sort(key=lambda r: (-r["total"], -r["quality"], r["_price"], r["id"]))
    for i, r in enumerate(rows):
        r["rank"] = i + 1
    out = sorted((b for b in bids if not compliant(data, b)), key=lambda b: b["id"])
    for b in out:
        quality = sum((weights[c] * marks[b["id"], c] / 100 for c in weights), Fraction(0))
        rows.append({"id": b["id"], "quality": quality, "price_points": None, "total": None,
                     "rank": None, "compliant": False, "_price": num(b["price"]),
                     "reason": f"price {b['price']} above the ceiling {rule['ceiling']}"})
    return rows


def winner(rows: list[dict]) -> str | None:
    return rows[0]["id"] if rows and rows[0]["compliant"] else None


def reference(data: dict) -> dict[str, Any]:
    """The spec's JSON object for ``data``, with Fractions where the JSON has numbers."""
    marks = marks_of(data)
    price_weight = num(data["price"]["weight"])
    weights = {c["id"]: num(c["weight"]) for c in data["quality"]}
    quality_total = sum(weights.values(), Fraction(0))
    total = price_weight + quality_total
    rows = score(data, marks, price_weight, weights)

    by_price = {}
    for p in PERCENTS:
        new_price = total * p / 100
        rest = total - new_price
        scaled = {c: (w / quality_total * rest if quality_total else Fraction(0))
                  for c, w in weights.items()}
        by_price[str(p)] = winner(score(data, marks, new_price, scaled))

    by_group = {}
    for group, own in (data.get("group_weights") or {}).items():
        own_total = sum((num(v) for v in own.values()), Fraction(0))
        scaled = {c: num(own.get(c, 0)) / own_total * quality_total for c in weights}
        by_group[group] = winner(score(data, marks, price_weight, scaled))

    reversals = []
    if data["price"]["method"] == "relative":
        order = [r["id"] for r in rows if r["compliant"]]
        for removed in [r["id"] for r in rows]:       # every bid, by brute force
            before = [b for b in order if b != removed]
            after = [r["id"] for r in score(data, marks, price_weight, weights, removed)
                     if r["compliant"]]
            if before != after:
                reversals.append({"removed": removed, "before": before, "after": after})

    warnings = []
    if winner(rows) is None:
        warnings.append("no compliant bid")
    social = [c for c in data["quality"] if c.get("social_value")]
    if not social or sum((num(c["weight"]) for c in social), Fraction(0)) < total / 10:
        warnings.append("social value below 10% (PPN 002)")

    bids = []
    for r in rows:
        row = {k: r[k] for k in ("id", "quality", "price_points", "total", "rank", "compliant")}
        if not r["compliant"]:
            row["reason"] = r["reason"]
        bids.append(row)
    return {"bids": bids, "winner": winner(rows), "by_price_weight": by_price,
            "by_group": by_group, "rank_reversal": reversals, "warnings": warnings}
