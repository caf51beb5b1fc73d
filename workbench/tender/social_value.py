"""The social value check of PPN 002 (commissioning-cycle.md, section 5): social value
should weigh at least 10% of the total points. Below that, or with no social value criterion
at all, the evaluation carries a warning (not a refusal)."""

from __future__ import annotations

import math
from fractions import Fraction

from workbench.tender.model import Tender
from workbench.tender.reader import exact, number_text

SHARE = Fraction(10, 100)


def social_value_warning(tender: Tender) -> str | None:
    """The warning, or None when the ``social_value: true`` criteria weigh 10% or more."""
    total = exact(tender.price.weight) + sum((exact(c.weight) for c in tender.quality),
                                             Fraction(0))
    criteria = [c for c in tender.quality if c.social_value]
    if not criteria:
        return ("no quality criterion is marked social_value: true; PPN 002 expects social "
                "value to weigh at least 10% of the total points")
    weight = sum((exact(c.weight) for c in criteria), Fraction(0))
    if weight < SHARE * total:
        share = math.floor(weight * 1000 / total) / 10      # rounded down: 9.99% is not 10%
        return (f"social value weighs {number_text(float(weight))} of "
                f"{number_text(float(total))} points ({share:g}%), below the "
                "10% of the total points that PPN 002 expects")
    return None
