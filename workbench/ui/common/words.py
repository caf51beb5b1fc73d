"""Numbers and givens as people in the room read them: £71m rather than 71000000, a given's
demand in a sentence rather than its id, satisfaction always with two decimals (0.88)."""

from __future__ import annotations

from workbench.scenario import Scenario

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}

MODES = {"in_house": "in-house", "shared_service": "shared service",
         "partnership": "partnership", "outsource": "outsourced", "grant": "grant-funded",
         "decommission": "stopped"}

KINDS = {"budget": "Budget", "require_option": "Fixed choice", "forbid_modes": "Ruled out",
         "min_score": "Minimum standard", "spend_share": "Share of spend",
         "max_changes": "Limit on changes", "requires": "Depends on"}


def short_money(amount: float, currency: str = "GBP") -> str:
    """An amount for a slide: £71m, £73.5m, £250k, £900 (sign kept)."""
    symbol = SYMBOLS.get(currency, currency + " ")
    sign, amount = ("-" if amount < 0 else ""), abs(amount)
    for size, unit in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if amount >= size:
            return f"{sign}{symbol}{amount / size:.1f}".rstrip("0").rstrip(".") + unit
    return f"{sign}{symbol}{amount:,.0f}"


def signed_money(amount: float, currency: str = "GBP") -> str:
    """A change in money, with its sign always written: +£1.2m, -£300k, no change £0."""
    if abs(amount) < 0.5:
        return f"{SYMBOLS.get(currency, currency + ' ')}0"
    return ("+" if amount > 0 else "") + short_money(amount, currency)


def satisfaction_text(value: float | None) -> str:
    """Satisfaction the same way on every page: 0 to 1 with two decimals."""
    return "–" if value is None else f"{value:.2f}"


def mode_text(mode: str) -> str:
    return MODES.get(mode, mode.replace("_", " "))


def _services(scenario: Scenario, services) -> str:
    if services == "all":
        return "every service"
    return ", ".join(scenario.service(s).name for s in services)


def _option(scenario: Scenario, ref) -> str:
    service = scenario.service(ref.service)
    return f"{service.name}: {service.option(ref.option).name}"


def given_text(scenario: Scenario, given) -> str:
    """What a given demands, in one sentence with names and limits in words."""
    cur, kind = scenario.currency, given.kind
    if kind == "budget":
        limits = sorted(set(given.limit))
        amount = short_money(limits[0], cur) if len(limits) == 1 else ", ".join(
            f"{short_money(v, cur)} in {y}" for y, v in zip(scenario.years, given.limit))
        where = f" on {', '.join(given.areas)}" if given.areas else ""
        return f"Spend{where} at most {amount}" + (" a year" if len(limits) == 1 else "")
    if kind == "require_option":
        return f"{_option(scenario, given)} must be chosen"
    if kind == "forbid_modes":
        modes = " or ".join(mode_text(m) for m in given.modes)
        return f"{_services(scenario, given.services)}: cannot be {modes}"
    if kind == "min_score":
        criterion = next(c.name for c in scenario.criteria if c.id == given.criterion)
        return (f"{_services(scenario, given.services)}: no option scoring below "
                f"{given.value:g} on {criterion}")
    if kind == "spend_share":
        modes = " or ".join(mode_text(m) for m in given.modes)
        bounds = [f"at least {given.min:.0%}" if given.min is not None else "",
                  f"at most {given.max:.0%}" if given.max is not None else ""]
        where = f" of {', '.join(given.areas)}" if given.areas else ""
        return f"{' and '.join(b for b in bounds if b)} of spend{where} {modes}"
    if kind == "max_changes":
        return f"At most {given.limit} services change from today"
    if kind == "requires":
        return f"{_option(scenario, given.if_)} needs {_option(scenario, given.then)}"
    return kind.replace("_", " ")


def given_names(scenario: Scenario, ids) -> str:
    """Givens named in words for a sentence (the ids are for files, not for people)."""
    by_id = {g.id: g for g in scenario.givens}
    return "; ".join(given_text(scenario, by_id[g]) if g in by_id else str(g) for g in ids)

