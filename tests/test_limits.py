"""Bounded input: a file that asks too much is refused, located and in plain words, before
it can take the memory or the time of the process that reads it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SCENARIOS
from workbench.errors import InputError, ScenarioError
from workbench.generate import generate
from workbench.limits import UPLOAD, Limits, excerpt, limits_for
from workbench.scenario import dump_scenario, parse_scenario, scenario_to_data

# The "billion laughs": 342 bytes whose aliases expand to 9**9 strings.
BOMB = "".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    + [f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")])
DEEP_JSON = '{"a":' * 100_000 + "1" + "}" * 100_000
DEEP_YAML = "name: " + "[" * 100_000 + "]" * 100_000 + "\n"
# The command's own peak (VmHWM of its memory after exec): ru_maxrss would also count the
# pytest process it was spawned from, which grows as the suite does (722 MB was once read).
PEAK = """
import sys
from workbench.cli import main
code = main(sys.argv[1:])
with open("/proc/self/status") as status:
    print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")),
          file=sys.stderr)
sys.exit(code)
"""


def _problems(text: str, limits: Limits | None = None) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "up.yaml", limits)
    return [str(p) for p in caught.value.problems]


def validate(*files: str, env: dict | None = None) -> tuple[int, str, int]:
    """``workbench validate`` in a new process: exit code, its output, peak memory (kB)."""
    import os

    done = subprocess.run([sys.executable, "-c", PEAK, "validate", *files], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, **(env or {})))
    *output, peak = done.stderr.rstrip("\n").split("\n")
    return done.returncode, done.stdout + "\n".join(output), int(peak)


def test_the_alias_bomb_is_refused_without_expanding_it():
    assert len(BOMB.encode()) < 400
    (problem,) = _problems(BOMB)
    assert problem.startswith("up.yaml: g[7]: aliases here would expand the file to more "
                              "than 5,000,000 values; refused without expanding them")
    assert problem.endswith("(line 7)")


def test_a_file_nested_too_deep_is_refused_at_its_place():
    (problem,) = _problems(DEEP_JSON)
    assert "is nested more than 64 levels deep" in problem and "(line 1)" in problem
    assert problem.startswith("up.yaml: a.a.a.a")
    assert len(problem) <= 400
    (problem,) = _problems(DEEP_YAML)      # libyaml itself stops at 1,000 open brackets
    assert problem.startswith("up.yaml: ") and "is nested more than" in problem
    assert problem.endswith("(line 1)") and len(problem) <= 400


def test_an_upload_above_the_byte_limit_is_refused_before_parsing():
    text = "name: x\n" + "#" * UPLOAD.bytes
    (problem,) = _problems(text)
    assert problem == ("up.yaml: is 5,000,008 bytes, above the limit of 5,000,000 bytes for a "
                       "file; nothing was loaded (WORKBENCH_MAX_BYTES raises the limit)")


def test_too_many_services_or_options_are_refused_before_the_checks():
    data = scenario_to_data(generate(12, seed=3))
    data["services"][2]["options"] *= 20
    problems = _problems(json.dumps(data, indent=1), Limits(services=10))
    assert problems[0].startswith("up.yaml: services: has 12 services; at most 10 are allowed")
    problems = _problems(json.dumps(data, indent=1))
    assert len(problems) == 1 and "services[2].options: has 80 options; at most 50" in \
        problems[0] and "(line " in problems[0]


def test_checking_stops_at_the_time_limit_and_says_so():
    text = dump_scenario(generate(200, seed=1))
    problems = _problems(text, Limits(seconds=0.0))
    assert len(problems) == 1
    assert "took longer than the limit of 0 s and was stopped; nothing was loaded" in problems[0]
    assert "(line " in problems[0]
    assert parse_scenario(text).name.startswith("Generated")


def test_echoed_values_are_cut_to_an_excerpt():
    data = scenario_to_data(generate(3, seed=1))
    data["services"][0]["options"][0]["mode"] = "x" * 1_000_000
    data["name"] = ["y" * 1000] * 1000
    problems = _problems(json.dumps(data))
    assert len(problems) == 2 and all(len(p) < 400 for p in problems)
    assert "services[0].options[0].mode: must be one of" in "".join(problems)
    assert len(excerpt({"k": list(range(10**5))})) <= 80


def test_duplicate_keys_are_refused_with_their_line_in_yaml_and_json():
    data = scenario_to_data(generate(3, seed=1))
    text = json.dumps(data, indent=1)
    doubled = text.replace('"name": "Option 1",', '"name": "Option 1", "name": "again",', 1)
    (problem,) = _problems(doubled)
    line = text[:text.index('"name": "Option 1"')].count("\n") + 1
    assert problem == f"up.yaml: services[0].options[1].name: duplicate key 'name' (line {line})"
    (problem,) = _problems("name: a\nyears: [x]\nname: b\n")
    assert problem == "up.yaml: name: duplicate key 'name' (line 3)"


def test_json_problems_keep_their_lines():
    data = scenario_to_data(generate(30, seed=2))
    data["services"][20]["options"][1]["scores"]["access"] = 120
    text = json.dumps(data, indent=1)
    (problem,) = _problems(text)
    assert problem.startswith("up.yaml: services[20].options[1].scores.access: must be 0 to 100")
    lines = text.split("\n")
    number = int(problem.rsplit("(line ", 1)[1].rstrip(")"))
    assert lines[number - 1].strip() == '"access": 120,'


def test_environment_overrides_every_limit(monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_BYTES", "2kB")
    monkeypatch.setenv("WORKBENCH_MAX_SERVICES", "7")
    assert limits_for().bytes == 2000 and limits_for(local_file=True).bytes == 2000
    assert limits_for().services == 7
    monkeypatch.setenv("WORKBENCH_MAX_DEPTH", "deep")
    with pytest.raises(InputError, match="WORKBENCH_MAX_DEPTH='deep' is not a limit"):
        limits_for()


@pytest.mark.slow
def test_validate_refuses_each_hostile_file_in_bounded_memory_and_output(tmp_path):
    (tmp_path / "bomb.yaml").write_text(BOMB)
    (tmp_path / "deep.json").write_text(DEEP_JSON)
    with (tmp_path / "huge.yaml").open("wb") as handle:      # sparse: nothing to write
        handle.truncate(65_000_000)
    (tmp_path / "slow.yaml").write_text(dump_scenario(generate(300, seed=1)))
    cases = {"bomb.yaml": ("g[7]: aliases here would expand", {}),
             "deep.json": ("is nested more than 64 levels deep", {}),
             "huge.yaml": ("is 65 MB, above the limit of 64 MB", {}),
             "slow.yaml": ("took longer than the limit of 0.01 s",
                           {"WORKBENCH_MAX_SECONDS": "0.01"})}
    for name, (expected, env) in cases.items():
        code, output, peak_kb = validate(str(tmp_path / name), env=env)
        assert code == 2, output
        assert output.startswith(f"{tmp_path / name}: ") and expected in output, output
        assert "Traceback" not in output and len(output) < 1000, output
        assert peak_kb < 500_000, (name, peak_kb)
    code, output, _ = validate(str(SCENARIOS / "teaching.yaml"),
                               env={"WORKBENCH_MAX_BYTES": "1000"})
    assert code == 2 and "above the limit of 1000 bytes" in output
