"""Who may open which page, decided before any kernel starts: a real meetings server and a
real finance server on loopback, read over plain HTTP (issue 11 items 1 and 2)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCENARIOS
from tests.server.http import get, kernels
from tests.ui.browser import voila_server
from workbench.store import MeetingStore

pytestmark = pytest.mark.browser
SECRETS = ("SECRET-COMMENT-1729", "SECRET-DISSENT-1729", "Adopted-By-Chair-1729")


def _stored_meeting(url: str):
    """A meeting with a comment, a dissent note and an adopted decision in the store."""
    with MeetingStore(url) as store:
        made = store.create_meeting((SCENARIOS / "teaching.yaml").read_text(), name="Gate")
        store.submit_weights(made.id, made.panel_tokens["users"], {"quality": 3},
                             comment=SECRETS[0], dissent=SECRETS[1])
        store.adopt(made.id, made.facilitator_token,
                    {"scenario_sha256": made.scenario_sha256}, SECRETS[2])
    return made


def test_no_page_opens_without_its_token_and_no_refusal_costs_a_kernel(tmp_path):
    url = f"sqlite:///{tmp_path / 'gate.sqlite'}"
    made = _stored_meeting(url)
    panel, facilitator = made.panel_tokens["users"], made.facilitator_token
    m = made.id
    attempts = [
        ("/", None), ("/voila/tree", None), ("/voila/tree/", None),
        ("/voila/render/finance.ipynb", None), ("/voila/render/workbench.ipynb", None),
        ("/voila/render/finance.ipynb?meeting=" + m + "&token=" + facilitator, None),
        ("/voila/api/contents/", None), ("/voila/files/panel.ipynb", None),
        ("/voila/render/panel.ipynb", None), (f"/voila/render/panel.ipynb?meeting={m}", None),
        (f"/voila/render/panel.ipynb?meeting={m}&token=forged", None),
        (f"/voila/render/panel.ipynb?meeting={m}&token={'x' * 43}", None),
        (f"/voila/render/facilitator.ipynb?meeting={m}", None),
        (f"/voila/render/facilitator.ipynb?meeting={m}&token={panel}", None),
        (f"/voila/render/facilitator.ipynb?meeting={m}", f"wb_{m}={panel}"),
        (f"/voila/render/panel.ipynb?meeting={m}", f"wb_{m}={'y' * 43}"),
        ("/voila/render/panel.ipynb?meeting=000000000000&token=" + panel, None),
        (f"/voila/render/panl.ipynb?meeting={m}&token={panel}", None),   # mistyped page
        ("/api/kernels", None), ("/voila/render/" + "../" + "data/workbench.sqlite", None),
    ]
    assert len(attempts) == 20
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings",
                      store=url) as base:
        for path, cookie in attempts:
            reply = get(base, path, cookie)
            assert reply.status in (403, 404), (path, reply.status)
            assert reply.headers["Referrer-Policy"] == "no-referrer"
            assert 'class="wb-refused"' in reply.body, path
            for secret in SECRETS:
                assert secret not in reply.body, (path, secret)
            assert len(reply.body) < 2000                  # a small page, not the notebook
        assert kernels(base.pid) == [], "a refused visit started a kernel"

        first = get(base, f"/voila/render/panel.ipynb?meeting={m}&token={panel}")
        assert first.status == 303
        assert first.headers["Location"] == f"/voila/render/panel.ipynb?meeting={m}"
        cookie, = [c for c in first.cookies() if c.startswith(f"wb_{m}=")]
        assert panel in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert "Path=/voila/render/panel.ipynb" in cookie
        assert kernels(base.pid) == []                     # the swap costs no kernel either

        with MeetingStore(url) as store:
            store.end_meeting(m)
        closed = get(base, f"/voila/render/panel.ipynb?meeting={m}", f"wb_{m}={panel}")
        assert closed.status == 403 and "closed" in closed.body
        log = base.log.read_text()
    for token in (panel, facilitator):
        assert token not in log, "a token reached the server's log"
    assert re.search(r"404 GET /voila/render/panl\.ipynb\?meeting=\w+&token=\[hidden\]", log)
    with MeetingStore(url) as store:
        refused = [e for e in store.audit(m) if e.kind == "refused"]
    assert refused and all(panel not in str(e.detail) for e in refused)


def test_the_finance_page_needs_the_finance_link_once_a_store_exists(tmp_path):
    data = tmp_path / "home" / ".local" / "share" / "workbench"
    made = _stored_meeting(f"sqlite:///{data / 'workbench.sqlite'}")
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="finance") as base:
        before = len(kernels(base.pid))                   # the preheated kernel, if up yet
        for _ in range(10):
            for path, cookie in [("/", None), ("/?token=wrong", None),
                                 ("/", "wb_finance=wrong"),
                                 (f"/?token={made.facilitator_token}", None)]:
                reply = get(base, path, cookie)
                assert reply.status == 403, path
                assert not any(secret in reply.body for secret in SECRETS)
        assert len(kernels(base.pid)) <= max(before, 1)
        first = get(base, f"/?token={base.finance_token}")
        assert first.status == 303 and first.headers["Location"] == "/"
        assert any(c.startswith("wb_finance=") and "HttpOnly" in c for c in first.cookies())
        log = base.log.read_text()
    assert "Finance link" in log and base.finance_token not in log
    link = (tmp_path / "home" / ".local" / "share" / "workbench" / "finance-link.txt")
    assert base.finance_token in link.read_text() and link.stat().st_mode & 0o077 == 0
