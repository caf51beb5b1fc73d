"""The one table of given kinds that every stage reads: schema, checks, model, words.

The scenario model's ``givens`` accept exactly the registered kinds; registering one
(the standard seven at import, or a test's own) rebuilds it, so a new kind needs no edit
anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Annotated, Any, Union, overload

from pydantic import Field

from workbench.givens.kind import GivenBase, GivenKind

_KINDS: dict[str, GivenKind[Any]] = {}
_BY_MODEL: dict[type, GivenKind[Any]] = {}
_LISTENERS: list[Callable[[], None]] = []


def register(*kinds: GivenKind[Any]) -> None:
    """Add kinds (a name registered again is replaced) and rebuild what depends on them."""
    for kind in kinds:
        old = _KINDS.get(kind.name)
        if old is not None:
            _BY_MODEL.pop(old.model, None)
        _KINDS[kind.name] = kind
        _BY_MODEL[kind.model] = kind
    for listener in _LISTENERS:
        listener()


def unregister(name: str) -> None:
    """Remove a kind (a test's own, once it is done with it)."""
    kind = _KINDS.pop(name)
    _BY_MODEL.pop(kind.model, None)
    for listener in _LISTENERS:
        listener()


def on_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` now and whenever the kinds change (the scenario model rebuilds)."""
    _LISTENERS.append(listener)
    listener()


def kind_of(given: GivenBase) -> GivenKind[Any]:
    """The kind of a validated given."""
    return _BY_MODEL[type(given)]


def kind_named(name: object) -> GivenKind[Any] | None:
    return _KINDS.get(name) if isinstance(name, str) else None


def kinds() -> tuple[GivenKind[Any], ...]:
    return tuple(_KINDS.values())


def given_type() -> Any:
    """The tagged union of every registered kind's model, for pydantic."""
    models = [k.model for k in _KINDS.values()]
    if not models:
        return GivenBase
    return Annotated[Union[tuple(models)], Field(discriminator="kind")]  # noqa: UP007


class KindNames(Sequence[str]):
    """The names of the registered kinds, always current (``"budget" in GIVEN_KINDS``)."""

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return tuple(_KINDS)[index]

    def __len__(self) -> int:
        return len(_KINDS)

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(_KINDS))

    def __contains__(self, name: object) -> bool:
        return name in _KINDS

    def __repr__(self) -> str:
        return repr(tuple(_KINDS))


GIVEN_KINDS = KindNames()
