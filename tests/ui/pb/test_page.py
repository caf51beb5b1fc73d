"""The PB page's widgets on a real state (no browser): opened on the example, controls back
on after each run, a bad upload's problems beside the upload, and Cancel shown only while
the rules run."""

from __future__ import annotations

from tests.pb.make import pb_text
from workbench.ui.pb.page import PbPage

SMALL = pb_text(100, {"A": 60, "B": 30, "C": 50}, ["A", "A,B", "C", "B", "C"])


def settled(page: PbPage) -> PbPage:
    page.state.wait()
    assert not page.state.busy
    return page


def test_the_page_opens_the_example_and_turns_its_controls_back_on():
    page = settled(PbPage())
    assert "Służewiec" in page.about.value
    assert page.summary.value.count("wb-rule-card ") == 3
    assert "Download this election (.pb file)" in page.download.value
    assert not page.example.disabled and not page.upload.disabled
    assert page.cancel.disabled and page.cancel.layout.display == "none"
    assert page.progress.layout.display == "none"


def test_a_bad_upload_is_said_beside_the_upload_and_the_example_stays():
    page = settled(PbPage())
    shown = page.projects.value
    page._uploaded({"new": [{"name": "broken.pb",
                             "content": memoryview(SMALL.replace("2;A,B", "2;A,Z").encode())}]})
    settled(page)
    assert "broken.pb was not opened" in page.source_said.value
    assert "(line 14)" in page.problems.value and "role='alert'" in page.problems.value
    assert page.projects.value == shown
    assert not page.example.disabled and not page.upload.disabled


def test_a_good_upload_shows_its_outcome():
    page = settled(PbPage(open_example=False))
    assert page.summary.value == ""
    page._uploaded({"new": [{"name": "small.pb", "content": memoryview(SMALL.encode())}]})
    settled(page)
    assert "From small.pb" in page.about.value and ">4 of 5<" in page.summary.value
    assert page.problems.value == ""


def test_while_the_rules_run_only_cancel_is_on():
    page = settled(PbPage(open_example=False))
    seen = []

    def look(change) -> None:
        if change["new"] > 0.4 and not seen:   # in the run's thread, midway
            seen.append((page.example.disabled, page.upload.disabled, page.cancel.disabled,
                         page.cancel.layout.display))
            page.cancel.click()

    page.state.observe(look, names="progress")
    from workbench.pb.generate import synthetic_election
    from workbench.pb.writing import election_text

    page._start(lambda: page.state.open_text(
        election_text(synthetic_election(voters=5000, projects=30, seed=1)), "big.pb"))
    settled(page)
    assert seen == [(True, True, False, None)]
    assert "Cancelled" in page.run_said.value
    assert not page.example.disabled and page.cancel.disabled


def test_the_same_election_under_another_name_is_shown_under_that_name():
    page = settled(PbPage(open_example=False))
    for name in ("first.pb", "second.pb"):
        page._uploaded({"new": [{"name": name, "content": memoryview(SMALL.encode())}]})
        settled(page)
        assert f"From {name}" in page.about.value
        assert f'download="{name}"' in page.download.value
