"""``workbench pb start FILE --voters N``, ``workbench pb from-needs MEETING --budget B
--voters N --costs FILE`` and ``workbench pb export MEETING --out FILE``: each link printed
once, the file's VOTES ignored and said, the export anonymous and readable."""

from __future__ import annotations

import re

from tests.conftest import SCENARIOS
from workbench.cli import main
from workbench.paths import EXAMPLE_ELECTION
from workbench.pb import read_election
from workbench.store import MeetingStore

LINK = re.compile(r"ballot\.ipynb\?meeting=([a-z0-9]{12})&token=([A-Za-z0-9_-]{43})")


def test_start_prints_each_voter_link_once_and_says_votes_are_ignored(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    assert main(["pb", "start", str(EXAMPLE_ELECTION), "--voters", "3", "--store", url]) == 0
    out = capsys.readouterr().out
    assert "The file's VOTES (and its vote type) are ignored" in out
    found = LINK.findall(out)
    assert len(found) == 3 and len({t for _, t in found}) == 3
    meeting, token = found[0]
    with MeetingStore(url) as store:
        store.cast_ballot(meeting, token, ["594"])
    out_file = tmp_path / "vote.pb"
    assert main(["pb", "export", meeting, "--out", str(out_file), "--store", url]) == 0
    assert "1 ballots of 3 voter links (the vote is still open)" in capsys.readouterr().out
    text = out_file.read_text(encoding="utf-8")
    assert token not in text and "voter-" not in text
    assert [b.projects for b in read_election(out_file).ballots] == [("594",)]


def test_from_needs_takes_the_costs_file(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    with MeetingStore(url) as store:
        meeting = store.create_meeting((SCENARIOS / "teaching.yaml").read_text())
        users, f = meeting.panel_tokens["users"], meeting.facilitator_token
        bus = store.propose_need(meeting.id, users, "Bus", "Residents", None).version
        step = store.propose_need(meeting.id, users, "Ramps", "Residents", None).version
        for v in (bus, step):
            store.answer(meeting.id, f, f"need:{v}", "accepted", "Yes", "The council")
    costs = tmp_path / "costs.csv"
    costs.write_text(f"need,cost\n{bus},700\n", encoding="utf-8")
    assert main(["pb", "from-needs", meeting.id, "--budget", "1000", "--voters", "2",
                 "--costs", str(costs), "--store", url]) == 0
    out = capsys.readouterr().out
    assert "1 projects (the accepted needs with a cost), budget 1000" in out
    assert f"need {step} is accepted but has no cost: left out" in out
    assert len(LINK.findall(out)) == 2
    costs.write_text("need,cost\n999,5\n", encoding="utf-8")
    assert main(["pb", "from-needs", meeting.id, "--budget", "1000", "--voters", "2",
                 "--costs", str(costs), "--store", url]) != 0
    assert "need 999 is not in the needs register" in capsys.readouterr().err


def test_a_lost_voter_link_is_reissued_as_a_ballot_link(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    assert main(["pb", "start", str(EXAMPLE_ELECTION), "--voters", "2", "--store", url]) == 0
    meeting, old = LINK.findall(capsys.readouterr().out)[1]
    assert main(["meeting", "reissue", meeting, "voter-2", "--store", url]) == 0
    (again, new), = LINK.findall(capsys.readouterr().out)
    assert again == meeting and new != old
    with MeetingStore(url) as store:
        assert store.access(meeting, new).group == "voter-2"
