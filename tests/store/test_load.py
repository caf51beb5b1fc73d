"""Load and faults: many panels at once lose nothing; a killed submitter loses nothing it
acknowledged. Real processes on real SQLite and PostgreSQL, loopback only, bounded in time."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict

import pytest
import yaml

from tests.conftest import ROOT
from tests.store.submitter import comment_for, weights_for
from workbench.store import open_store

PROCESSES = 50
EACH = 8
GROUPS = 10


def _scenario_with_groups(teaching_text: str, n: int) -> str:
    data = yaml.safe_load(teaching_text)
    data["stakeholders"] = [{"id": f"g{k}", "name": f"Panel {k}",
                             "weights": {"quality": 1 + k % 3, "access": 1}} for k in range(n)]
    return yaml.safe_dump(data, sort_keys=False)


def _start(url: str, meeting: str, token: str, worker: int, count: int,
           start_at: int = 0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.submitter", "--store", url, "--meeting", meeting,
         f"--token={token}", "--worker", str(worker), "--count", str(count),
         "--start-at", str(start_at)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)


def _acks(lines: str) -> list[tuple[int, int, int, int]]:
    return [tuple(map(int, line.split()[1:])) for line in lines.splitlines()
            if line.startswith("ack ")]


def _check_intact(store, meeting_id: str, groups_of: dict[int, str]) -> list:
    """Every row as its worker sent it, every version once, revisions gapless per group."""
    history = store.audit(meeting_id)
    versions = [e.version for e in history]
    assert versions == list(range(1, len(history) + 1)), "versions must be unique and gapless"
    submitted = store.submissions(meeting_id)
    revisions = defaultdict(list)
    for s in submitted:
        worker, seq = (int(part[1:]) for part in s.comment.split()[0].split(":"))
        assert s.comment == comment_for(worker, seq)
        assert s.weights == weights_for(worker, seq)
        assert s.group == groups_of[worker], "a panel's row must carry its own group"
        revisions[s.group].append(s.revision)
    for group, seen in revisions.items():
        assert seen == list(range(1, len(seen) + 1)), f"{group}: revisions {seen}"
    return submitted


def _sqlite_ok(url: str) -> None:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
@pytest.mark.timeout(420)
def test_fifty_processes_submitting_at_once_lose_nothing(store_url, teaching_text):
    with open_store(store_url) as store:
        made = store.create_meeting(_scenario_with_groups(teaching_text, GROUPS))
    groups_of = {k: f"g{k % GROUPS}" for k in range(PROCESSES)}
    procs = [_start(store_url, made.id, made.panel_tokens[groups_of[k]], k, EACH)
             for k in range(PROCESSES)]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        started = time.perf_counter()
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        outputs = [p.communicate(timeout=300) for p in procs]
        seconds = time.perf_counter() - started
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for p, (_out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
    acks = [a for out, _ in outputs for a in _acks(out)]
    assert len(acks) == PROCESSES * EACH
    with open_store(store_url) as store:
        submitted = _check_intact(store, made.id, groups_of)
        assert len(submitted) == PROCESSES * EACH
        assert {s.version for s in submitted} == {a[2] for a in acks}
        assert Counter(s.group for s in submitted) == Counter(
            {f"g{g}": EACH * PROCESSES // GROUPS for g in range(GROUPS)})
        latest = store.latest_submissions(made.id)
        assert all(latest[g].revision == EACH * PROCESSES // GROUPS for g in latest)
    _sqlite_ok(store_url)
    print(f"\n{PROCESSES * EACH} submissions from {PROCESSES} processes in {seconds:.2f} s")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_killed_submitter_loses_no_acknowledged_submission(store_url, teaching_text):
    with open_store(store_url) as store:
        made = store.create_meeting(teaching_text)
    token = made.panel_tokens["users"]
    rng = random.Random(5)
    acked = []
    for round_ in range(3):
        p = _start(store_url, made.id, token, worker=round_, count=0, start_at=round_ * 10**6)
        try:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
            p.stdin.write("go\n")
            p.stdin.flush()
            wanted, seen = rng.randint(5, 60), 0
            deadline = time.monotonic() + 120
            while seen < wanted and time.monotonic() < deadline:
                line = p.stdout.readline()
                assert line, p.stderr.read()
                if line.startswith("ack "):
                    acked.extend(_acks(line))
                    seen += 1
            os.kill(p.pid, signal.SIGKILL)      # in the middle of the next submission
            rest, _ = p.communicate(timeout=30)
        finally:
            if p.poll() is None:
                p.kill()
        assert p.returncode == -signal.SIGKILL
        acked.extend(_acks(rest))           # acks printed before the kill still count
    _sqlite_ok(store_url)
    # Restarted: the store opens, finds everything acknowledged, and takes new submissions.
    again = _start(store_url, made.id, token, worker=9, count=3, start_at=9 * 10**6)
    assert again.stdout.readline().strip() == "ready"
    out, err = again.communicate("go\n", timeout=120)
    assert again.returncode == 0, err
    acked.extend(_acks(out))
    with open_store(store_url) as store:
        submitted = _check_intact(store, made.id, defaultdict(lambda: "users"))
        by_version = {s.version: s for s in submitted}
        for worker, seq, version, revision in acked:
            assert version in by_version, f"acknowledged submission v{version} was lost"
            found = by_version[version]
            assert found.comment == comment_for(worker, seq) and found.revision == revision
    assert len(acked) >= 3 + 3 * 5
