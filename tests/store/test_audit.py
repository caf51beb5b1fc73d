"""The audit trail and the meeting commands: plain lines, formula-safe CSV, clear refusals."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from tests.conftest import ROOT
from workbench.scenario import file_sha256
from workbench.store import Event
from workbench.store.audit import audit_csv, audit_lines, formula_safe, plain


def run(*args: str, env_store: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args, "--store", env_store],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("text", "safe"), [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("fine", "fine"),
    ("a=b", "a=b"), ("", ""),
])
def test_formula_safe(text, safe):
    assert formula_safe(text) == safe
    assert formula_safe(3) == 3


def test_plain_keeps_html_and_escapes_control_characters():
    assert plain("<b>café</b> & \u201cok\u201d") == "<b>café</b> & \u201cok\u201d"
    assert plain("line\nnext\x1b[2J") == "line\\nnext\\x1b[2J"


def _event(**changes) -> Event:
    base = dict(meeting_id="m", version=2, at=datetime(2027, 1, 5, 9, 30, tzinfo=timezone.utc),
                kind="weights_submitted", actor="users", detail={"revision": 1},
                weights={"quality": 2.0}, comment="=cmd|' /C calc'!A0", dissent="-2 is bad")
    return Event(**{**base, **changes})


def test_audit_csv_defuses_formulas_in_every_text_field():
    rows = list(csv.reader(io.StringIO(audit_csv([
        _event(), _event(version=None, kind="refused", actor="@attacker", weights=None,
                         comment=None, dissent=None, detail={"reason": "x"})]).decode())))
    assert rows[0] == ["meeting", "version", "at", "kind", "actor", "weights", "comment",
                       "dissent", "detail"]
    assert rows[1][6] == "'=cmd|' /C calc'!A0" and rows[1][7] == "'-2 is bad"
    assert rows[1][5] == '{"quality": 2.0}'
    assert rows[2][1] == "" and rows[2][4] == "'@attacker"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)


def test_audit_lines_read_in_order():
    lines = audit_lines([_event(comment="<script>x</script>\nnext", dissent=None)])
    assert lines == ["    2  2027-01-05 09:30:00Z  users          weights, revision 1: "
                     "quality 2; comment: \u201c<script>x</script>\\nnext\u201d"]


@pytest.mark.slow
def test_a_meeting_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    made = run("meeting", "create", "scenarios/teaching.yaml", "--base-url",
               "https://workbench.example.org", env_store=url)
    assert made.returncode == 0, made.stderr
    links = dict(re.findall(r"^\s+(\S+)\s+(https://\S+)$", made.stdout, re.M))
    assert list(links) == ["facilitator", "review", "specification", "users", "staff"]
    assert f"Scenario SHA-256 {file_sha256(ROOT / 'scenarios' / 'teaching.yaml')}" in made.stdout
    meeting = re.search(r"meeting=(\w+)", links["users"]).group(1)
    token = {who: link.rsplit("token=", 1)[1] for who, link in links.items()}
    done = run("meeting", "submit", meeting, "--token", token["users"], "--weight",
               "quality=2", "--weight", "access=1", "--comment", "=1+1 <b>ok</b>",
               env_store=url)
    assert done.returncode == 0 and "users, revision 1" in done.stdout, done.stderr
    bad = run("meeting", "submit", meeting, "--token", "forged", "--weight", "quality=1",
              env_store=url)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
    assert "workbench: the token in the link is malformed" in bad.stderr
    bad = run("meeting", "submit", meeting, "--token", token["users"], "--weight",
              "quality=-1", env_store=url)
    assert bad.returncode == 1 and "must not be negative" in bad.stderr
    assert "Traceback" not in bad.stderr
    listed = run("meeting", "list", env_store=url)
    assert meeting in listed.stdout and "2 groups" in listed.stdout
    adopted = run("meeting", "adopt", meeting, "--token", token["facilitator"], "--by",
                  "Town Clerk", env_store=url)
    assert adopted.returncode == 0 and "adopted by Town Clerk" in adopted.stdout, \
        adopted.stderr
    audit = run("audit", meeting, env_store=url)
    assert audit.returncode == 0, audit.stderr
    kinds = [line.split()[3] for line in audit.stdout.splitlines()]
    assert kinds == ["facilitator", "users", "unknown", "facilitator"]
    assert "comment: \u201c=1+1 <b>ok</b>\u201d" in audit.stdout
    assert "refused submit_weights" in audit.stdout and "forged" not in audit.stdout
    out = tmp_path / "audit.csv"
    written = run("audit", meeting, "--csv", str(out), env_store=url)
    assert written.returncode == 0, written.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["version"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[1]["comment"] == "'=1+1 <b>ok</b>"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".audit")] == []
    missing = run("audit", "nosuchmeeting", env_store=url)
    assert missing.returncode == 1 and "no meeting 'nosuchmeeting'" in missing.stderr
