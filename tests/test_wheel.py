"""The package as a user installs it: `python -m build` makes the sdist and the wheel; the
wheel, installed in a new virtual environment and run from an empty folder, validates its
bundled example, migrates a meeting store and serves the page; without the `app` extra,
`workbench serve` says which extra to install."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.ui.browser import free_port, stop

pytestmark = pytest.mark.slow
BUNDLED = ("workbench/notebooks/workbench.ipynb", "workbench/notebooks/panel.ipynb",
           "workbench/notebooks/facilitator.ipynb", "workbench/notebooks/finance.ipynb",
           "workbench/notebooks/pb.ipynb",
           "workbench/scenarios/pb/Poland_Warszawa_2019_Sluzewiec.pb",
           "workbench/notebooks/evaluator.ipynb", "workbench/notebooks/moderation.ipynb",
           "workbench/notebooks/specification.ipynb",
           "workbench/scenarios/riverside.yaml", "workbench/scenarios/teaching.yaml",
           "workbench/store/migrations/env.py",
           "workbench/store/migrations/versions/0001_initial.py")


def _run(*command: str | Path, cwd: Path, env: dict, timeout: float = 900):
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    return done


def test_the_wheel_installs_and_serves_from_an_empty_folder(tmp_path):
    dist, empty = tmp_path / "dist", tmp_path / "empty"
    empty.mkdir()
    env = dict(os.environ, HOME=str(tmp_path / "home"), TMPDIR=str(tmp_path),
               PIP_DISABLE_PIP_VERSION_CHECK="1", JUPYTER_PLATFORM_DIRS="1")
    env.pop("PYTHONPATH", None)
    env.pop("MPLBACKEND", None)
    pip_cache = Path.home() / ".cache" / "pip"          # the test's HOME is new; reuse the cache
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR", str(pip_cache))
    built = _run(sys.executable, "-m", "build", "--outdir", dist, ROOT, cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert all(name in names for name in BUNDLED), sorted(names)
    with tarfile.open(sdist) as archive:
        inside = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"docs/spec/scenario-format.md", "docs/spec/decision-model.md",
            "tests/datasets/pabulib/PROVENANCE.json", *BUNDLED} <= inside

    venv = tmp_path / "venv"
    made = _run(sys.executable, "-m", "venv", venv, cwd=empty, env=env)
    assert made.returncode == 0, made.stderr
    pip, workbench, python = (venv / "bin" / name for name in ("pip", "workbench", "python"))
    done = _run(pip, "install", "--quiet", wheel, cwd=empty, env=env)
    assert done.returncode == 0, done.stderr[-3000:]

    # Without the app extra: a plain sentence naming the extra, no traceback.
    done = _run(workbench, "serve", cwd=empty, env=env, timeout=120)
    assert done.returncode == 1
    assert "pip install 'commissioning-workbench[app]'" in done.stderr
    assert "Traceback" not in done.stderr

    # Every other command works from the installed package alone.
    where = _run(python, "-c", "from workbench.paths import SCENARIO_DIR; print(SCENARIO_DIR)",
                 cwd=empty, env=env)
    bundled = Path(where.stdout.strip())
    assert bundled.is_relative_to(venv) and not bundled.is_relative_to(ROOT)
    done = _run(workbench, "validate", bundled / "riverside.yaml", cwd=empty, env=env)
    assert done.returncode == 0 and "valid" in done.stdout, done.stderr
    done = _run(workbench, "meeting", "create", bundled / "teaching.yaml", "--store",
                f"sqlite:///{empty / 'meetings.sqlite'}", cwd=empty, env=env, timeout=300)
    assert done.returncode == 0 and "Meeting " in done.stdout, done.stderr[-3000:]

    done = _run(pip, "install", "--quiet", f"{wheel}[app]", cwd=empty, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([str(workbench), "serve", "--port", str(port)], cwd=empty,
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        page = _fetch(f"http://127.0.0.1:{port}/", server, tmp_path / "serve.log")
    finally:
        stop(server, 20)
        log.close()
    assert "<title>workbench</title>" in page


def _fetch(url: str, server: subprocess.Popen, log: Path, timeout: float = 240) -> str:
    """The page's HTML once the server answers 200 (it takes a few seconds to start)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"workbench serve exited: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=60) as answer:
                assert answer.status == 200
                return answer.read().decode("utf-8", "replace")
        except OSError:
            time.sleep(1)
    raise AssertionError(f"no page within {timeout} s: {log.read_text()[-3000:]}")
