"""Alembic's entry point. The store passes its own open connection (already in a locked
transaction), so migrations run inside the caller's transaction and never race each other."""

from __future__ import annotations

from alembic import context

from workbench.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through workbench.store.engine.migrate(), "
                       "which passes the connection")
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
