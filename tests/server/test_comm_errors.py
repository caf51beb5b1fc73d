"""A malformed widget message sent straight to a page's kernel gets no traceback (with the
server's file paths) back: the kernel logs one line to the server instead (issue 11 item 6)."""

from __future__ import annotations

import asyncio
import json
import re
import uuid

import pytest

from tests.conftest import SCENARIOS
from tests.server.http import get, new_meeting
from tests.ui.browser import voila_server

pytestmark = pytest.mark.browser


def _message(comm_id: str, session: str) -> str:
    return json.dumps({
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": "comm_msg", "username": "x",
                   "session": session, "date": "2026-01-01T00:00:00Z", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"comm_id": comm_id, "data": {"method": "update",
                                                 "state": {"layout": 12345, "value": [1]},
                                                 "buffer_paths": "not a list"}}})


async def _send_and_listen(ws_url: str, models: list[str]) -> list[str]:
    from tornado.websocket import websocket_connect

    conn = await websocket_connect(ws_url)
    session = uuid.uuid4().hex
    for model in models:
        await conn.write_message(_message(model, session))
    heard = []
    try:
        while True:
            reply = await asyncio.wait_for(conn.read_message(), timeout=8)
            if reply is None:
                break
            heard.append(reply if isinstance(reply, str) else reply.decode("utf-8", "replace"))
    except asyncio.TimeoutError:
        pass
    conn.close()
    return heard


def test_a_malformed_comm_message_sends_no_traceback_to_the_browser(tmp_path):
    url, made = new_meeting(tmp_path, "comm")
    with voila_server(tmp_path, SCENARIOS / "teaching.yaml", app="meetings",
                      store=url) as base:
        page = get(base, f"/voila/render/panel.ipynb?meeting={made.id}",
                   f"wb_{made.id}={made.panel_tokens['users']}")
        kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', page.body).group(1)
        models = sorted(set(re.findall(r'"model_id": "([0-9a-f]{32})"', page.body)))
        assert models
        ws = base.replace("http", "ws", 1) + f"api/kernels/{kernel}/channels"
        heard = asyncio.run(_send_and_listen(ws, models[:20]))
        log = base.log.read_text()
    text = "\n".join(heard)
    assert "Traceback" not in text and 'File "/' not in text and "site-packages" not in text
    assert "[kernel workbench.kernel] ERROR error in a page's kernel (TraitError" in log
    assert "Traceback" not in log.split("[kernel workbench.kernel]", 1)[1][:3000]
