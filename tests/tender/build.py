"""Small tender files for the tests, written out in full so each case can be worked by
hand: ``tender_data`` gives plain data, ``tender_of`` the checked Tender."""

from __future__ import annotations

import json
from typing import Any

from workbench.tender import Tender, parse_tender


def tender_data(bids: dict[str, tuple[float, dict[str, float]]], *,
                price: dict[str, Any] | None = None,
                quality: dict[str, float] | None = None,
                evaluators: tuple[str, ...] = ("e1",),
                social_value: tuple[str, ...] = (),
                **extra: Any) -> dict[str, Any]:
    """``bids``: id -> (price, {criterion: mark}), every evaluator giving that mark."""
    quality = quality if quality is not None else {"q": 50}
    return {
        "format": "commissioning-tender/1", "name": "Test tender",
        "price": price or {"weight": 50, "method": "relative"},
        "quality": [{"id": c, "name": c, "weight": w, "social_value": c in social_value}
                    for c, w in quality.items()],
        "evaluators": [{"id": e, "name": e} for e in evaluators],
        "bids": [{"id": b, "bidder": f"Bidder {b}", "price": p} for b, (p, _) in bids.items()],
        "scores": [{"evaluator": e, "bid": b, "criterion": c, "mark": m}
                   for b, (_, marks) in bids.items() for c, m in marks.items()
                   for e in evaluators],
        **extra}


def tender_of(bids: dict[str, tuple[float, dict[str, float]]], **kw: Any) -> Tender:
    return parse_tender(json.dumps(tender_data(bids, **kw)), "t.json")
