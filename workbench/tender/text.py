"""The tender evaluation as a short table to read in a terminal or paste in a paper."""

from __future__ import annotations

from workbench.money import money
from workbench.tender.evaluation import TenderResult


def tender_text(result: TenderResult) -> str:
    """Rank, bid, bidder, price, quality, price and total points; then the winner, the
    sensitivity and the warnings in plain words."""
    tender = result.tender
    head = f"{'rank':>4}  {'bid':<12} {'bidder':<28} {'price':>14} {'quality':>8} " \
           f"{'price pts':>9} {'total':>8}"
    lines = [f"{tender.name}: {len(tender.bids)} bids, {tender.total_points:g} points "
             f"({tender.price.weight:g} for price, {tender.price.method})", "", head]
    for s in result.bids:
        bidder = tender.bid(s.id).bidder[:28]
        rank = str(s.rank) if s.rank is not None else "-"
        points = f"{float(s.price_points):9.2f}" if s.price_points is not None else f"{'-':>9}"
        total = f"{float(s.total):8.2f}" if s.total is not None else f"{'-':>8}"
        lines.append(f"{rank:>4}  {s.id[:12]:<12} {bidder:<28} "
                     f"{money(s.price, tender.currency):>14} {float(s.quality):8.2f} "
                     f"{points} {total}")
        if s.reason:
            lines.append(f"      not compliant: {s.reason}")
    lines.append("")
    lines.append(f"Winner: {result.winner or 'none (no compliant bid)'}")
    shares = ", ".join(f"{p}%: {w or '-'}" for p, w in result.by_price_weight.items())
    lines.append(f"Winner by price weight: {shares}")
    for group, winner in result.by_group.items():
        lines.append(f"Winner under the weights of {group}: {winner or '-'}")
    for r in result.rank_reversal:
        lines.append(f"Rank reversal: without {r.removed} the order "
                     f"{' > '.join(r.before)} becomes {' > '.join(r.after)}")
    for warning in result.warnings:
        lines.append(f"Warning: {warning}")
    return "\n".join(lines)
