"""Reading tender files (``format: commissioning-tender/1``, commissioning-cycle.md section 5)
with every problem located by place and line, like scenario files.

The text goes through the scenario files' own bounded loader (``read_text``,
``parse_data``): the same size, nesting, alias and time limits, YAML or JSON. Then every
rule of the format is checked at once: a missing mark is refused with its place (never read
as 0), and so is a mark outside the scale, a moderated mark without a reason, a price of 0
under relative pricing, a floor not below its ceiling.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType
from typing import Any

from workbench.errors import ScenarioError
from workbench.limits import ENVIRONMENT, Deadline, Limits, excerpt, limits_for
from workbench.money import currency_problem
from workbench.scenario.files import located_problems, parse_data, read_text, refuse_too_big
from workbench.scenario.yamlio import collection_paused
from workbench.tender.model import (
    FORMAT,
    METHODS,
    Bid,
    Criterion,
    Evaluator,
    Moderated,
    PriceRule,
    Tender,
)
from workbench.tender.reader import Reader, at, number_text


def load_tender(path: str | Path, limits: Limits | None = None) -> Tender:
    """The tender in ``path``, checked; ScenarioError lists every problem at once."""
    limits = limits or limits_for(local_file=True)
    return parse_tender(read_text(path, limits), str(path), limits)


def parse_tender(text: str, filename: str = "<tender>", limits: Limits | None = None) -> Tender:
    """Check and return the tender written in ``text`` (YAML or JSON), held to ``limits``
    (by default those for uploads)."""
    limits = limits or limits_for()
    refuse_too_big(text, filename, limits)
    deadline = Deadline(limits)
    try:
        with collection_paused():
            data = parse_data(text, limits, deadline)
    except ScenarioError as exc:
        raise ScenarioError([dataclasses.replace(p, file=filename)
                             for p in exc.problems]) from None
    reader = Reader()
    tender = tender_from_data(data, reader, limits)
    if tender is not None and not reader.problems:
        return tender
    raise ScenarioError(located_problems(text, reader.problems, filename, deadline))


def tender_from_data(data: Any, reader: Reader, limits: Limits | None = None) -> Tender | None:
    """The tender in plain ``data``, or None with every problem noted in ``reader``."""
    limits = limits or limits_for()
    top = reader.mapping(data, "")
    if top is None:
        return None
    if top.get("format") != FORMAT:
        reader.problem("format", f"must be {FORMAT!r} (got {excerpt(top.get('format'))})")
    bids_listed = top.get("bids")
    if isinstance(bids_listed, list) and len(bids_listed) > limits.bids:
        reader.problem("bids", f"has {len(bids_listed):,} bids; at most {limits.bids:,} are "
                               f"allowed ({ENVIRONMENT['bids']} raises the limit)")
        return None
    name = reader.text(top, "name", "")
    service = reader.ident(top, "service", "", required=False)
    currency = top.get("currency", "GBP")
    if currency_problem(currency):
        reader.problem("currency", currency_problem(currency) or "")
        currency = "GBP"
    price = _price(reader, top)
    quality, criteria = _quality(reader, top)
    scale = _scale(reader, top)
    evaluators, evaluator_ids = _evaluators(reader, top)
    bids, bid_ids = _bids(reader, top, price)
    if price is not None and quality is not None:
        total = price.weight + sum(c.weight for c in quality)
        if total <= 0:
            reader.problem("price.weight", "the price weight and the quality weights add up "
                                           f"to {number_text(total)}; they must add up to "
                                           "more than 0 points")
    marks = _marks(reader, top, evaluator_ids, bid_ids, criteria, scale)
    moderated = _moderated(reader, top, bid_ids, criteria, scale)
    group_weights = _group_weights(reader, top, criteria)
    if reader.problems or name is None or price is None or quality is None \
            or evaluators is None or bids is None:
        return None
    return Tender(name=name, price=price, quality=quality, evaluators=evaluators, bids=bids,
                  marks=MappingProxyType(marks), moderated=moderated,
                  group_weights=MappingProxyType(group_weights), scale=scale,
                  service=service, currency=str(currency))


def _price(reader: Reader, top: dict) -> PriceRule | None:
    data = reader.mapping(top.get("price"), "price") if "price" in top else None
    if "price" not in top:
        reader.problem("price", "is required")
    if data is None:
        return None
    weight = reader.number(data, "weight", "price", low=0)
    method = reader.choice(data, "method", "price", METHODS)
    ceiling = reader.number(data, "ceiling", "price", required=method == "ceiling", low=0)
    floor = None
    if method == "relative" and data.get("floor") is not None:
        reader.problem("price.floor", "is only used with method: ceiling (relative pricing "
                                      "gives the lowest compliant price full points)")
    elif method == "ceiling":
        floor = reader.number(data, "floor", "price", low=0)
        if floor is not None and ceiling is not None and not floor < ceiling:
            reader.problem("price.floor", f"must be below the ceiling ({number_text(ceiling)}) "
                                          f"(got {number_text(floor)})")
    if weight is None or method not in METHODS:
        return None
    return PriceRule(weight=weight, method=method, ceiling=ceiling,  # type: ignore[arg-type]
                     floor=floor)


def _quality(reader: Reader, top: dict) -> tuple[tuple[Criterion, ...] | None, set[str]]:
    """The criteria (None when any is wrong) and the ids named, so that references to a
    criterion with another problem are not refused as well."""
    seen: dict[str, str] = {}
    found, ok = [], "quality" in top
    for _, place, item in reader.items(top, "quality", ""):
        ident = reader.unique(seen, reader.ident(item, "id", place), at(place, "id"))
        name = reader.text(item, "name", place)
        weight = reader.number(item, "weight", place, low=0)
        social = reader.flag(item, "social_value", place)
        if ident is None or name is None or weight is None:
            ok = False
            continue
        found.append(Criterion(ident, name, weight, social))
    return (tuple(found) if ok else None), set(seen)


def _scale(reader: Reader, top: dict) -> tuple[float, ...] | None:
    value = top.get("scale")
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        reader.problem("scale", f"must be a list of the marks allowed, such as [0, 25, 50, 75, "
                                f"100] (got {excerpt(value)})")
        return None
    marks = [reader.number({i: m}, i, "scale", low=0, high=100) for i, m in enumerate(value)]
    return tuple(sorted({m for m in marks if m is not None}))


def _evaluators(reader: Reader, top: dict) -> tuple[tuple[Evaluator, ...] | None, set[str]]:
    seen: dict[str, str] = {}
    found, ok = [], "evaluators" in top
    for _, place, item in reader.items(top, "evaluators", ""):
        ident = reader.unique(seen, reader.ident(item, "id", place), at(place, "id"))
        name = reader.text(item, "name", place)
        group = reader.ident(item, "group", place, required=False)
        if ident is None or name is None:
            ok = False
            continue
        found.append(Evaluator(ident, name, group))
    return (tuple(found) if ok else None), set(seen)


def _bids(reader: Reader, top: dict, price: PriceRule | None
          ) -> tuple[tuple[Bid, ...] | None, set[str]]:
    seen: dict[str, str] = {}
    found, ok = [], "bids" in top
    relative = price is not None and price.method == "relative"
    for _, place, item in reader.items(top, "bids", ""):
        ident = reader.unique(seen, reader.ident(item, "id", place), at(place, "id"))
        bidder = reader.text(item, "bidder", place)
        amount = reader.number(item, "price", place, low=0)
        if amount == 0 and relative:
            reader.problem(at(place, "price"), "must be above 0 with relative pricing, which "
                                               "divides by it (got 0)")
            amount = None
        if ident is None or bidder is None or amount is None:
            ok = False
            continue
        found.append(Bid(ident, bidder, amount))
    return (tuple(found) if ok else None), set(seen)


def _mark(reader: Reader, item: dict, place: str, scale: tuple[float, ...] | None
          ) -> float | None:
    mark = reader.number(item, "mark", place, low=0, high=100)
    if mark is not None and scale is not None and mark not in scale:
        allowed = ", ".join(number_text(m) for m in scale)
        reader.problem(at(place, "mark"), f"must be one of {allowed} (got {number_text(mark)})")
        return None
    return mark


def _marks(reader: Reader, top: dict, evaluators: set[str], bids: set[str],
           criteria: set[str], scale: tuple[float, ...] | None
           ) -> dict[tuple[str, str, str], float]:
    """Every evaluator's mark of every bid on every criterion; a missing one is a problem
    at ``scores`` naming who, which bid and which criterion."""
    marks: dict[tuple[str, str, str], float] = {}
    where: dict[tuple[str, str, str], str] = {}
    for _, place, item in reader.items(top, "scores", "", required=bool(criteria)):
        evaluator = reader.known(reader.ident(item, "evaluator", place), evaluators,
                                 "evaluator", at(place, "evaluator"))
        bid = reader.known(reader.ident(item, "bid", place), bids, "bid",
                           at(place, "bid"))
        criterion = reader.known(reader.ident(item, "criterion", place), criteria,
                                 "quality criterion", at(place, "criterion"))
        mark = _mark(reader, item, place, scale)
        if evaluator is None or bid is None or criterion is None:
            continue
        key = (evaluator, bid, criterion)
        if key in where:
            reader.problem(place, f"evaluator {evaluator} has already marked bid {bid} on "
                                  f"{criterion} ({where[key]})")
            continue
        where[key] = place
        if mark is not None:
            marks[key] = mark
    if isinstance(top.get("scores"), list):
        for evaluator_ in _in_file_order(top, "evaluators", evaluators):
            for bid_ in _in_file_order(top, "bids", bids):
                for criterion_ in _in_file_order(top, "quality", criteria):
                    if (evaluator_, bid_, criterion_) not in where:
                        reader.problem("scores", f"no mark from evaluator {evaluator_} for "
                                                 f"bid {bid_} on {criterion_}: every "
                                                 "evaluator marks every bid on every "
                                                 "criterion (a missing mark is not 0)")
    return marks


def _in_file_order(top: dict, key: str, ids: set[str]) -> list[str]:
    """The ``ids`` of the list ``top[key]``, in the order the file gives them."""
    ordered = [str(item.get("id")).strip() for item in top.get(key) or ()
               if isinstance(item, dict)]
    return [i for i in dict.fromkeys(ordered) if i in ids]


def _moderated(reader: Reader, top: dict, known_bids: set[str], criteria: set[str],
               scale: tuple[float, ...] | None) -> tuple[Moderated, ...]:
    found: list[Moderated] = []
    where: dict[tuple[str, str], str] = {}
    for _, place, item in reader.items(top, "moderated", "", required=False, empty=True):
        bid = reader.known(reader.ident(item, "bid", place), known_bids, "bid",
                           at(place, "bid"))
        criterion = reader.known(reader.ident(item, "criterion", place), criteria,
                                 "quality criterion", at(place, "criterion"))
        mark = _mark(reader, item, place, scale)
        reason = item.get("reason")
        if reason is None or (isinstance(reason, str) and not reason.strip()):
            reader.problem(at(place, "reason"), "a moderated mark needs a reason: say why the "
                                                "panel agreed it")
            reason = None
        else:
            reason = reader.text(item, "reason", place)
        if bid is None or criterion is None:
            continue
        if (bid, criterion) in where:
            reader.problem(place, f"bid {bid} on {criterion} is already moderated "
                                  f"({where[bid, criterion]})")
            continue
        where[bid, criterion] = place
        if mark is not None and reason is not None:
            found.append(Moderated(bid, criterion, mark, reason))
    return tuple(found)


def _group_weights(reader: Reader, top: dict, criteria: set[str]
                   ) -> dict[str, MappingProxyType[str, float]]:
    value = top.get("group_weights")
    if value is None:
        return {}
    groups = reader.mapping(value, "group_weights")
    found: dict[str, MappingProxyType[str, float]] = {}
    for group, weights in (groups or {}).items():
        place = at("group_weights", str(group))
        ident = reader.ident({group: group}, group, "group_weights")
        if ident is None:
            continue
        mapping = reader.mapping(weights, place)
        if mapping is None:
            continue
        own: dict[str, float] = {}
        for criterion in mapping:
            if reader.known(str(criterion), criteria, "quality criterion",
                            at(place, str(criterion))) is None:
                continue
            weight = reader.number(mapping, criterion, place, low=0)
            if weight is not None:
                own[str(criterion)] = weight
        if len(own) == len(mapping) and sum(own.values()) <= 0:
            reader.problem(place, "a group's weights must not all be 0")
            continue
        found[ident] = MappingProxyType(own)
    return found
