"""The first meeting store: meetings, panels, events, submissions, decisions; history locked.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Time = sa.DateTime(timezone=True)

APPEND_ONLY = ("events", "submissions", "decisions")
FIXED_COLUMNS = {
    "meetings": ("id", "name", "scenario_text", "scenario_sha256", "created_at"),
    "panels": ("id", "meeting_id", "group_id", "name"),
}


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("scenario_text", sa.Text, nullable=False),
        sa.Column("scenario_sha256", sa.String(64), nullable=False),
        sa.Column("facilitator_token_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", Time, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_meetings"),
    )
    op.create_table(
        "panels",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.String(32), nullable=False),
        sa.Column("group_id", sa.String(100), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_panels"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name="fk_panels_meeting_id_meetings"),
        sa.UniqueConstraint("meeting_id", "group_id", name="uq_panels_meeting_id_group_id"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("at", Time, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("meeting_id", "version", name="uq_events_meeting_id_version"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("meeting_id", sa.String(32), nullable=False),
        sa.Column("panel_id", sa.Integer, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("weights", sa.Text, nullable=False),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("dissent", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name="fk_submissions_event_id_events"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name="fk_submissions_meeting_id_meetings"),
        sa.ForeignKeyConstraint(["panel_id"], ["panels.id"],
                                name="fk_submissions_panel_id_panels"),
        sa.UniqueConstraint("event_id", name="uq_submissions_event_id"),
        sa.UniqueConstraint("panel_id", "revision", name="uq_submissions_panel_id_revision"),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("meeting_id", sa.String(32), nullable=False),
        sa.Column("supersedes", sa.Integer, nullable=True),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("record_sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name="fk_decisions_event_id_events"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name="fk_decisions_meeting_id_meetings"),
        sa.ForeignKeyConstraint(["supersedes"], ["decisions.id"],
                                name="fk_decisions_supersedes_decisions"),
        sa.UniqueConstraint("event_id", name="uq_decisions_event_id"),
    )
    for statement in _lock_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in (*APPEND_ONLY, *FIXED_COLUMNS):
        for name in (f"{table}_no_update", f"{table}_no_delete", f"{table}_no_truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}"
                       + (f" ON {table}" if dialect == "postgresql" else ""))
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS workbench_refuse_change()")
    for table in ("decisions", "submissions", "events", "panels", "meetings"):
        op.drop_table(table)


def _lock_statements(dialect: str) -> list[str]:
    """Triggers that refuse to change history, whoever connects (not only through the API)."""
    what = {table: None for table in APPEND_ONLY} | FIXED_COLUMNS
    if dialect == "sqlite":
        out = []
        for table, columns in what.items():
            of = f" OF {', '.join(columns)}" if columns else ""
            out.append(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE{of} ON {table} BEGIN "
                       f"SELECT RAISE(ABORT, 'workbench: {table} history cannot be changed'); "
                       "END")
            out.append(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN "
                       f"SELECT RAISE(ABORT, 'workbench: {table} history cannot be deleted'); "
                       "END")
        return out
    if dialect == "postgresql":
        out = ["CREATE FUNCTION workbench_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
               "$$ BEGIN RAISE EXCEPTION 'workbench: % history cannot be changed or deleted', "
               "TG_TABLE_NAME; END $$"]
        for table, columns in what.items():
            of = f" OF {', '.join(columns)}" if columns else ""
            out.append(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE{of} ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION workbench_refuse_change()")
            out.append(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION workbench_refuse_change()")
            out.append(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION workbench_refuse_change()")
        return out
    return []   # another database: the store's API has no update path either way
