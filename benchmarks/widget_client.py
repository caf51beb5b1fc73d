"""A panel member's page without a browser, for the load benchmark: the page is fetched as a
browser would (its link's token swapped for a cookie, Voilà runs the notebook in a kernel of
its own), then the widgets are driven through the kernel's websocket with the Jupyter widget
protocol (ipywidgets 8, control protocol 1.0.0), as the page's JavaScript would drive them.

What it measures is what the server and the kernel do for each person: the same messages
the page sends and receives, without a Chromium renderer per person (which on a 2-core
machine, not the server, is what stopped 60 pages being measured). What it leaves out is the
browser's own drawing of each update: a few milliseconds on a phone, not measured here.
"""

from __future__ import annotations

import asyncio
import json
import re
import struct
import time
import uuid
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urljoin

import tornado.httpclient
import tornado.websocket

CONTROL = "jupyter.widget.control"
PROTOCOL = "2.1.0"            # the widget message protocol of ipywidgets 8
CONTROL_VERSION = "1.0.0"


def _decode(frame: str | bytes) -> dict:
    """A kernel message from the websocket: JSON text, or the binary frame a message with
    buffers comes in (a count, offsets, the JSON, then the buffers)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = [struct.unpack("!I", frame[4 + 4 * i:8 + 4 * i])[0] for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    message = json.loads(frame[offsets[0]:end].decode())
    message["buffers"] = [frame[offsets[i]:offsets[i + 1] if i + 1 < count else len(frame)]
                          for i in range(1, count)]
    return message


class WidgetPage:
    """One Voilà page's kernel, driven through its widgets. ``states`` holds every widget's
    state as the kernel last sent it; ``wait_for(test)`` returns once ``test(states)``."""

    def __init__(self) -> None:
        self.states: dict[str, dict[str, Any]] = {}
        self.response_headers: dict[str, str] = {}
        self.updates: list[tuple[float, str, dict[str, Any]]] = []   # (monotonic, model, state)
        self._session = uuid.uuid4().hex
        self._changed = asyncio.Event()
        self._all_states = False          # the control comm's answer has come
        self._ws: Any = None
        self._reader: asyncio.Task | None = None

    async def open(self, link: str, timeout: float) -> None:
        """Fetch the page (Voilà runs its notebook while it sends it), connect to its kernel
        and learn every widget's state."""
        # one client for every page of the process; tornado's default queues past 10 at once
        tornado.httpclient.AsyncHTTPClient.configure(None, max_clients=10_000)
        client = tornado.httpclient.AsyncHTTPClient()
        cookies: dict[str, str] = {}
        url, response = link, None
        for _ in range(4):               # the first visit's 303 swaps the token for a cookie
            response = await client.fetch(
                url, follow_redirects=False, raise_error=False, request_timeout=timeout,
                headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
            for header in response.headers.get_list("Set-Cookie"):
                jar: SimpleCookie = SimpleCookie()
                jar.load(header)
                cookies.update({k: m.value for k, m in jar.items()})
            if response.code in (301, 302, 303):
                url = urljoin(url, response.headers["Location"])
                continue
            break
        assert response is not None
        self.response_headers = dict(response.headers.get_all())
        html = response.body.decode(errors="replace")
        kernel = re.search(r'kernelId": "([0-9a-f-]+)"', html)
        if response.code != 200 or kernel is None:
            title = re.search(r"<h1>(.*?)</h1>", html)
            raise RuntimeError(f"page not opened ({response.code}): "
                               f"{title.group(1) if title else html[:120]}")
        base = re.match(r"(https?)://([^/]+)", link)
        assert base is not None
        scheme = "wss" if base.group(1) == "https" else "ws"
        request = tornado.httpclient.HTTPRequest(
            f"{scheme}://{base.group(2)}/api/kernels/{kernel.group(1)}/channels"
            f"?session_id={self._session}", request_timeout=timeout,
            headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        self._ws = await tornado.websocket.websocket_connect(request)
        self._reader = asyncio.create_task(self._read())
        control = uuid.uuid4().hex
        await self._send("comm_open", {"comm_id": control, "target_name": CONTROL, "data": {}},
                         {"version": CONTROL_VERSION})
        await self._send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}},
                         {"version": CONTROL_VERSION})
        await self.wait_for(lambda _states: self._all_states, timeout)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            self._ws.close()

    async def _send(self, kind: str, content: dict, metadata: dict | None = None) -> None:
        await self._ws.write_message(json.dumps({
            "header": {"msg_id": uuid.uuid4().hex, "username": "", "session": self._session,
                       "msg_type": kind, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": metadata or {"version": PROTOCOL},
            "content": content, "channel": "shell", "buffers": []}))

    async def _read(self) -> None:
        while True:
            frame = await self._ws.read_message()
            if frame is None:
                return
            message = _decode(frame)
            content = message.get("content", {})
            data = content.get("data") or {}
            if message.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
                for model, entry in data.get("states", {}).items():
                    self.states[model] = {**self.states.get(model, {}),
                                          **entry.get("state", {})}
                self._all_states = True
            elif message.get("msg_type") == "comm_msg" and data.get("method") == "update":
                self.states.setdefault(content["comm_id"], {}).update(data.get("state", {}))
                self.updates.append((time.monotonic(), content["comm_id"],
                                     dict(data.get("state", {}))))
            elif message.get("msg_type") == "comm_open" and "state" in data:
                self.states[content["comm_id"]] = dict(data["state"])
            else:
                continue
            self._changed.set()

    async def wait_for(self, test: Callable[[dict[str, dict[str, Any]]], bool],
                       timeout: float) -> None:
        """Until ``test(states)`` holds (checked after every change), or TimeoutError."""
        deadline = time.monotonic() + timeout
        while not test(self.states):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the page did not reach the state waited for")
            self._changed.clear()
            if test(self.states):
                return
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except asyncio.TimeoutError:
                raise TimeoutError("the page did not reach the state waited for") from None

    def find(self, model: str, css: str) -> str:
        """The first widget of this model name carrying this CSS class (the page's classes are
        what the browser benchmark and the tests find things by too)."""
        for model_id, state in self.states.items():
            if state.get("_model_name") == model and css in (state.get("_dom_classes") or ()):
                return model_id
        raise LookupError(f"no {model} with class {css} on the page")

    def find_all(self, model: str, css_prefix: str) -> list[str]:
        return [m for m, s in self.states.items() if s.get("_model_name") == model
                and any(c.startswith(css_prefix) for c in s.get("_dom_classes") or ())]

    async def set(self, model_id: str, **state: Any) -> None:
        """What a browser sends when a person changes a control."""
        self.states[model_id].update(state)
        await self._send("comm_msg", {"comm_id": model_id, "data": {
            "method": "update", "state": state, "buffer_paths": []}})

    async def click(self, model_id: str) -> None:
        await self._send("comm_msg", {"comm_id": model_id, "data": {
            "method": "custom", "content": {"event": "click"}}})
