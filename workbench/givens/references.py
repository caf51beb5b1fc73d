"""What a given may refer to, and the located problems when it refers to nothing.

Built from the plain parsed file (:mod:`workbench.scenario.checks`) before any model is
validated, so that every problem is reported at once even in a malformed file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.fields import ALL


@dataclass
class References:
    """The ids of a file's years, criteria, services, options and areas, and the problems
    found so far as ``(place, message)``."""

    n_years: int | None = None
    criteria: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    options: dict[str, set[str]] = field(default_factory=dict)
    areas: set[str] = field(default_factory=set)
    problems: list[tuple[str, str]] = field(default_factory=list)

    def add(self, place: str, message: str) -> None:
        self.problems.append((place, message))

    def service(self, place: str, ident: Any) -> bool:
        """Whether ``ident`` names a service (None is left to the schema)."""
        if ident is not None and self.services and str(ident) not in self.services:
            self.add(place, f"unknown service {ident!r}")
            return False
        return True

    def services_or_all(self, place: str, targets: Any) -> None:
        """A list of services, one service, or ``all``."""
        if isinstance(targets, list):
            for i, ident in enumerate(targets):
                self.service(f"{place}[{i}]", ident)
        elif isinstance(targets, str) and targets != ALL:
            self.service(place, targets)

    def option(self, place: str, service: Any, option: Any) -> None:
        """``{service, option}`` at ``place`` names an option of that service."""
        if self.service(f"{place}.service", service) and option is not None:
            known = self.options.get(str(service))
            if known and str(option) not in known:
                self.add(f"{place}.option", f"unknown option {option!r} of service "
                         f"{service!r} (options are {', '.join(sorted(known))})")

    def option_ref(self, place: str, ref: Any) -> None:
        if isinstance(ref, dict):
            self.option(place, ref.get("service"), ref.get("option"))

    def area_list(self, place: str, value: Any) -> None:
        if isinstance(value, list):
            for i, area in enumerate(value):
                if str(area) not in self.areas:
                    known = ", ".join(sorted(self.areas)) or "none"
                    self.add(f"{place}[{i}]", f"unknown area {area!r} (areas are {known})")

    def criterion(self, place: str, ident: Any) -> None:
        if ident is not None and self.criteria and str(ident) not in self.criteria:
            self.add(place, f"unknown criterion {ident!r} "
                     f"(criteria are {', '.join(self.criteria)})")

    def per_year(self, place: str, value: Any) -> None:
        """A list of money amounts needs one per year."""
        if isinstance(value, list) and self.n_years is not None and len(value) != self.n_years:
            self.add(place, f"needs one number per year ({self.n_years}) or one number for "
                     f"every year (got {len(value)})")
