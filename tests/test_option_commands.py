"""``workbench options list|accept`` against a real store, run as a person would."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SCENARIOS
from workbench.scenario import load_scenario
from workbench.store import MeetingStore


def run(*args: str, store: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args, "--store", store],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_an_option_is_listed_accepted_and_its_version_written(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    with MeetingStore(url) as store:
        m = store.create_meeting((SCENARIOS / "teaching.yaml").read_text())
        made = store.propose_option(m.id, m.panel_tokens["users"], "library", "partnership",
                                    "Friends of the library", 40000, None, "Volunteers")
    listed = run("options", "list", m.id, store=url)
    assert listed.returncode == 0 and f"option:{made.version}" in listed.stdout
    assert "not answered" in listed.stdout
    out = tmp_path / "v2.yaml"
    missing = run("options", "accept", m.id, str(made.version), "--out", str(out), store=url)
    assert missing.returncode == 1 and "give --cost" in missing.stderr
    assert "Traceback" not in missing.stderr and not out.exists()
    done = run("options", "accept", m.id, str(made.version), "--out", str(out),
               "--cost", "38000", "--score", "quality=60", "--score", "access=75",
               "--by", "Finance officer", "--token", m.facilitator_token, store=url)
    assert done.returncode == 0, done.stderr
    assert "wrote scenario version 2" in done.stdout
    assert f"+  - id: proposed-{made.version}\n" in done.stdout
    loaded = load_scenario(out)
    assert loaded.service("library").option(f"proposed-{made.version}").cost == (38000.0,)
    again = run("options", "accept", m.id, str(made.version), "--out", str(tmp_path / "b.yaml"),
                store=url)
    assert again.returncode == 0 and (tmp_path / "b.yaml").read_bytes() == out.read_bytes()
    assert "accepted" in run("options", "list", m.id, store=url).stdout
