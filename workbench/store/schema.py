"""The meeting store's tables. Everything that happens in a meeting is appended, never changed.

Every change in a meeting takes the next number of the meeting's own ``version`` counter (kept
in its ``meetings`` row and taken under that row's lock), so ``events`` is one gapless,
ordered history per meeting: what a facilitator's screen polls and what the audit prints.
Submissions and adopted decisions keep their payload in their own tables beside their event.
JSON is stored as text, exactly as written, so a decision's SHA-256 can be checked later.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

Time = sa.DateTime(timezone=True)

meetings = sa.Table(
    "meetings", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("scenario_text", sa.Text, nullable=False),
    sa.Column("scenario_sha256", sa.String(64), nullable=False),
    sa.Column("facilitator_token_sha256", sa.String(64), nullable=False),
    sa.Column("created_at", Time, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),   # the last event's number
)

panels = sa.Table(
    "panels", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("meeting_id", sa.String(32), sa.ForeignKey("meetings.id"), nullable=False),
    sa.Column("group_id", sa.String(100), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("token_sha256", sa.String(64), nullable=False),
    sa.UniqueConstraint("meeting_id", "group_id"),
)

# meeting_id is not a foreign key: an attempt on a meeting that does not exist is logged too
# (with no version, since there is no counter to take it from).
events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("meeting_id", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=True),
    sa.Column("at", Time, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),      # JSON object
    sa.UniqueConstraint("meeting_id", "version"),
)

submissions = sa.Table(
    "submissions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False, unique=True),
    sa.Column("meeting_id", sa.String(32), sa.ForeignKey("meetings.id"), nullable=False),
    sa.Column("panel_id", sa.Integer, sa.ForeignKey("panels.id"), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),  # 1, 2, ... for each panel
    sa.Column("weights", sa.Text, nullable=False),      # JSON: criterion id -> raw weight
    sa.Column("comment", sa.Text, nullable=True),
    sa.Column("dissent", sa.Text, nullable=True),
    sa.UniqueConstraint("panel_id", "revision"),
)

decisions = sa.Table(
    "decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False, unique=True),
    sa.Column("meeting_id", sa.String(32), sa.ForeignKey("meetings.id"), nullable=False),
    sa.Column("supersedes", sa.Integer, sa.ForeignKey("decisions.id"), nullable=True),
    sa.Column("record", sa.Text, nullable=False),       # JSON, as adopted
    sa.Column("record_sha256", sa.String(64), nullable=False),
)

# How long a meeting's links work: open until it is closed or its expiry passes. A meeting
# with no row here (created before migration 0002) is open with no expiry.
meeting_access = sa.Table(
    "meeting_access", metadata,
    sa.Column("meeting_id", sa.String(32), sa.ForeignKey("meetings.id"), primary_key=True),
    sa.Column("expires_at", Time, nullable=True),
    sa.Column("closed_at", Time, nullable=True),
)

# The HMAC-SHA256 of an adopted record under the server's signing key (when one is set): a
# plain SHA-256 can be recomputed by anyone who can write the database, this cannot.
decision_signatures = sa.Table(
    "decision_signatures", metadata,
    sa.Column("decision_id", sa.Integer, sa.ForeignKey("decisions.id"), primary_key=True),
    sa.Column("key_id", sa.String(16), nullable=False),
    sa.Column("hmac_sha256", sa.String(64), nullable=False),
)

# Refused attempts are coalesced: the first of a window (per meeting, action and reason) is an
# event in the history, the rest of that window only count here, so a flood of bad links
# cannot grow the history.
refusal_windows = sa.Table(
    "refusal_windows", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("meeting_id", sa.String(64), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("reason", sa.String(200), nullable=False),
    sa.Column("opened_at", Time, nullable=False),
    sa.Column("last_at", Time, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_token", sa.String(16), nullable=False),
    sa.Index(None, "meeting_id", "action", "opened_at"),
)

# The results of an import (commissioning-cycle.md, section 3): one row per target and period,
# beside the ``results_imported`` event that brought them. A later import of the same target
# and period is the one in force; the earlier stays.
result_rows = sa.Table(
    "result_rows", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("meeting_id", sa.String(32), sa.ForeignKey("meetings.id"), nullable=False,
              index=True),
    sa.Column("target", sa.String(100), nullable=False),
    sa.Column("period", sa.String(10), nullable=False),
    sa.Column("value", sa.Float, nullable=False),
)

# Who a visitor without a token is and how to reach them (a challenger, a resident who
# proposes a need): beside the event they made, never in the history a panel's screen reads
# nor in anything published.
contacts = sa.Table(
    "contacts", metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("contact", sa.Text, nullable=False),
)

# Rows that may never change once written, and the columns of the others that may not.
APPEND_ONLY = ("events", "submissions", "decisions", "result_rows", "contacts")
FIXED_COLUMNS = {
    "meetings": ("id", "name", "scenario_text", "scenario_sha256", "created_at"),
    "panels": ("id", "meeting_id", "group_id", "name"),
}
