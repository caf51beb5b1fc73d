"""Voilà with the workbench's rules in front of it (see ``gate``): only the pages this server
serves, checked before any kernel starts; tokens kept out of addresses and logs; a cap on
kernels; idle kernels culled even while their page is connected; TLS when given a
certificate. ``run(options)`` serves until stopped (Ctrl-C or SIGTERM stops its kernels too).
"""

from __future__ import annotations

import logging
import os
import re
import ssl
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import tornado.ioloop
import tornado.web
from jupyter_core.utils import ensure_async
from jupyter_server.utils import url_path_join
from markupsafe import Markup
from traitlets.config import Config
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from workbench.server import gate, logs, visitor
from workbench.server.kernel_cap import KernelCap
from workbench.server.logs import scrub

TEMPLATES = Path(__file__).parent / "templates"
_CDN_LINK = re.compile(r'<link[^>]+href="https://cdn\.jsdelivr\.net/[^"]*"[^>]*>')
access_log = logging.getLogger("tornado.access")


@dataclass
class ServerOptions:
    """Everything ``workbench serve`` decided, for the server to apply."""

    app: str                       # "meeting", "finance" or "meetings"
    target: Path                   # the notebook, or the notebooks folder for "meetings"
    host: str = "127.0.0.1"
    port: int = 8866
    certfile: str | None = None
    keyfile: str | None = None
    behind_proxy: bool = False     # trust X-Forwarded-For/-Proto from a proxy on loopback
    max_kernels: int = 8
    per_visitor: int = 3
    idle_minutes: float = 30
    pages: dict[str, str] = field(default_factory=dict)
    # A one-notebook app's other pages: address (no slash) -> notebook in the target's folder
    more_pages: dict[str, str] = field(default_factory=dict)
    finance_token: str | None = field(default=None, repr=False)
    store_readable: object = None
    store: object = None

    @property
    def scheme(self) -> str:
        return "https" if self.certfile else "http"


def no_cdn(html: str) -> Markup:
    """The page's head without links to a CDN (the template's ``no_cdn`` filter)."""
    return Markup(_CDN_LINK.sub("", str(html)))


def log_request(handler: tornado.web.RequestHandler) -> None:
    """Tornado's access log line, with every token hidden (4xx included)."""
    status = handler.get_status()
    request = handler.request
    level = logging.INFO if status < 400 else logging.WARNING
    access_log.log(level, "%d %s %s (%s) %.2fms", status, request.method, scrub(request.uri),
                   request.remote_ip, 1000 * request.request_time())


class WorkbenchVoila(Voila):
    """Voilà's application, serving what ``options`` allows and nothing more."""

    options: ServerOptions

    def setup_template_dirs(self):
        super().setup_template_dirs()
        self.template_paths.insert(0, str(TEMPLATES))

    def init_settings(self):
        settings = super().init_settings()
        settings["log_function"] = log_request
        settings["xsrf_cookie_kwargs"] = {"samesite": "Strict",
                                          "secure": bool(self.options.certfile)}
        self.cap = KernelCap(self.options.max_kernels, self.options.per_visitor)
        self._count_kernels_started_for_pages()
        return settings

    def _count_kernels_started_for_pages(self) -> None:
        """A kernel started while a page load is admitted is that visitor's (kernel cap)."""
        manager, cap = self.kernel_manager, self.cap
        start = manager.start_kernel

        async def start_kernel(*args, **kwargs):
            kernel_id = await ensure_async(start(*args, **kwargs))
            who = gate.ADMITTED.get()
            if who is not None:
                cap.started(who, kernel_id)
                gate.ADMITTED.set(None)
            return kernel_id

        manager.start_kernel = start_kernel

    def init_handlers(self):
        """Voilà's handlers without the file tree, the contents API and the files handler;
        its page handler behind the gate; anything else a small 'not here' page."""
        rules = gate.Rules(app=self.options.app, pages=self.options.pages,
                           finance_token=self.options.finance_token,
                           store_readable=self.options.store_readable,
                           store=self.options.store, cap=self.cap,
                           secure_cookies=bool(self.options.certfile or
                                               self.options.behind_proxy))
        kept = []
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            kwargs = dict(spec[2]) if len(spec) > 2 else {}
            if handler in (TornadoVoilaTreeHandler, VoilaContentsHandler) or \
                    pattern.endswith("/voila/files/(.*)"):
                continue
            if handler is TornadoVoilaHandler:
                for address, notebook in self.options.more_pages.items():
                    # before the one notebook's catch-all, behind the same gate and cap
                    kept.append((url_path_join(self.server_url, "/" + address),
                                 gate.GatedPage, {**kwargs, "rules": rules,
                                                  "notebook_path": notebook}))
                kept.append((pattern, gate.GatedPage, {**kwargs, "rules": rules}))
            elif pattern.endswith("/voila/api/shutdown/(.*)"):
                kept.append((pattern, gate.ShutdownOnClose))
            else:
                kept.append(spec)
        kept.append((r"/.*", gate.NotHere))
        return kept

    def start(self):
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = tornado.web.Application(
            transforms=[gate.SecurityHeaders], **settings)
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.init_handlers())
        logs.install()
        _guard_kernels()
        self.listen()

    def listen(self):
        context = None
        if self.options.certfile:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.options.certfile, self.options.keyfile)
        try:
            self.app.listen(self.port, self.ip, ssl_options=context,
                            xheaders=self.options.behind_proxy)
        except OSError as exc:
            self.log.critical("cannot listen on %s:%s (%s)", self.ip, self.port, exc.strerror)
            self.exit(1)
        self.log.info("Serving at %s://%s:%s/", self.options.scheme, self.ip, self.port)
        self.ioloop = tornado.ioloop.IOLoop.current()
        try:
            self.ioloop.start()
        except KeyboardInterrupt:
            self.log.info("Stopping...")
        finally:
            self.stop()


def _guard_kernels() -> None:
    """Every kernel runs workbench.server.kernel_guard first, through an IPython folder of
    the server's own (which also keeps kernels' history out of the visitor-facing HOME)."""
    folder = Path(tempfile.mkdtemp(prefix="workbench-ipython-"))
    profile = folder / "profile_default"
    profile.mkdir()
    (profile / "ipython_kernel_config.py").write_text(
        "c.IPKernelApp.exec_lines = ['import workbench.server.kernel_guard as _wb; "
        "_wb.install(); del _wb']\n")
    os.environ["IPYTHONDIR"] = str(folder)


def voila_config(options: ServerOptions) -> Config:
    config = Config()
    config.Voila.ip = options.host
    config.Voila.port = options.port
    config.Voila.open_browser = False
    config.Voila.port_retries = 0
    config.VoilaConfiguration.show_tracebacks = False
    config.TemplateExporter.filters = {"no_cdn": no_cdn}    # for templates/index.html.j2
    config.VoilaConfiguration.http_header_envs = [visitor.HEADER]
    # A meeting page's kernel is started for its verified visitor (the header above), which
    # a kernel heated before the request cannot have; the other pages keep a preheated one.
    preheat = options.app != "meetings"
    config.VoilaConfiguration.preheat_kernel = preheat
    config.VoilaConfiguration.default_pool_size = 1 if preheat else 0
    config.MappingKernelManager.cull_idle_timeout = int(options.idle_minutes * 60)
    config.MappingKernelManager.cull_interval = 30
    config.MappingKernelManager.cull_connected = True
    return config


def run(options: ServerOptions) -> int:
    WorkbenchVoila.options = options
    WorkbenchVoila.launch_instance(argv=[str(options.target)], config=voila_config(options))
    return 0
