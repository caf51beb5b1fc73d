"""``workbench pb FILE --rule RULE [--json]`` (spec section 6)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATASETS
from workbench.cli import main
from workbench.pb import RULES, read_election

from .make import pb_text

SLUZEWIEC = DATASETS / "pabulib" / "Poland_Warszawa_2019_Sluzewiec.pb"


@pytest.mark.parametrize("rule", ["utilitarian", "greedy", "mes"])
def test_json_is_exactly_selected_and_cost(rule, capsys):
    assert main(["pb", str(SLUZEWIEC), "--rule", rule, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert list(printed) == ["selected", "cost"]
    expected = RULES[rule](read_election(SLUZEWIEC))
    assert printed == {"selected": list(expected.selected), "cost": int(expected.cost)}
    assert isinstance(printed["cost"], int)


def test_json_of_mes_on_a_hand_worked_election(tmp_path, capsys):
    path = tmp_path / "hand.pb"
    path.write_text(pb_text(300, {"Z": 200, "B": 100, "C": 100}, ["Z,B", "Z,C", "B"]))
    assert main(["pb", str(path), "--rule", "mes", "--json"]) == 0
    assert capsys.readouterr().out == '{"selected": ["B", "Z"], "cost": 300}\n'


def test_readable_list(capsys):
    assert main(["pb", str(SLUZEWIEC), "--rule", "greedy"]) == 0
    out = capsys.readouterr().out
    assert "Greedy (by score, then lower cost, then project id)" in out
    assert "Budget PLN 686,996; 1,006 voters; 16 projects (approval ballots)" in out
    assert "of the budget)" in out and "have at least one project they voted for funded" in out


def test_a_bad_file_exits_2_with_file_and_line(tmp_path, capsys):
    path = tmp_path / "bad.pb"
    path.write_text(pb_text(100, {"a": 60}, ["a,zz"]))
    assert main(["pb", str(path), "--rule", "mes"]) == 2
    err = capsys.readouterr().err
    assert err == (f"{path}: VOTES, voter '1': vote: names project 'zz', which is not in "
                   "PROJECTS (line 11)\n")
    assert "Traceback" not in err


def test_a_missing_file_and_a_bad_rule(tmp_path, capsys):
    assert main(["pb", str(tmp_path / "none.pb"), "--rule", "mes"]) == 2
    assert "none.pb: no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["pb", str(SLUZEWIEC), "--rule", "borda"])
    assert stop.value.code == 2


def test_names_from_the_file_are_made_safe_for_a_terminal(tmp_path, capsys):
    path = tmp_path / "odd.pb"
    path.write_text(pb_text(100, {"a": 60}, ["a"]).replace("Project a",
                                                           "evil\x1b[2J" + "x" * 500))
    assert main(["pb", str(path), "--rule", "greedy"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "x" * 100 not in out
