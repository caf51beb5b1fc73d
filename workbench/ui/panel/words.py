"""A scenario in the words a tenant reads: each given as one sentence with its limits in
money (£71m, not 71000000) and names (never ids), each delivery mode as a phrase."""

from __future__ import annotations

from workbench.money import money
from workbench.scenario import Scenario

MODES = {"in_house": "kept in-house", "shared_service": "shared with a neighbour",
         "partnership": "run in partnership", "outsource": "outsourced",
         "grant": "funded by grant", "decommission": "stopped"}


def short_money(amount: float, currency: str) -> str:
    """£71m, £73.5m, £450k: a limit as people say it (whole units below a thousand)."""
    symbol = money(0, currency)[:-1]
    for size, unit in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(amount) >= size:
            return f"{symbol}{amount / size:,.1f}".removesuffix(".0") + unit
    return money(amount, currency)


def listed(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _services(scenario: Scenario, chosen) -> str:
    if chosen == "all":
        return "every service"
    names = {s.id: s.name for s in scenario.services}
    return listed([names.get(s, s) for s in chosen])


def _option(scenario: Scenario, ref) -> tuple[str, str]:
    service = next((s for s in scenario.services if s.id == ref.service), None)
    if service is None:
        return ref.service, ref.option
    option = next((o for o in service.options if o.id == ref.option), None)
    return service.name, option.name if option else ref.option


def given_sentence(given, scenario: Scenario) -> str:
    """What a given demands, in one plain sentence."""
    cur = scenario.currency
    kind = given.kind
    if kind == "budget":
        where = f"on {listed(list(given.areas))}" if given.areas else "on these services"
        limits = [short_money(v, cur) for v in given.limit]
        if len(set(limits)) == 1:
            return f"Spending {where} is at most {limits[0]} a year."
        by_year = listed([f"{v} in {y}" for v, y in zip(limits, scenario.years)])
        return f"Spending {where} is at most {by_year}."
    if kind == "require_option":
        service, option = _option(scenario, given)
        return f"{service} must be: {option}."
    if kind == "forbid_modes":
        how = listed([MODES.get(m, m) for m in given.modes]).replace(" and ", " or ")
        services = _services(scenario, given.services)
        return f"{services[0].upper()}{services[1:]} cannot be {how}."
    if kind == "min_score":
        criterion = next((c.name for c in scenario.criteria if c.id == given.criterion),
                         given.criterion)
        who = "No service" if given.services == "all" else \
            f"None of {_services(scenario, given.services)}"
        return (f"{who} may take an option that scores below {given.value:g} out of 100 for "
                f"{criterion}.")
    if kind == "spend_share":
        how = listed([MODES.get(m, m) for m in given.modes]).replace(" and ", " or ")
        where = f" of spending on {listed(list(given.areas))}" if given.areas else \
            " of the spending"
        bounds = [f"at least {given.min:.0%}" if given.min is not None else "",
                  f"at most {given.max:.0%}" if given.max is not None else ""]
        share = " and ".join(b for b in bounds if b)
        return f"{share[0].upper()}{share[1:]}{where} goes on services {how}."
    if kind == "max_changes":
        return f"At most {given.limit} services may change how they are delivered."
    if kind == "requires":
        if_service, if_option = _option(scenario, given.if_)
        then_service, then_option = _option(scenario, given.then)
        return f"If {if_service} becomes “{if_option}”, {then_service} must be “{then_option}”."
    return given.reason
