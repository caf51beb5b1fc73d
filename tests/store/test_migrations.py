"""Alembic builds the schema the code describes, and the database itself refuses to rewrite
history (triggers), whoever connects."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tests.conftest import ROOT
from workbench.store import open_store
from workbench.store.schema import metadata

MIGRATIONS = ROOT / "workbench" / "store" / "migrations"


def test_upgrade_head_creates_the_schema_and_matches_the_code(store):
    with store.engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        assert {"meetings", "panels", "events", "submissions", "decisions",
                "alembic_version"} <= tables
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() \
            == "0003"
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], f"the migrations and workbench/store/schema.py differ: {diff}"


def test_opening_again_migrates_nothing_and_keeps_data(store_url, teaching_text):
    with open_store(store_url) as first:
        made = first.create_meeting(teaching_text)
    with open_store(store_url) as again:
        assert again.meeting(made.id).version == 1


@pytest.mark.parametrize("statement", [
    "UPDATE events SET actor = 'someone else'",
    "DELETE FROM events",
    "UPDATE submissions SET weights = '{\"quality\": 100}'",
    "DELETE FROM submissions",
    "UPDATE decisions SET record = '{}'",
    "DELETE FROM decisions",
    "UPDATE meetings SET scenario_text = 'changed'",
    "UPDATE meetings SET scenario_sha256 = 'x'",
    "DELETE FROM meetings",
    "UPDATE panels SET group_id = 'staff2'",
    "DELETE FROM panels",
])
def test_raw_sql_cannot_rewrite_history(store, meeting, statement):
    store.submit_weights(meeting.id, meeting.panel_tokens["users"], {"quality": 1})
    store.adopt(meeting.id, meeting.facilitator_token,
                {"scenario_sha256": meeting.scenario_sha256}, "Chair")
    with pytest.raises(sa.exc.DatabaseError, match="cannot be"), \
            store.engine.connect() as conn, conn.begin():
        conn.execute(sa.text(statement))
    assert store.latest_submissions(meeting.id)["users"].weights["quality"] == 1.0
    assert store.decisions(meeting.id)[0].adopted_by == "Chair"


def test_truncate_is_refused_on_postgresql(postgres_url, teaching_text):
    with open_store(postgres_url) as store:
        store.create_meeting(teaching_text)
        with pytest.raises(sa.exc.DatabaseError, match="cannot be"), \
                store.engine.connect() as conn, conn.begin():
            conn.execute(sa.text("TRUNCATE events CASCADE"))
        assert len(store.meetings()) == 1


def test_the_version_counter_may_move(store, meeting):
    with store.engine.connect() as conn, conn.begin():
        conn.execute(sa.text("UPDATE meetings SET version = version + 1"))
    assert store.meeting(meeting.id).version == 2


@pytest.mark.timeout(180)
def test_many_processes_may_open_a_new_store_at_once(store_url):
    import subprocess
    import sys

    code = ("import sys; from workbench.store import open_store; "
            "open_store(sys.argv[1]).close(); print('opened')")
    procs = [subprocess.Popen([sys.executable, "-c", code, store_url], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(8)]
    results = [p.communicate(timeout=150) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [err for _, err in results]
    with open_store(store_url) as store, store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1


def test_migration_0002_goes_down_and_up_again_keeping_the_history(store_url, teaching_text):
    from alembic import command
    from alembic.config import Config

    from workbench.store.engine import writing

    with open_store(store_url) as store:
        made = store.create_meeting(teaching_text)
        store.submit_weights(made.id, made.panel_tokens["users"], {"quality": 2})

        def run(step: str, target: str) -> None:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            with writing(store.engine) as conn:
                config.attributes["connection"] = conn
                getattr(command, step)(config, target)

        run("downgrade", "0001")
        with store.engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
        assert not {"meeting_access", "decision_signatures", "refusal_windows"} & tables
        with pytest.raises(sa.exc.DatabaseError, match="cannot be"), \
                store.engine.connect() as conn, conn.begin():
            conn.execute(sa.text("DELETE FROM events"))     # the locks survived the downgrade
        run("upgrade", "head")
    with open_store(store_url) as again:
        assert again.latest_submissions(made.id)["users"].weights["quality"] == 2
        assert again.access(made.id, made.facilitator_token).role == "facilitator"


def test_migration_0003_adds_locked_results_and_contacts_and_goes_down_again(store_url,
                                                                              teaching_text):
    from alembic import command
    from alembic.config import Config

    from workbench.store.engine import writing

    with open_store(store_url) as store:
        made = store.create_meeting(teaching_text)
        store.lodge_challenge(made.id, service=store.scenario(made.id).services[0].id,
                              grounds="quality", text="Late again", challenger="Ann Reader",
                              contact="ann@example.org")
        for table in ("contacts",):
            with pytest.raises(sa.exc.DatabaseError, match="cannot be"), \
                    store.engine.connect() as conn, conn.begin():
                conn.execute(sa.text(f"UPDATE {table} SET contact = 'x'"))

        def run(step: str, target: str) -> None:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            with writing(store.engine) as conn:
                config.attributes["connection"] = conn
                getattr(command, step)(config, target)

        run("downgrade", "0002")
        with store.engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
        assert not {"result_rows", "contacts"} & tables
        run("upgrade", "head")
    with open_store(store_url) as again:
        assert [c.text for c in again.challenges(made.id)] == ["Late again"]
