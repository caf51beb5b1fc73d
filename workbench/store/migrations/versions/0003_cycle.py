"""The commissioning cycle after the decision: imported results and visitors' contacts.

Everything else of the cycle (answers, opting out, targets, challenges, reviews) is an event
in the history. Two new tables only, both append-only like the history: the results of an
import (one row per target and period) and the name and contact a challenger gave, kept out
of the history that panels' screens read and out of anything published.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LOCKED = ("result_rows", "contacts")


def upgrade() -> None:
    op.create_table(
        "result_rows",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("meeting_id", sa.String(32), nullable=False),
        sa.Column("target", sa.String(100), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_result_rows"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name="fk_result_rows_event_id_events"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name="fk_result_rows_meeting_id_meetings"),
    )
    op.create_index("ix_result_rows_meeting_id", "result_rows", ["meeting_id"])
    op.create_table(
        "contacts",
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("contact", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_contacts"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name="fk_contacts_event_id_events"),
    )
    dialect = op.get_bind().dialect.name
    for table in LOCKED:
        if dialect == "sqlite":
            op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN "
                       f"SELECT RAISE(ABORT, 'workbench: {table} history cannot be changed'); "
                       "END")
            op.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN "
                       f"SELECT RAISE(ABORT, 'workbench: {table} history cannot be deleted'); "
                       "END")
        elif dialect == "postgresql":      # workbench_refuse_change() is migration 0001's
            for when, each in (("UPDATE", "ROW"), ("DELETE", "ROW"), ("TRUNCATE", "STATEMENT")):
                op.execute(f"CREATE TRIGGER {table}_no_{when.lower()} BEFORE {when} ON {table} "
                           f"FOR EACH {each} EXECUTE FUNCTION workbench_refuse_change()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in LOCKED:
        for name in (f"{table}_no_update", f"{table}_no_delete", f"{table}_no_truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}"
                       + (f" ON {table}" if dialect == "postgresql" else ""))
    op.drop_index("ix_result_rows_meeting_id", "result_rows")
    op.drop_table("contacts")
    op.drop_table("result_rows")
