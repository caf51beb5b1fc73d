"""A clone with nothing beside it has everything its tests and its docstrings need: the spec
pages in docs/spec, the data sets in tests/datasets (each with its provenance), and no path
that reaches outside the project."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import DATASETS, ROOT

SPECS = ("scenario-format.md", "decision-model.md", "commissioning-cycle.md")


def _sources() -> list[Path]:
    found = [p for folder in ("workbench", "tests", "benchmarks")
             for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".ipynb")]
    return [*found, ROOT / "Makefile", ROOT / "pyproject.toml", ROOT / ".ci" / "run"]


def test_the_spec_pages_are_in_docs():
    for name in SPECS:
        assert (ROOT / "docs" / "spec" / name).stat().st_size > 1000, name
    upstream = os.environ.get("WORKBENCH_SPEC_SOURCE")
    if upstream:              # the contract's own copy, when it is reachable: byte-identical
        for name in SPECS:
            assert (ROOT / "docs" / "spec" / name).read_bytes() == \
                (Path(upstream) / name).read_bytes(), name


def test_every_spec_page_cited_in_the_code_is_in_docs():
    cited = {m for p in _sources() if p.exists()
             for m in re.findall(r"\b([a-z]+(?:-[a-z]+)+\.md)\b", p.read_text())}
    assert cited, "no docstring cites a spec page"
    assert cited <= set(SPECS), cited - set(SPECS)


def test_no_path_reaches_outside_the_project():
    this = Path(__file__).resolve()
    outside = re.compile(r"\.\./(?:shared|data|spec)|/work/|ROOT\.parent\b|parents\[[2-9]\]")
    offenders = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in _sources()
                 if p.exists() and p.resolve() != this
                 for m in outside.finditer(p.read_text())]
    assert offenders == []


@pytest.mark.parametrize("folder", sorted(p.parent.name
                                          for p in DATASETS.glob("*/PROVENANCE.json")))
def test_each_data_set_matches_its_provenance(folder):
    provenance = json.loads((DATASETS / folder / "PROVENANCE.json").read_text())
    assert provenance.get("licence") and provenance.get("source_repository")
    assert (DATASETS / folder / "README.md").exists()
    for name, where in provenance["files"].items():
        data = (DATASETS / folder / name).read_bytes()
        blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        assert blob == where["git_blob"], name


def test_every_data_set_is_accounted_for():
    assert sorted(p.parent.name for p in DATASETS.glob("*/PROVENANCE.json")) == \
        sorted(p.name for p in DATASETS.iterdir() if p.is_dir())
