"""The kernel's view of its visitor, and the log filter that keeps tokens out of logs."""

from __future__ import annotations

import io
import logging

from workbench.server import logs, visitor
from workbench.store.tokens import new_token


def test_the_kernel_reads_the_servers_header_and_nothing_else_of_the_request():
    token = new_token()
    seen = visitor.Visitor("abcdef012345", token, "panel", "tenants")
    env = {visitor.ENV: visitor.encode(seen), "QUERY_STRING": "meeting=x&token=forged"}
    assert visitor.current(env) == seen
    assert token not in repr(seen)
    assert visitor.current({"WORKBENCH_MEETING": "m", "WORKBENCH_TOKEN": "t"}) == \
        visitor.Visitor("m", "t")
    assert visitor.current({visitor.ENV: "not json"}) == visitor.Visitor("", "")
    assert visitor.current({visitor.ENV: "x" * 5000}).meeting == ""
    public = visitor.Visitor("abcdef012345", "", "public", None, "home_care")
    assert visitor.current({visitor.ENV: visitor.encode(public)}) == public
    assert visitor.current({visitor.ENV: visitor.encode(seen)}).service is None


def test_the_ui_asks_the_visitor_module_for_its_link(monkeypatch):
    from workbench.ui.app import _link

    token = new_token()
    monkeypatch.setenv(visitor.ENV, visitor.encode(visitor.Visitor("m1", token, "panel")))
    monkeypatch.setenv("QUERY_STRING", "meeting=other&token=other")
    assert _link() == ("m1", token)


def test_every_token_shape_is_hidden_in_log_records():
    token = new_token()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("workbench.test.scrub")
    logger.addHandler(handler)
    logger.propagate = False
    logs.install()
    try:
        logger.warning("404 GET /voila/render/x.ipynb?meeting=m&token=%s (127.0.0.1)", token)
        logger.warning("cookie wb_abcdef012345=%s; _xsrf=2|abc", token)
        logger.warning("bare %s in a message", token)
        try:
            raise ValueError(f"failed for {token}")
        except ValueError:
            logger.exception("with a traceback")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert token not in text
    assert "token=[hidden]" in text and "_xsrf=[hidden]" in text and "wb_abcdef012345=[hidden]" \
        in text
    assert "bare [hidden] in a message" in text and "ValueError" in text
