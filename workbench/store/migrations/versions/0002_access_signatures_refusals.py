"""Meetings that close or expire, signed adopted records, coalesced refused attempts.

New tables only (no column added to a locked table), so the downgrade is a plain drop on
SQLite and PostgreSQL alike and the history's triggers are never rebuilt.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Time = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "meeting_access",
        sa.Column("meeting_id", sa.String(32), nullable=False),
        sa.Column("expires_at", Time, nullable=True),
        sa.Column("closed_at", Time, nullable=True),
        sa.PrimaryKeyConstraint("meeting_id", name="pk_meeting_access"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name="fk_meeting_access_meeting_id_meetings"),
    )
    op.create_table(
        "decision_signatures",
        sa.Column("decision_id", sa.Integer, nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("hmac_sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("decision_id", name="pk_decision_signatures"),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"],
                                name="fk_decision_signatures_decision_id_decisions"),
    )
    op.create_table(
        "refusal_windows",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("opened_at", Time, nullable=False),
        sa.Column("last_at", Time, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_token", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_refusal_windows"),
    )
    op.create_index("ix_refusal_windows_meeting_id_action_opened_at", "refusal_windows",
                    ["meeting_id", "action", "opened_at"])


def downgrade() -> None:
    op.drop_index("ix_refusal_windows_meeting_id_action_opened_at", "refusal_windows")
    for table in ("refusal_windows", "decision_signatures", "meeting_access"):
        op.drop_table(table)
