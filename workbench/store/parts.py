"""What each part of the meeting store (the cycle, needs, options, tenders, votes, the
specification) calls on the store as a whole, declared once for type checkers.

``MeetingStore`` is one class made of a mixin per stage of the cycle; each mixin calls the
store's own methods (``_authorise``, ``_append``, ...) and some of the cycle's (``_event``,
``_answer``). Declaring them here, under ``TYPE_CHECKING`` only, gives every mixin one
description of them; at run time this class is empty, so it can never hide a real method
(``tests/store/test_mixins.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from workbench.scenario import Scenario
    from workbench.store.guard import Refused
    from workbench.store.meetings import Access, Decision, Event, MeetingInfo
    from workbench.store.needs import Need


class StoreParts:
    """The store's methods its parts call (defined by MeetingStore and CycleRecords)."""

    if TYPE_CHECKING:
        engine: Engine

        # -- MeetingStore's own ---------------------------------------------------------
        def _authorise(self, meeting_id: Any, token: Any, action: str,
                       roles: tuple[str, ...], conn: Connection | None = None, *,
                       after_close: bool = False) -> Access: ...

        def _append(self, conn: Connection, meeting_id: str, kind: str, actor: str,
                    detail: Mapping[str, Any], at: datetime | None = None
                    ) -> tuple[int, int]: ...

        def _next_version(self, conn: Connection, meeting_id: str) -> int: ...

        def _insert_event(self, conn: Connection, meeting_id: str, version: int, kind: str,
                          actor: str, detail: Mapping[str, Any],
                          at: datetime | None = None) -> int: ...

        def _events(self, conn: Connection, meeting_id: str, after: int,
                    upto: int | None) -> list[Event]: ...

        def _check_open(self, conn: Connection, meeting_id: Any,
                        after_close: bool = False) -> str: ...

        def _log_refusal(self, meeting_id: Any, token: Any, action: str,
                         refused: Refused) -> None: ...

        def audit(self, meeting_id: str) -> list[Event]: ...

        def scenario(self, meeting_id: str) -> Scenario: ...

        def meeting(self, meeting_id: str) -> MeetingInfo: ...

        def decisions(self, meeting_id: str) -> list[Decision]: ...

        # -- the cycle's (CycleRecords) and the needs register's (NeedRecords) ----------
        def _event(self, meeting_id: str, kind: str, actor: str,
                   detail: dict[str, Any]) -> Any: ...

        def _answer(self, meeting_id: str, actor: str, key: str, state: str,
                    text: str | None, by: str) -> Any: ...

        def _made(self, meeting_id: str, version: int, at: datetime, kind: str, actor: str,
                  detail: dict[str, Any]) -> Any: ...

        def needs(self, meeting_id: str, private: bool = False) -> list[Need]: ...
