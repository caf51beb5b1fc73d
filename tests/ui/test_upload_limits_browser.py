"""Hostile uploads on the meeting page (`workbench serve`, real Voila, headless Chromium):
the alias bomb, an oversized file, a deep file and a slow one are refused in plain words,
the open scenario stays open, no process of the server grows past 500 MB, and the page
goes on working."""

from __future__ import annotations

import re
from pathlib import Path

import psutil
import pytest

from tests.conftest import SCENARIOS
from tests.test_limits import BOMB, DEEP_YAML
from tests.ui.browser import browser_page, require_chromium, screenshot, voila_server
from workbench.generate import generate
from workbench.scenario import dump_scenario

pytestmark = pytest.mark.browser
TIMEOUT = 120_000


# The page's controls, found by role and visible text: the one place to change when the
# meeting page is redesigned.
def upload(page, path: Path) -> None:
    """Choose ``path`` with the page's "Upload a scenario" control."""
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        page.get_by_role("button", name=re.compile("Upload a scenario")).click()
    chooser.value.set_files(str(path))


def status_and_problems(page) -> str:
    """The upload's message beside its control and the located problems, when there are any."""
    return page.evaluate("() => [...document.querySelectorAll('.wb-note-source, "
                         ".wb-problem-list')].map(e => e.innerText).join('\\n')")


def refused(page, path: Path, words: str) -> str:
    """Upload ``path``, wait until the page says ``words``, and return what it said; the
    open scenario (Riverside) stays open and no traceback shows."""
    upload(page, path)
    page.wait_for_function("w => document.body.innerText.includes(w)", arg=words,
                           timeout=TIMEOUT)
    said = status_and_problems(page)
    assert "Riverside" in title(page) and "Traceback" not in page.inner_text("body")
    return said


def title(page) -> str:
    return page.inner_text(".wb-title")


def _server_memory(served) -> int:
    """The largest resident memory, in bytes, of the server ``served`` and its kernels."""
    server = psutil.Process(served.pid)
    return max(p.memory_info().rss for p in [server, *server.children(recursive=True)])


def test_hostile_uploads_are_refused_and_the_page_stays_usable(tmp_path):
    require_chromium()
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB)
    oversized = tmp_path / "oversized.yaml"
    oversized.write_text("name: padded\n" + "# padding\n" * 600_000)      # 6 MB
    deep = tmp_path / "deep.yaml"
    deep.write_text(DEEP_YAML)
    slow = tmp_path / "slow.yaml"            # 2.5 MB, about 0.7 s to check: past 0.3 s
    slow.write_text(dump_scenario(generate(2500, seed=1)))
    with voila_server(tmp_path, SCENARIOS / "riverside.yaml",
                      env={"WORKBENCH_MAX_SECONDS": "0.3"}) as url, browser_page() as page:
        page.goto(url, timeout=TIMEOUT)
        page.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
        assert "Riverside" in title(page)

        said = refused(page, bomb, "would expand")
        assert "bomb.yaml: g[7]: aliases here would expand the file to more than 5,000,000 " \
               "values; refused without expanding them" in said
        assert len(page.inner_text("body")) < 100_000
        screenshot(page, "upload-limits-1-bomb")

        said = refused(page, oversized, "above the limit")
        assert "oversized.yaml: is 6 MB, above the limit of 5 MB" in said
        assert _server_memory(url) < 500_000_000
        screenshot(page, "upload-limits-2-oversized")

        said = refused(page, deep, "levels deep")
        assert "deep.yaml: " in said and "is nested more than" in said, said

        said = refused(page, slow, "took longer than")
        assert "slow.yaml: " in said and "was stopped; nothing was loaded" in said, said
        assert _server_memory(url) < 500_000_000
        screenshot(page, "upload-limits-3-slow")

        upload(page, SCENARIOS / "teaching.yaml")            # the page still works
        page.wait_for_function("() => document.querySelector('.wb-title').innerText"
                               ".includes('Little Marsh')", timeout=TIMEOUT)
        page.wait_for_selector("table.wb-portfolio", timeout=TIMEOUT)
