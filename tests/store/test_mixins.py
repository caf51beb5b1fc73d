"""The meeting store is one class made of a mixin per stage of the cycle: no two of them may
define the same name, or one would silently replace the other's (a tender mark once failed
because the needs register's rate check had the tender's name)."""

from __future__ import annotations

import collections

from workbench.store.meetings import MeetingStore


def test_no_two_parts_of_the_store_define_the_same_name():
    owners = collections.defaultdict(list)
    for part in MeetingStore.__mro__:
        if part is object:
            continue
        for name in vars(part):
            if not (name.startswith("__") and name.endswith("__")):
                owners[name].append(part.__name__)
    # a mixin may declare the store's own methods for type checkers only (TYPE_CHECKING),
    # so those declarations never exist at run time and are not counted here
    clashes = {name: parts for name, parts in owners.items() if len(parts) > 1}
    assert len(MeetingStore.__mro__) > 5
    assert clashes == {}, clashes
