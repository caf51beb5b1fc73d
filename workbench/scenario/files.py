"""Reading and writing scenario files, with every problem located by place and line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from workbench.errors import Problem, ScenarioError
from workbench.scenario.checks import cross_checks
from workbench.scenario.model import FORMAT, GIVEN_KINDS, Scenario
from workbench.scenario.yamlio import dump_yaml, line_of, load_yaml


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in ``path``, checked; ScenarioError lists every problem at once."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem("", "no such file", str(path))]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem("", f"is not UTF-8 text ({exc.reason} at byte "
                                         f"{exc.start})", str(path))]) from None
    except OSError as exc:
        raise ScenarioError([Problem("", f"cannot be read ({exc.strerror})", str(path))]) from None
    return parse_scenario(text, str(path))


def parse_scenario(text: str, filename: str = "<scenario>") -> Scenario:
    """Check and return the scenario written in ``text`` (YAML, or JSON which is YAML too)."""
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else load_yaml(text)
    except json.JSONDecodeError:
        data = _yaml_or_problem(text, filename)  # JSON-looking YAML flow mapping
    except yaml.YAMLError as exc:
        raise ScenarioError([_syntax_problem(exc, filename)]) from None
    problems, scenario = _problems(data)
    if scenario is not None:
        return scenario
    located = [Problem(place, message, filename, line_of(text, place))
               for place, message in problems]
    located.sort(key=lambda p: (p.line or 0, p.place))
    raise ScenarioError(located)


def _yaml_or_problem(text: str, filename: str) -> Any:
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        raise ScenarioError([_syntax_problem(exc, filename)]) from None


def _syntax_problem(exc: yaml.YAMLError, filename: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    return Problem("", f"is not valid YAML: {what}", filename, mark.line + 1 if mark else None)


def check_scenario(scenario: Scenario) -> Scenario:
    """Re-check an in-memory scenario (after ``replace``) with the file rules; return it."""
    data = scenario_to_data(scenario)
    problems = [Problem(place, message) for place, message in _problems(data)[0]]
    if problems:
        raise ScenarioError(problems)
    return scenario


def _problems(data: Any) -> tuple[list[tuple[str, str]], Scenario | None]:
    """Every ``(place, message)`` wrong with ``data``, and the scenario when there are none."""
    found: list[tuple[str, str]] = []
    scenario = None
    if isinstance(data, dict) and data.get("format") != FORMAT:
        found.append(("format", f"must be {FORMAT!r} (got {data.get('format')!r})"))
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        for error in errors:
            place, loc = _place(error["loc"]), error["loc"]
            if place == "format":
                continue
            if error["type"] == "too_short" and any(
                    len(e["loc"]) > len(loc) and e["loc"][:len(loc)] == loc for e in errors):
                continue  # an empty-after-failures echo of the items' own errors
            found.append((place, _message(error)))
    seen = {p for p, _ in found}
    found += [(p, m) for p, m in cross_checks(data) if p not in seen]
    return found, (scenario if not found else None)


def _place(loc: tuple) -> str:
    parts: list[str] = []
    for i, key in enumerate(loc):
        if isinstance(key, int):
            parts[-1:] = [f"{parts[-1]}[{key}]" if parts else f"[{key}]"]
        elif i == 2 and loc[0] == "givens" and key in GIVEN_KINDS:
            continue  # pydantic's union tag is not a place in the file
        elif key == "if_":
            parts.append("if")
        else:
            parts.append(str(key))
    return ".".join(parts)


def _message(error: dict) -> str:
    kind = error["type"]
    got = error.get("input")
    if kind == "missing":
        return "is required"
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']} (got {got!r})"
    if kind == "union_tag_invalid":
        return f"unknown kind {error['ctx']['tag']!r} (kinds are {', '.join(GIVEN_KINDS)})"
    if kind == "union_tag_not_found":
        return f"needs a kind (one of {', '.join(GIVEN_KINDS)})"
    if kind in ("tuple_type", "list_type"):
        return f"must be a list (got {got!r})"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a mapping of keys to values (got {got!r})"
    if kind == "too_short":
        return "must not be empty"
    if kind in ("string_type",):
        return f"must be text (got {got!r})"
    return error["msg"]


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain data in the file format (what ``save_scenario`` writes)."""
    data = scenario.model_dump(by_alias=True, exclude_none=True, mode="json")
    return _lists(data)


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as YAML text that loads back to an equal scenario."""
    return dump_yaml(scenario_to_data(scenario))


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write the scenario to ``path`` atomically (a temporary file moved into place)."""
    from workbench.files import write_atomically

    write_atomically(Path(path), dump_scenario(scenario).encode("utf-8"))


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, recorded with every decision made from it."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
