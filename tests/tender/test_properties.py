"""Properties of every tender evaluation, on tenders Hypothesis builds at random (ties
included: marks and prices come from small sets)."""

from __future__ import annotations

import json
from fractions import Fraction
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.tender import evaluate, parse_tender


@st.composite
def tenders(draw) -> dict:
    criteria = [f"c{i}" for i in range(draw(st.integers(1, 3)))]
    bids = [f"b{i}" for i in range(draw(st.integers(1, 5)))]
    evaluators = [f"e{i}" for i in range(draw(st.integers(1, 3)))]
    method = draw(st.sampled_from(["relative", "ceiling"]))
    price: dict = {"weight": draw(st.sampled_from([0, 10, 25, 40, 60])), "method": method}
    if method == "ceiling" or draw(st.booleans()):
        price["ceiling"] = draw(st.sampled_from([300, 400, 500]))
    if method == "ceiling":
        price["floor"] = draw(st.sampled_from([0, 100, 200]))
    marks = st.sampled_from([0, 25, 50, 75, 100])
    data = {
        "format": "commissioning-tender/1", "name": "random", "price": price,
        "quality": [{"id": c, "name": c, "weight": draw(st.sampled_from([1, 5, 10, 30])),
                     "social_value": i == 0 and draw(st.booleans())}
                    for i, c in enumerate(criteria)],
        "scale": [0, 25, 50, 75, 100],
        "evaluators": [{"id": e, "name": e} for e in evaluators],
        "bids": [{"id": b, "bidder": b, "price": draw(st.sampled_from([100, 150, 200, 350, 450,
                                                                      600]))} for b in bids],
        "scores": [{"evaluator": e, "bid": b, "criterion": c, "mark": draw(marks)}
                   for e in evaluators for b in bids for c in criteria],
        "group_weights": {"g": {c: draw(st.sampled_from([0, 1, 3])) for c in criteria}},
    }
    if not any(data["group_weights"]["g"].values()):
        data["group_weights"]["g"][criteria[0]] = 1
    return data


def _scaled(data: dict, factor: float) -> dict:
    scaled = json.loads(json.dumps(data))
    scaled["price"]["weight"] *= factor
    for c in scaled["quality"]:
        c["weight"] *= factor
    return scaled


@settings(max_examples=150, deadline=None)
@given(tenders())
def test_the_winner_has_the_highest_total_and_every_rule_of_the_order_holds(data):
    result = evaluate(parse_tender(json.dumps(data)))
    ranked = [s for s in result.bids if s.compliant]
    assert [s.rank for s in ranked] == list(range(1, len(ranked) + 1))
    assert all(not s.compliant and s.rank is None for s in result.bids[len(ranked):])
    if not ranked:
        assert result.winner is None
        return
    best = max(s.total for s in ranked if s.total is not None)
    winner = next(s for s in ranked if s.id == result.winner)
    assert winner.total == best and winner.rank == 1
    for a, b in pairwise(ranked):
        assert (a.total, a.quality, -a.price) >= (b.total, b.quality, -b.price)
    total = data["price"]["weight"] + sum(c["weight"] for c in data["quality"])
    assert all(0 <= s.total <= total for s in ranked)
    ceiling = data["price"].get("ceiling")
    assert all((s.price <= ceiling) == s.compliant for s in result.bids) if ceiling else \
        all(s.compliant for s in result.bids)


@settings(max_examples=100, deadline=None)
@given(tenders(), st.sampled_from([Fraction(1, 4), 3, 7.5]))
def test_scaling_every_weight_by_a_constant_changes_no_rank(data, factor):
    before = evaluate(parse_tender(json.dumps(data)))
    after = evaluate(parse_tender(json.dumps(_scaled(data, float(factor)))))
    assert [(s.id, s.rank) for s in after.bids] == [(s.id, s.rank) for s in before.bids]
    assert after.winner == before.winner
    assert after.by_price_weight == before.by_price_weight
    assert after.by_group == before.by_group
    assert after.rank_reversal == before.rank_reversal
    assert len(after.warnings) == len(before.warnings)     # their points scale too


@settings(max_examples=150, deadline=None)
@given(tenders())
def test_rank_reversal_is_every_removal_that_changes_the_order(data):
    # brute force: remove each compliant bid in turn and rank the rest again
    from workbench.tender.marks import bid_marks
    from workbench.tender.ranking import file_weights, rank_bids

    tender = parse_tender(json.dumps(data))
    result = evaluate(tender)
    if data["price"]["method"] != "relative":
        assert result.rank_reversal == ()
        return
    marks, weights = bid_marks(tender), file_weights(tender)
    ranked = [s.id for s in rank_bids(tender, marks, weights) if s.compliant]
    expected = []
    for removed in ranked:
        before = [b for b in ranked if b != removed]
        after = [s.id for s in rank_bids(tender, marks, weights, leave_out={removed})
                 if s.compliant]
        if before != after:
            expected.append({"removed": removed, "before": before, "after": after})
    assert [r.to_json() for r in result.rank_reversal] == expected
