"""Money for people: the one place that knows currency symbols and how amounts are written.

The command line, the pages, the finance workbook and the published record all write money
through these functions, so a JPY scenario shows "¥1,000" everywhere. A scenario's
``currency`` is an ISO 4217 code (three capital letters) or a short symbol of its own
(checked in :mod:`workbench.scenario.model`); a symbol is written as it is.
"""

from __future__ import annotations

import re

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥", "INR": "₹"}
ISO_CODE = re.compile(r"[A-Z]{3}")
SYMBOL_MAX = 3
SYMBOL_FORBIDDEN = frozenset('<>&"\'')


def is_iso_code(currency: str) -> bool:
    """Three capital letters: an ISO 4217 code such as GBP (written as its symbol if known)."""
    return ISO_CODE.fullmatch(currency) is not None


def currency_problem(currency: object) -> str | None:
    """Why ``currency`` cannot be a scenario's currency, or None when it can."""
    if not isinstance(currency, str):
        return f"must be text (got {currency!r})"
    if is_iso_code(currency):
        return None
    if not currency.strip() or len(currency) > SYMBOL_MAX or \
            any(ch in SYMBOL_FORBIDDEN or not ch.isprintable() for ch in currency):
        return ("must be an ISO 4217 code (three capital letters, such as GBP) or a short "
                f"symbol (at most {SYMBOL_MAX} characters, none of < > & \" ') "
                f"(got {currency!r})")
    return None


def prefix(currency: str) -> str:
    """What goes before an amount: a known code's symbol, an unknown code and a space, or
    the scenario's own symbol."""
    if currency in SYMBOLS:
        return SYMBOLS[currency]
    return currency + " " if is_iso_code(currency) else currency


def money(amount: float, currency: str = "GBP") -> str:
    """A whole amount for reading: ``£1,250,000``."""
    return f"{prefix(currency)}{amount:,.0f}"


def short_money(amount: float, currency: str = "GBP") -> str:
    """An amount as people say it on a slide or a phone: £71m, £73.5m, £250k, £900."""
    symbol, sign, amount = prefix(currency), ("-" if amount < 0 else ""), abs(amount)
    for size, unit in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if amount >= size:
            return f"{sign}{symbol}{amount / size:,.1f}".removesuffix(".0") + unit
    return f"{sign}{symbol}{amount:,.0f}"


def signed_money(amount: float, currency: str = "GBP") -> str:
    """A change in money, its sign always written: +£1.2m, -£300k; no change is £0."""
    if abs(amount) < 0.5:
        return f"{prefix(currency)}0"
    return ("+" if amount > 0 else "") + short_money(amount, currency)


def number_format(currency: str) -> str:
    """An Excel number format in ``currency``: symbol, thousands, pence; minus in front."""
    symbol = SYMBOLS.get(currency) or ("" if is_iso_code(currency) else currency)
    if symbol:
        unit = f'"{symbol}"#,##0.00'
    else:
        unit = f'#,##0.00 "{currency}"'
    return f"{unit};-{unit}"
