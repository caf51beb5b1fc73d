"""No HiGHS banner on stdout: ``--json`` output must parse, whatever HiGHS prints on the C
level and however C buffers it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, SCENARIOS

BUFFERED = """
import ctypes, os
from workbench.optimiser.solver import silenced
libc = ctypes.CDLL(None)
with silenced():
    libc.printf(b"Running HiGHS 1.16.0 (buffered, no newline)")
    os.write(1, b"Running HiGHS 1.16.0 (written straight)\\n")
print("after", flush=True)
"""

MODELS = """
import highspy, numpy as np
from workbench.arrays import ScenarioArrays
from workbench.optimiser.engines import HighsEngine, RelaxedEngine
from workbench.optimiser.model import build_model
from workbench.scenario import load_scenario
built = build_model(ScenarioArrays(load_scenario(%r)))
for _ in range(3):
    HighsEngine(built), RelaxedEngine(built)
print("after", flush=True)
"""


def _stdout(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    return done.stdout


def test_silenced_drops_what_c_prints():
    # Written on the C level, past Python's sys.stdout, as HiGHS writes its banner.
    assert _stdout(BUFFERED) == "after\n"


def test_making_models_prints_nothing():
    assert _stdout(MODELS % str(SCENARIOS / "teaching.yaml")) == "after\n"


def test_json_on_stdout_is_clean_from_the_command_line():
    for args in (["solve", "--solver", "highs", "--json"], ["analyse", "--json"]):
        done = subprocess.run([sys.executable, "-m", "workbench.cli", args[0],
                               str(SCENARIOS / "teaching.yaml"), *args[1:]], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert "HiGHS" not in done.stdout
        json.loads(done.stdout)
