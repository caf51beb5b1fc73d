"""The meeting store: what every panel submitted, what the facilitator did and decided.

SQLite by default, PostgreSQL with a ``postgresql://`` URL; see MeetingStore for the calls.
"""

from workbench.store.links import meeting_link
from workbench.store.meetings import (
    Access,
    Changes,
    Decision,
    Event,
    MeetingInfo,
    MeetingStore,
    NewMeeting,
    Submission,
    open_store,
)

__all__ = ["Access", "Changes", "Decision", "Event", "MeetingInfo", "MeetingStore",
           "NewMeeting", "Submission", "meeting_link", "open_store"]
