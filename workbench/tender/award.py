"""The winning bid as the outsource option of its service in a new scenario
(commissioning-cycle.md, section 5): its price becomes the option's cost (every year), its
bidder the provider, and its quality marks are kept beside the option's scores under the
option's extra key ``tender`` (the scenario format allows new keys; the workbench reads
the scores, not the marks, so officers' scores still decide the make-or-buy choice).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.atomic import write_atomically
from workbench.errors import InputError
from workbench.limits import excerpt
from workbench.scenario import Scenario, parse_scenario, scenario_to_data
from workbench.scenario.yamlio import dump_yaml
from workbench.tender.evaluation import TenderResult


def _target(scenario: Scenario, service_id: str, option: str | None) -> str:
    """The option the winner fills: ``option`` when named (an outsource option), else the
    service's only outsource option."""
    service = scenario.service(service_id)
    outsourced = [o.id for o in service.options if o.mode == "outsource"]
    if option is not None:
        if option not in {o.id for o in service.options}:
            raise InputError(f"service {service_id} has no option {excerpt(option)} "
                             f"(its options: {', '.join(o.id for o in service.options)})")
        if option not in outsourced:
            raise InputError(f"option {option} of {service_id} is not an outsource option; "
                             "a tender's winner can only fill one")
        return option
    if len(outsourced) == 1:
        return outsourced[0]
    if not outsourced:
        raise InputError(f"service {service_id} has no outsource option for the winning bid "
                         "to fill: add one (with the officers' scores) to the scenario first")
    raise InputError(f"service {service_id} has {len(outsourced)} outsource options "
                     f"({', '.join(outsourced)}): say which the winning bid fills")


def tender_record(result: TenderResult) -> dict[str, Any]:
    """What the option keeps of the tender: the winning bid, its marks and points."""
    tender, winner = result.tender, result.winner
    assert winner is not None
    score = next(s for s in result.bids if s.id == winner)
    return {"name": tender.name, "bid": winner, "bidder": tender.bid(winner).bidder,
            "price": tender.bid(winner).price,
            "marks": {c.id: float(result.marks[winner, c.id]) for c in tender.quality},
            "quality_points": float(score.quality),
            "price_points": float(score.price_points or 0),
            "total": float(score.total or 0), "of_points": tender.total_points}


def award(result: TenderResult, scenario: Scenario, option: str | None = None) -> dict[str, Any]:
    """The new scenario as plain data (the file format), checked: the winning bid fills the
    outsource option of the tender's service. InputError says why it cannot."""
    tender = result.tender
    if tender.service is None:
        raise InputError(f"the tender {excerpt(tender.name)} names no service: add "
                         "'service: ID' (the scenario service it fills) to the tender file")
    if result.winner is None:
        raise InputError("the tender has no winner (no compliant bid): nothing to award")
    if tender.service not in {s.id for s in scenario.services}:
        raise InputError(f"the scenario has no service {excerpt(tender.service)} (the "
                         "tender's service)")
    if tender.currency != scenario.currency:
        raise InputError(f"the tender is in {tender.currency} and the scenario in "
                         f"{scenario.currency}: prices cannot be compared")
    target = _target(scenario, tender.service, option)
    bid = tender.bid(result.winner)
    data = scenario_to_data(scenario)
    data["name"] = f"{scenario.name} (tender: {tender.name})"
    service = next(s for s in data["services"] if s["id"] == tender.service)
    chosen = next(o for o in service["options"] if o["id"] == target)
    chosen.update({"name": f"{tender.name}: {bid.bidder}", "provider": bid.bidder,
                   "cost": bid.price, "tender": tender_record(result)})
    parse_scenario(dump_yaml(data), "<new scenario>")      # it must load as a scenario
    return data


def write_award(data: dict[str, Any], path: str | Path) -> None:
    """Write the new scenario atomically: the file is whole or not there."""
    write_atomically(Path(path), dump_yaml(data).encode("utf-8"))
