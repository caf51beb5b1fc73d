"""`workbench meeting create --expires`, `workbench meeting close` and `workbench verify`,
run as a council officer would, against a real SQLite store."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from tests.conftest import ROOT, SCENARIOS
from workbench.store import MeetingStore

KEY = "a-signing-key-of-32-characters!!"


def _workbench(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    environ = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=environ)


def test_expiry_close_and_verify_from_the_command_line(tmp_path):
    store = f"sqlite:///{tmp_path / 's.sqlite'}"
    done = _workbench("meeting", "create", str(SCENARIOS / "teaching.yaml"), "--store", store,
                      "--expires", "2099-12-31")
    assert done.returncode == 0, done.stderr
    assert "stop working at 2100-01-01 00:00 UTC" in done.stdout
    meeting = done.stdout.split()[1].rstrip(":")
    line, = [x for x in done.stdout.splitlines() if x.split()[:1] == ["facilitator"]]
    token = line.split("token=")[1]
    assert _workbench("meeting", "create", str(SCENARIOS / "teaching.yaml"), "--store", store,
                      "--expires", "soon").returncode == 2
    with MeetingStore(store) as opened:
        assert opened.meeting(meeting).expires_at == datetime(2100, 1, 1, tzinfo=timezone.utc)
    hours = _workbench("meeting", "create", str(SCENARIOS / "teaching.yaml"), "--store",
                       store, "--expires", "6")
    assert hours.returncode == 0
    adopted = _workbench("meeting", "adopt", meeting, "--store", store, "--token", token,
                         "--by", "Chair", env={"WORKBENCH_SIGNING_KEY": KEY})
    assert adopted.returncode == 0, adopted.stderr
    ok = _workbench("verify", meeting, "--store", store, env={"WORKBENCH_SIGNING_KEY": KEY})
    assert ok.returncode == 0 and "decision 1: verified" in ok.stdout
    nokey = _workbench("verify", meeting, "--store", store)
    assert nokey.returncode == 1 and "no signing key" in nokey.stderr
    with MeetingStore(store) as opened, opened.engine.connect() as conn, conn.begin():
        conn.execute(sa.text("UPDATE decision_signatures SET hmac_sha256 = :h"), {"h": "0" * 64})
    bad = _workbench("verify", meeting, "--store", store, env={"WORKBENCH_SIGNING_KEY": KEY})
    assert bad.returncode == 1 and "decision 1: FAILED" in bad.stderr
    closed = _workbench("meeting", "close", meeting, "--store", store)
    assert closed.returncode == 0 and "no longer work" in closed.stdout
    refused = _workbench("meeting", "submit", meeting, "--store", store, "--token", token,
                         "--weight", "quality=1")
    assert refused.returncode == 1 and "closed" in refused.stderr
    again = _workbench("meeting", "close", meeting, "--store", store)
    assert again.returncode == 1 and "already closed" in again.stderr
    assert datetime.now(timezone.utc) < datetime(2100, 1, 1, tzinfo=timezone.utc) - \
        timedelta(days=1)
