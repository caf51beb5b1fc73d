"""Scenario files: the format, its checks, and immutable domain objects."""

from workbench.scenario.files import (
    check_scenario,
    dump_scenario,
    file_sha256,
    load_scenario,
    parse_scenario,
    save_scenario,
    scenario_to_data,
)
from workbench.scenario.model import (
    ALL,
    CATEGORIES,
    MODES,
    Budget,
    Criterion,
    ForbidModes,
    Given,
    MaxChanges,
    MinScore,
    Option,
    OptionRef,
    RequireOption,
    Requires,
    Scenario,
    Service,
    SpendShare,
    Stakeholder,
)

__all__ = [
    "ALL", "CATEGORIES", "MODES", "Budget", "Criterion", "ForbidModes", "Given", "MaxChanges",
    "MinScore", "Option", "OptionRef", "RequireOption", "Requires", "Scenario", "Service",
    "SpendShare", "Stakeholder", "check_scenario", "dump_scenario", "file_sha256",
    "load_scenario", "parse_scenario", "save_scenario", "scenario_to_data",
]
