"""A group out of a stage running when the decision was made (commissioning-cycle.md,
section 1; the reading in docs/cycle.md): the adopted record and the published page list it
as "opted out of the STAGE stage (reason)", its say counted 0, its satisfaction still shown."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

from tests.conftest import SCENARIOS
from workbench.export import decision_from_adopted, record_html
from workbench.store import MeetingStore
from workbench.store.record import Adoption, build_record

NAME = "Local businesses and chamber of commerce"


def _text(page: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_a_stage_opt_out_is_published_with_the_stage_and_its_reason(tmp_path):
    day = date.today()
    text = (SCENARIOS / "riverside.yaml").read_text().replace(
        "from: 2026-11-01, to: 2027-01-31",
        f"from: {day - timedelta(days=1)}, to: {day}")            # running today, its last day
    with MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite'}") as store:
        new = store.create_meeting(text, name="Budget")
        tokens = new.panel_tokens
        store.submit_weights(new.id, tokens["business"], {"outcomes": 1})
        store.opt_out(new.id, tokens["business"], "Our <b>members</b> are away",
                      stage="Make-or-buy and allocation")
        record = build_record(store, new.id, adoption=Adoption(confirm_unanswered=True))
        group = record["groups"]["business"]
        assert group["opted_out"] is True and group["satisfaction"] is not None
        assert group["opted_out_stage"] == "Make-or-buy and allocation"
        assert group["opted_out_reason"] == "Our <b>members</b> are away"
        assert record["groups"]["tenants"]["opted_out_stage"] is None
        store.adopt(new.id, new.facilitator_token, record, "Cllr A. Example")
        page = record_html(decision_from_adopted(store, new.id, with_analysis=True))
    assert "<b>members</b>" not in page                             # escaped, never markup
    shown = _text(page)
    assert (f"{NAME} — opted out of the Make-or-buy and allocation stage (Our <b>members</b>"
            " are away)") in shown
    assert re.search(rf"{NAME} \(opted out of the Make-or-buy and allocation stage "
                     r"\([^)]*\)\)[ 0-9%]*0% \(opted out\)", shown)
    assert "\u2060" not in shown                                  # no mark leaks onto the page
