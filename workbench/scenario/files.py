"""Reading and writing scenario files, with every problem located by place and line."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workbench.errors import Problem, ScenarioError
from workbench.limits import Deadline, Limits, count_problems, excerpt, limits_for, too_big
from workbench.scenario.checks import cross_checks
from workbench.scenario.model import FORMAT, GIVEN_KINDS, Scenario
from workbench.scenario.yamlio import collection_paused, dump_yaml, lines_of, load_yaml

MAX_PROBLEMS = 200      # listed at most; the rest are counted (a page or terminal stays usable)
MAX_MESSAGE = 300       # characters of one problem's message


def load_scenario(path: str | Path, limits: Limits | None = None) -> Scenario:
    """The scenario in ``path``, checked; ScenarioError lists every problem at once.

    A file on this machine may be larger than an upload (``workbench.limits.LOCAL_FILE``);
    its size is checked before a byte of it is read."""
    limits = limits or limits_for(local_file=True)
    return parse_scenario(read_text(path, limits), str(path), limits)


def read_text(path: str | Path, limits: Limits) -> str:
    """The UTF-8 text of ``path``, its size checked before a byte of it is read (every file
    the workbench reads this way: scenarios, tenders); ScenarioError says why not."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            refused = too_big(os.fstat(handle.fileno()).st_size, limits)
            raw = b"" if refused else handle.read(limits.bytes + 1)
        refused = refused or too_big(len(raw), limits)     # a file that grew, or a pipe
        if refused:
            raise ScenarioError([Problem("", refused, str(path))])
        return raw.decode("utf-8")
    except FileNotFoundError:
        raise ScenarioError([Problem("", "no such file", str(path))]) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem("", f"is not UTF-8 text ({exc.reason} at byte "
                                         f"{exc.start})", str(path))]) from None
    except IsADirectoryError:
        raise ScenarioError([Problem("", "is a folder, not a file", str(path))]) from None
    except OSError as exc:
        raise ScenarioError([Problem("", f"cannot be read ({exc.strerror})", str(path))]) from None


def refuse_too_big(text: str, filename: str, limits: Limits) -> None:
    """Refuse a text above the byte limit before any parsing (counted in UTF-8 bytes only
    when its length in characters leaves it in doubt)."""
    if len(text) > limits.bytes or (len(text) * 4 > limits.bytes
                                    and len(text.encode("utf-8")) > limits.bytes):
        raise ScenarioError([Problem("", too_big(len(text.encode("utf-8")), limits) or "",
                                     filename)])


def parse_scenario(text: str, filename: str = "<scenario>",
                   limits: Limits | None = None) -> Scenario:
    """Check and return the scenario written in ``text`` (YAML, or JSON which is YAML too).

    ``text`` may come from anyone (an upload): it is held to ``limits`` (by default those
    for uploads, ``workbench.limits``) and every problem is located by place and line."""
    limits = limits or limits_for()
    refuse_too_big(text, filename, limits)
    deadline = Deadline(limits)
    try:
        with collection_paused():
            data = parse_data(text, limits, deadline)
            problems = count_problems(data, limits)
            scenario = None
            if not problems:
                problems, scenario = _problems(data)
    except ScenarioError as exc:
        raise ScenarioError([dataclasses.replace(p, file=filename, message=_cut(p.message))
                             for p in exc.problems]) from None
    if scenario is not None:
        return scenario
    raise ScenarioError(located_problems(text, problems, filename, deadline))


def located_problems(text: str, problems: list[tuple[str, str]], filename: str,
                     deadline: Deadline | None = None) -> list[Problem]:
    """``(place, message)`` pairs found in the data parsed from ``text`` as Problems with
    their file and line, in file order, at most MAX_PROBLEMS of them (the rest counted)."""
    shown = problems[:MAX_PROBLEMS]
    lines = lines_of(text, {place for place, _ in shown}, deadline)
    located = [Problem(place, _cut(message), filename, lines[place]) for place, message in shown]
    located.sort(key=lambda p: (p.line or 0, p.place))
    if len(problems) > len(shown):
        located.append(Problem("", f"and {len(problems) - len(shown):,} more problems, not "
                                   "listed (mend these first)", filename))
    return located


def parse_data(text: str, limits: Limits, deadline: Deadline) -> Any:
    """Plain values from ``text`` within ``limits``: JSON through the JSON parser (fast);
    anything else, or JSON it refuses, as YAML (``workbench.scenario.yamlio``). Problems
    raise ScenarioError with their line but no file name."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text, object_pairs_hook=_unique_keys)
        except (json.JSONDecodeError, _DuplicateKey, RecursionError):
            pass  # YAML flow style, or a problem the YAML pass locates with its line
        else:
            if deadline.expired():
                raise ScenarioError([Problem("", deadline.message())])
            return data
    return load_yaml(text, limits, deadline)


class _DuplicateKey(Exception):
    """A JSON object with a key twice: parsed again as YAML, which says where."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _DuplicateKey
    return mapping


def _cut(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE - 3] + "..."


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
        found.append(("format", f"must be {FORMAT!r} (got {excerpt(data.get('format'))})"))
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
    got = _Excerpt(error.get("input"))
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
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false (got {got!r})"
    if kind in ("string_type",):
        return f"must be text (got {got!r})"
    return error["msg"]


class _Excerpt:
    """An input value that prints (with ``!r``) as a short excerpt, never the whole value."""

    def __init__(self, value: Any):
        self.value = value

    def __repr__(self) -> str:
        return excerpt(self.value)


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


def dump_scenario(scenario: Scenario, as_json: bool = False) -> str:
    """The scenario as YAML text (or JSON, for large files) that loads back to an equal
    scenario."""
    data = scenario_to_data(scenario)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return dump_yaml(data)


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write the scenario to ``path`` atomically (a temporary file moved into place), as
    JSON when its name ends in ``.json`` (which loads several times faster) and YAML
    otherwise."""
    from workbench.atomic import write_atomically

    as_json = Path(path).suffix.lower() == ".json"
    write_atomically(Path(path), dump_scenario(scenario, as_json).encode("utf-8"))


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, recorded with every decision made from it."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
