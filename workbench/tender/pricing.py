"""Price points and compliance (commissioning-cycle.md, section 5).

``relative``: the price weight times the lowest compliant price over the bid's price.
``ceiling``: the price weight times clamp((ceiling − price)/(ceiling − floor), 0, 1): at the
ceiling 0 points (still compliant), at or below the floor full points. Under either method
a ceiling, when given, makes a bid above it non-compliant.
"""

from __future__ import annotations

from fractions import Fraction

from workbench.money import money
from workbench.tender.model import Bid, PriceRule, Tender
from workbench.tender.reader import exact, number_text


def non_compliance(tender: Tender, bid: Bid) -> str | None:
    """Why ``bid`` is not compliant (its price above the ceiling), or None when it is."""
    ceiling = tender.price.ceiling
    if ceiling is not None and bid.price > ceiling:
        price, limit = money(bid.price, tender.currency), money(ceiling, tender.currency)
        if price == limit:          # pence apart: written in full, or it reads as equal
            price, limit = number_text(bid.price), number_text(ceiling)
        return f"its price of {price} is above the ceiling of {limit}"
    return None


def price_points(rule: PriceRule, weight: Fraction, price: float,
                 lowest: float | None) -> Fraction:
    """The points ``price`` earns out of ``weight``; ``lowest`` is the lowest compliant
    price among the bids being ranked (used by relative pricing only)."""
    if rule.method == "relative":
        if lowest is None:
            raise ValueError("relative pricing needs the lowest compliant price")
        return weight * exact(lowest) / exact(price)
    assert rule.ceiling is not None and rule.floor is not None
    share = (exact(rule.ceiling) - exact(price)) / (exact(rule.ceiling)
                                                          - exact(rule.floor))
    return weight * min(max(share, Fraction(0)), Fraction(1))
