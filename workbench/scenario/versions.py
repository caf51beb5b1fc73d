"""Scenario versions made by accepting proposed options (commissioning-cycle.md, section 6).

Version 1 is the meeting's scenario; each option the officers accept, in the order
accepted, adds one option to its service and makes the next version. The new option
keeps the proposal under the extra key ``proposed`` (its key, who proposed it, the rough
cost, expected scores and rationale), as an awarded tender keeps its marks: the workbench
reads the officers' cost and scores, never the proposal's. A version is plain data in the
file format, checked by loading it; ``version_diff`` is the unified diff of its YAML
against the version before, so the officers see exactly what changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.atomic import write_atomically
from workbench.errors import InputError, ScenarioError
from workbench.fields import mode_words
from workbench.scenario.files import parse_scenario, scenario_to_data
from workbench.scenario.yamlio import dump_yaml

if TYPE_CHECKING:
    from workbench.scenario.model import Scenario
    from workbench.store.options import ProposedOption


def _cost(values: Sequence[float]) -> Any:
    return values[0] if len(values) == 1 else list(values)


def option_data(option: ProposedOption, names: dict[str, str]) -> dict[str, Any]:
    """The accepted option as a scenario option: the officers' cost and scores, the
    proposal kept beside them under ``proposed``."""
    c = option.accepted
    if c is None:
        raise InputError(f"option: proposal {option.key} has not been accepted")
    who = names.get(option.proposed_by, option.proposed_by)
    title = option.provider or mode_words(option.mode).capitalize()
    data: dict[str, Any] = {"id": c.option_id, "name": f"{title} (proposed by {who})",
                            "mode": option.mode}
    if option.provider:
        data["provider"] = option.provider
    data.update({"cost": _cost(c.cost), "one_off": c.one_off, "scores": dict(c.scores),
                 "proposed": {"proposal": option.key, "by": option.proposed_by,
                              "rough_cost": list(option.rough_cost),
                              "expected_scores": dict(option.scores),
                              "rationale": option.rationale, "accepted_by": c.by}})
    return data


def version_data(scenario: Scenario, options: Sequence[ProposedOption],
                 version: int) -> dict[str, Any]:
    """Scenario version ``version`` as plain data: ``scenario`` (version 1) with every
    option accepted into versions 2 to ``version`` added to its service."""
    data = scenario_to_data(scenario)
    if version <= 1:
        return data
    names = {g.id: g.name for g in scenario.stakeholders}
    accepted = sorted((o for o in options if o.accepted is not None
                       and o.accepted.scenario_version <= version),
                      key=lambda o: o.accepted.scenario_version if o.accepted else 0)
    if not accepted or (accepted[-1].accepted and
                        accepted[-1].accepted.scenario_version != version):
        raise InputError(f"version: there is no scenario version {version} (no option was "
                         "accepted into it)")
    for option in accepted:
        service = next((s for s in data["services"] if s["id"] == option.service), None)
        if service is None:
            raise InputError(f"service: no service {option.service!r} in the scenario")
        service["options"].append(option_data(option, names))
    data["name"] = f"{scenario.name} (version {version}, with proposed options)"
    return data


def version_text(scenario: Scenario, options: Sequence[ProposedOption], version: int) -> str:
    """The version's YAML, checked: it loads as a scenario, or InputError says why."""
    text = dump_yaml(version_data(scenario, options, version))
    try:
        parse_scenario(text, f"<scenario version {version}>")
    except ScenarioError as exc:
        raise InputError(f"scenario version {version} does not load: "
                         f"{'; '.join(str(p) for p in exc.problems[:3])}") from None
    return text


def version_diff(scenario: Scenario, options: Sequence[ProposedOption], version: int) -> str:
    """The unified diff of version ``version``'s YAML against the version before."""
    old = dump_yaml(version_data(scenario, options, version - 1)) if version > 2 else \
        dump_yaml(scenario_to_data(scenario))
    new = version_text(scenario, options, version)
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        fromfile=f"version {version - 1}",
                                        tofile=f"version {version}"))


def write_version(scenario: Scenario, options: Sequence[ProposedOption], version: int,
                  path: str | Path) -> None:
    """Write the version atomically: the file is whole or not there."""
    write_atomically(Path(path), version_text(scenario, options, version).encode("utf-8"))
