"""YAML in and out, fast (libyaml) and with YAML 1.2 meanings, bounded, and line numbers on
demand.

Scenario files can be large (a generated 10,000-service file is 10 MB) and come from anyone,
so the text is parsed by libyaml's C parser and its events are built into plain values in
one tight loop (PyYAML's own constructor took 20 s on a 10 MB file), which also enforces
``workbench.limits``: nesting depth, values after aliases are expanded (an alias bomb is
refused without expanding it), and time. Duplicate keys are refused with their line. Lines of
other problems are only looked up, in a second pass over the events, when there are problems
to place. The resolvers follow YAML 1.2's core schema, so ``no`` and ``on`` stay text (an
option called ``no`` is not a boolean) and ``1e6`` is a number.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import yaml
from yaml import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from workbench.errors import Problem, ScenarioError
from workbench.limits import UPLOAD, Deadline, Limits, excerpt

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Loader(_BASE):  # type: ignore[misc, valid-type]
    """The resolvers of YAML 1.2's core schema (the table ``load_yaml`` reads)."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:float",
                           "tag:yaml.org,2002:int")]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                             re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Loader.add_implicit_resolver("tag:yaml.org,2002:int",
                             re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                             list("-+0123456789"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


def _float(text: str) -> float:
    text = text.lower()
    if text.lstrip("+-") == ".inf":
        return float("-inf") if text.startswith("-") else float("inf")
    return float("nan") if text == ".nan" else float(text)



_TAG = "tag:yaml.org,2002:"
_PLAIN: dict[str, Callable[[str], Any]] = {
    _TAG + "bool": lambda text: text in ("true", "True", "TRUE"),
    _TAG + "int": _int, _TAG + "float": _float,
    _TAG + "null": lambda text: None,
    _TAG + "str": str, _TAG + "value": str}
_RESOLVERS = Loader.yaml_implicit_resolvers
_SAFE = yaml.SafeLoader("")                 # for the rare timestamp, nothing else
_NO_KEY = object()
_CHECK_EVERY = 8192                         # events between looks at the clock
_SEEN = 200_000                             # plain scalars remembered once resolved


def _refuse(message: str, event: Any, place: str = "") -> ScenarioError:
    mark = getattr(event, "start_mark", None)
    return ScenarioError([Problem(place, message, None, mark.line + 1 if mark else None)])


def _scalar(event: ScalarEvent) -> Any:
    """The value of a scalar, resolved as YAML 1.2's core schema says."""
    text, tag = event.value, event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return text                                      # quoted: always text
        for rtag, regexp in _RESOLVERS.get(text[:1], ()):
            if regexp.match(text):
                tag = rtag
                break
        else:
            return text
    make = _PLAIN.get(tag)
    if make is not None:
        try:
            return make(text)
        except ValueError:
            raise _refuse(f"is not a valid {tag[len(_TAG):]} (got {excerpt(text)})",
                          event) from None
    if tag == _TAG + "timestamp":
        return _SAFE.construct_yaml_timestamp(yaml.ScalarNode(tag, text))
    if tag == _TAG + "merge":
        return _MERGE
    raise _refuse(f"uses the tag {excerpt(tag)}, which scenario files do not allow", event)


class _Merge:
    """The ``<<`` key: the mapping(s) it names are merged into the one that holds it."""


_MERGE = _Merge()


def load_yaml(text: str, limits: Limits = UPLOAD, deadline: Deadline | None = None) -> Any:
    """Parse ``text`` (YAML, or JSON which is YAML too) into plain values within ``limits``.

    A problem (invalid YAML, a duplicate key, too deep, too many values after aliases, out
    of time) raises ScenarioError with its place and line but no file name."""
    deadline = deadline or Deadline(limits)
    try:
        with collection_paused():
            return _build(_BASE(text), limits, deadline)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or str(exc)
        what = _nested(limits) if "nesting depth" in what else f"is not valid YAML: {what}"
        raise ScenarioError([Problem("", what, None, mark.line + 1 if mark else None)]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem("", f"is not valid YAML: {excerpt(str(exc))}")]) from None


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection while a large file becomes values and is checked: millions of
    new containers and no cycles, so collecting only costs time (a third of it at 10,000
    services)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _nested(limits: Limits) -> str:
    return (f"is nested more than {limits.depth} levels deep; a scenario needs far fewer "
            "(WORKBENCH_MAX_DEPTH raises the limit)")


def _build(parser: Any, limits: Limits, deadline: Deadline) -> Any:
    """Build values from the event stream: one frame per open mapping or sequence."""
    get = parser.get_event
    stack: list[list[Any]] = []   # [container, pending key, key event, nodes at start, anchor]
    anchors: dict[str, tuple[Any, int]] = {}
    seen: dict[str, Any] = {}     # plain scalars already resolved (values are immutable)
    nodes, events, root, documents = 0, 0, None, 0
    while True:
        event = get()
        kind = type(event)
        events += 1
        if events % _CHECK_EVERY == 0 and deadline.expired():
            raise _refuse(deadline.message(), event, _place_of(stack))
        if kind is ScalarEvent:
            nodes += 1
            if event.tag is None and event.implicit[0]:      # plain: keys, ids, numbers
                value = seen.get(event.value, _NO_KEY)
                if value is _NO_KEY:
                    value = _scalar(event)
                    if len(seen) < _SEEN:
                        seen[event.value] = value
            else:
                value = _scalar(event)
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= limits.depth:
                raise _refuse(_nested(limits), event, _place_of(stack))
            if event.tag not in (None, "!", _TAG + "map", _TAG + "seq"):
                raise _refuse(f"uses the tag {excerpt(event.tag)}, which scenario files do "
                              "not allow", event, _place_of(stack))
            nodes += 1
            stack.append([{} if kind is MappingStartEvent else [], _NO_KEY, None, nodes,
                          event.anchor])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            value = frame[0]
            if type(value) is dict and _MERGE in value:
                value = _merged(value, event, stack)
            if frame[4] is not None:
                anchors[frame[4]] = (value, nodes - frame[3] + 1)
        elif kind is AliasEvent:
            if event.anchor not in anchors:
                raise _refuse(f"uses the alias *{excerpt(event.anchor)[1:-1]} before (or "
                              "inside) its anchor", event, _place_of(stack))
            value, size = anchors[event.anchor]
            nodes += size
            if nodes > limits.nodes:
                raise _refuse(f"aliases here would expand the file to more than "
                              f"{limits.nodes:,} values; refused without expanding them "
                              "(WORKBENCH_MAX_NODES raises the limit)", event,
                              _place_of(stack))
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse("holds more than one YAML document (a second '---')", event)
            continue
        elif kind is StreamEndEvent:
            return root
        else:
            continue                                         # stream start, document end
        if not stack:
            root = value
            continue
        frame = stack[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
        elif frame[1] is _NO_KEY:
            if type(value) is dict or type(value) is list:
                raise _refuse("a key must be text or a number, not a list or mapping",
                              event, _place_of(stack))
            frame[1], frame[2] = value, event
        else:
            key = frame[1]
            if key in container and key is not _MERGE:
                raise _refuse(f"duplicate key {excerpt(key)}", frame[2], _place_of(stack))
            if key is _MERGE:
                container.setdefault(_MERGE, []).append(value)
            else:
                container[key] = value
            frame[1] = _NO_KEY


def _merged(mapping: dict, event: Any, stack: list) -> dict:
    """``<<: *base`` (or a list of them): the named mappings' keys, then this one's own."""
    merged: dict = {}
    for value in reversed(mapping.pop(_MERGE)):
        for one in reversed(value) if type(value) is list else (value,):
            if type(one) is not dict:
                raise _refuse("<< must name a mapping or a list of mappings", event,
                              _place_of(stack))
            merged.update(one)
    merged.update(mapping)
    return merged


def _place_of(stack: list[list[Any]]) -> str:
    """The place being built, ``services[3].options``: named in refusals."""
    place = ""
    for container, key, *_ in stack:
        if type(container) is list:
            place += f"[{len(container)}]"
        elif key is not _NO_KEY:
            place += f".{key}" if place else str(key)
    return place


def dump_yaml(data: Any) -> str:
    """Block style with short lists inline: readable, diffable, and loads back equal."""
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=None)


def lines_of(text: str, places: Iterable[str],
             deadline: Deadline | None = None) -> dict[str, int | None]:
    """The 1-based line of each place (``services[3].options[1].cost``), or of its nearest
    parent: one pass over the events, made only when there are problems to place."""
    wanted = {place: tuple(_keys(place)) for place in places}
    prefixes = {keys[:n] for keys in wanted.values() for n in range(len(keys) + 1)}
    found: dict[tuple, int] = {}
    with contextlib.suppress(yaml.YAMLError):
        _find_lines(_BASE(text), prefixes, found, deadline)
    lines: dict[str, int | None] = {}
    for place, keys in wanted.items():
        lines[place] = next((found[keys[:n]] for n in range(len(keys), 0, -1)
                             if keys[:n] in found), None)
    return lines


def _find_lines(parser: Any, prefixes: set, found: dict, deadline: Deadline | None) -> None:
    """Record the line of every wanted key and item; look at nothing under other places."""
    get = parser.get_event
    stack: list[list[Any]] = []     # [path or None when unwanted, is mapping, expects a key,
    events = 0                      #  next index, current key]
    while True:
        event = get()
        kind = type(event)
        events += 1
        if deadline is not None and events % _CHECK_EVERY == 0 and deadline.expired():
            return
        if kind is StreamEndEvent:
            return
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            if stack:
                _completed(stack[-1])
            continue
        if kind is not ScalarEvent and kind is not AliasEvent \
                and kind is not MappingStartEvent and kind is not SequenceStartEvent:
            continue
        path: tuple | None = ()
        if stack:
            frame = stack[-1]
            if frame[1] and frame[2]:                        # a mapping's key
                frame[2], frame[4] = False, event.value if kind is ScalarEvent else ""
                if frame[0] is not None and frame[0] + (frame[4],) in prefixes:
                    found[frame[0] + (frame[4],)] = event.start_mark.line + 1
                continue
            if frame[0] is None:
                path = None
            else:
                path = frame[0] + ((frame[4],) if frame[1] else (frame[3],))
                if path not in prefixes:
                    path = None
                elif not frame[1]:
                    found[path] = event.start_mark.line + 1
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            stack.append([path, kind is MappingStartEvent, True, 0, None])
        elif stack:
            _completed(stack[-1])


def _completed(frame: list[Any]) -> None:
    """A value of this mapping or sequence has ended: a key or the next item follows."""
    if frame[1]:
        frame[2] = True
    else:
        frame[3] += 1


def _keys(place: str) -> list[Any]:
    keys: list[Any] = []
    for part in place.split(".") if place else []:
        name, _, rest = part.partition("[")
        if name:
            keys.append(name)
        for index in rest.replace("]", "").split("[") if rest else []:
            keys.append(int(index))
    return keys
