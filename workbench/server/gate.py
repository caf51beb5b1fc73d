"""The handlers in front of Voilà's pages: each page load is checked here before Voilà starts
a kernel for it, and refused with a small page of our own when it may not open.

- A meetings server serves only the panel's and the facilitator's pages. A link's token is
  checked against the store, swapped for an HttpOnly, SameSite=Strict cookie named after the
  meeting and scoped to that page's path, and the browser is sent on to the page's address
  without the token. Every later load is checked again from the cookie (a closed or expired
  meeting stops it), and the kernel learns who it serves from the server (``visitor``).
- A public page (the challenge form) needs no token: its meeting must exist and its links
  must not have expired (a closed meeting's challenges go on). A token in its query is
  dropped unread, no cookie is set, and a well-formed ``service`` in the query is handed to
  the kernel as the form's first choice.
- The finance page needs the server's finance token whenever a meeting store can be read.
- Every page load takes a place under the kernel cap first.
"""

from __future__ import annotations

import asyncio
import contextvars
import hmac
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import tornado.web
from jupyter_server.base.handlers import JupyterHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler

from workbench.errors import WorkbenchError
from workbench.server import refusal, visitor
from workbench.store import tokens
from workbench.store.meetings import FACILITATOR

log = logging.getLogger("workbench.server")

# Which visitor the page load running in this task is for (read where kernels start).
ADMITTED: contextvars.ContextVar[str | None] = contextvars.ContextVar("admitted", default=None)
FINANCE_COOKIE = "wb_finance"
PUBLIC = "public"                 # a page anyone may open while its meeting is open
# Whose link each role's page needs, in words (a tender's are its evaluators' and moderator's).
WANTED = {FACILITATOR: "the facilitator's", "panel": "a panel's",
          "evaluator": "a tender evaluator's", "moderator": "the tender moderator's",
          "voter": "a voter's"}
VOTE_PAGES = ("pb.ipynb",)        # what a vote's facilitator link opens
SERVICE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")   # a service id in a public link


@dataclass
class Rules:
    """What this server serves and to whom (set once at start, read by every handler)."""

    app: str                                  # "meeting", "finance" or "meetings"
    pages: dict[str, str] = field(default_factory=dict)   # notebook file -> role it needs
    finance_token: str | None = field(default=None, repr=False)
    store_readable: object = None             # () -> bool: a store exists to be read
    store: object = None                      # () -> MeetingStore, opened once
    cap: object = None                        # KernelCap
    secure_cookies: bool = False


class Refusal(Exception):
    def __init__(self, status: int, html: str, retry_after: int | None = None):
        super().__init__(status)
        self.status, self.html, self.retry_after = status, html, retry_after


class GatedPage(TornadoVoilaHandler):
    """Voilà's page handler with the access check and the kernel cap before it."""

    rules: Rules

    def initialize(self, **kwargs):
        self.rules = kwargs.pop("rules")
        super().initialize(**kwargs)
        self._admitted: str | None = None

    async def prepare(self):
        await super().prepare()
        self.request.headers.pop(visitor.HEADER, None)   # only the server sets it
        try:
            who = await self._check()
            if who is None:                 # answered already (a redirect)
                return
            self._admit(who)
        except Refusal as refused:
            self.set_status(refused.status)
            if refused.retry_after:
                self.set_header("Retry-After", str(refused.retry_after))
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(refused.html)
            return
        _ = self.xsrf_token    # sets the _xsrf cookie the page sends when its tab closes

    async def _check(self) -> str | None:
        """The visitor's key for the kernel cap, or None when answered with a redirect."""
        path = self.path_kwargs.get("path") or (self.path_args[0] if self.path_args else "")
        if self.rules.app == "meetings":
            return await self._meeting_page(path or "")
        if path:
            raise Refusal(404, refusal.not_here())
        if self.rules.app == "finance" and self.rules.store_readable():
            return self._finance()
        return "ip:" + (self.request.remote_ip or "")

    async def _meeting_page(self, page: str) -> str | None:
        role = self.rules.pages.get(page)
        if role is None:
            raise Refusal(404, refusal.not_here())
        meeting = self.get_query_argument("meeting", "")
        if not tokens.MEETING_ID_PATTERN.fullmatch(meeting):
            meeting = meeting[:64]
        if role == PUBLIC:
            return await self._public_page(meeting)
        cookie = f"wb_{meeting}" if tokens.MEETING_ID_PATTERN.fullmatch(meeting) else None
        token = self.get_query_argument("token", None)
        from_link = token is not None
        if not from_link and cookie:
            token = self.get_cookie(cookie)
        access = await self._access(meeting, token)
        if access.role != role:
            wanted = WANTED.get(role, "another")
            raise Refusal(403, refusal.refused(f"this page needs {wanted} link"))
        if role == FACILITATOR and page not in VOTE_PAGES and await self._is_vote(meeting):
            raise Refusal(403, refusal.refused(
                "this is the facilitator's link of a participatory-budgeting vote: it opens "
                "the vote's result page (pb.ipynb), not a scenario meeting's pages"))
        if from_link:
            # the token leaves the address: kept in a cookie only this page is sent
            self.set_cookie(cookie, token, path=self.request.path, httponly=True,
                            samesite="Strict", secure=self.rules.secure_cookies)
            self.redirect(f"{self.request.path}?{urlencode({'meeting': meeting})}",
                          status=303)
            return None
        self.request.headers[visitor.HEADER] = visitor.encode(
            visitor.Visitor(meeting, token, access.role, access.group))
        return "token:" + tokens.token_hash(token)[:16]

    async def _public_page(self, meeting: str) -> str:
        """A public page (the challenge form): no token, only a meeting whose links have
        not expired (``store.public_access``). A token in the query is dropped before Voilà
        sees the request, so no kernel ever holds it; no cookie is set; the kernel cap
        counts the visitor by address."""
        try:
            store = self.rules.store()
            await asyncio.get_running_loop().run_in_executor(None, store.public_access,
                                                             meeting)
        except WorkbenchError as exc:
            log.info("refused the public page of meeting %s (%s)", meeting[:64], exc)
            raise Refusal(403, refusal.refused(str(exc))) from None
        service = self.get_query_argument("service", "")
        service = service if SERVICE_ID.fullmatch(service) else None
        self._keep_only({"meeting": meeting, **({"service": service} if service else {})})
        self.request.headers[visitor.HEADER] = visitor.encode(
            visitor.Visitor(meeting, "", PUBLIC, None, service))
        return "ip:" + (self.request.remote_ip or "")

    def _keep_only(self, query: dict[str, str]) -> None:
        """The request's query and address as Voilà sees them, and so as the kernel is told
        them (its QUERY_STRING and VOILA_REQUEST_URL)."""
        self.request.query = urlencode(query)
        self.request.uri = f"{self.request.path}?{self.request.query}"
        self.request.query_arguments = {k: [v.encode()] for k, v in query.items()}
        self.request.arguments = dict(self.request.query_arguments)

    async def _is_vote(self, meeting: str) -> bool:
        store = self.rules.store()
        return await asyncio.get_running_loop().run_in_executor(None, store.is_vote, meeting)

    async def _access(self, meeting: str, token: str | None):
        """The store's answer for this token (a refusal is logged there, by hash prefix)."""
        try:
            store = self.rules.store()
            return await asyncio.get_running_loop().run_in_executor(
                None, store.access, meeting, token)
        except WorkbenchError as exc:
            log.info("refused a page of meeting %s: token %s (%s)", meeting[:64],
                     tokens.fingerprint(token), exc)
            raise Refusal(403, refusal.refused(str(exc))) from None

    def _finance(self) -> str:
        token = self.get_query_argument("token", None)
        from_link = token is not None
        if not from_link:
            token = self.get_cookie(FINANCE_COOKIE)
        expected = self.rules.finance_token or ""
        if not token or not expected or not hmac.compare_digest(token, expected):
            log.info("refused the finance page: token %s", tokens.fingerprint(token))
            raise Refusal(403, refusal.refused(
                "the finance page needs the finance link printed when the server started"))
        if from_link:
            self.set_cookie(FINANCE_COOKIE, token, path="/", httponly=True,
                            samesite="Strict", secure=self.rules.secure_cookies)
            self.redirect(self.request.path, status=303)
            return None
        return "finance"

    def _admit(self, who: str) -> None:
        cap = self.rules.cap
        why = cap.admit(who, self.kernel_manager.list_kernel_ids())
        if why is not None:
            log.info("refused a page load: %s", "the server is full" if why == "full"
                     else "too many pages for one visitor")
            raise Refusal(503, refusal.full(why == "yours"), retry_after=60)
        self._admitted = who
        ADMITTED.set(who)

    def on_finish(self):
        if self._admitted is not None:
            self.rules.cap.release(self._admitted)   # no-op once its kernel started
            self._admitted = None
        super().on_finish()


class NotHere(JupyterHandler):
    """Anything this server does not serve (the file tree, other notebooks, mistyped
    addresses): a small page, no kernel."""

    def prepare(self):
        self.set_status(404)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(refusal.not_here())


class ShutdownOnClose(VoilaShutdownKernelHandler):
    """Voilà's kernel shutdown for a closing tab. The page sends its _xsrf cookie (checked
    as usual); with ``Referrer-Policy: no-referrer`` the browser's Origin is "null", which
    the XSRF token, not the origin, guards."""

    def check_origin(self, origin_to_satisfy_tornado: str = "") -> bool:
        if self.request.headers.get("Origin") == "null":
            return True
        return super().check_origin(origin_to_satisfy_tornado)


class SecurityHeaders(tornado.web.OutputTransform):
    """On every response: no address is sent on as a Referer, types are not sniffed."""

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Content-Type-Options"] = "nosniff"
        return status_code, headers, chunk
