"""nginx in front of the meeting servers: its configuration, rendered from the templates in
deploy/nginx/, and the demonstration's own nginx process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "nginx"
SITE = TEMPLATES / "workbench.conf.template"
MAIN = TEMPLATES / "nginx.conf.template"
ROUTE_HEADER = "X-Workbench-Server"     # which server answered (nginx's $upstream_addr)
PLACE = re.compile(r"\{\{(\w+)\}\}")


class NginxMissing(Exception):
    """nginx is not installed, or refused its configuration: the reason, in plain words."""


def nginx_bin() -> str | None:
    """Debian's nginx (in /usr/sbin, which is not on every PATH)."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


def fill(template: Path, **values: str) -> str:
    """The template with every ``{{name}}`` replaced; a name left without a value is an
    error here, never a broken file for nginx to find."""
    text = template.read_text()
    missing = sorted(set(PLACE.findall(text)) - set(values))
    if missing:
        raise ValueError(f"{template.name}: no value for {', '.join(missing)}")
    return PLACE.sub(lambda m: values[m.group(1)], text)


def site_config(servers: Sequence[str], listen: str, log_dir: str) -> str:
    """The ``http``-context file a council's nginx includes: one ``host:port`` per server."""
    lines = "\n".join(f"    server {s} max_fails=1 fail_timeout=10s;" for s in servers)
    return fill(SITE, servers=lines, listen=listen, log_dir=log_dir)


def write_configs(run: Path, servers: Sequence[str], listen: str) -> Path:
    """workbench.conf and the demonstration's nginx.conf in ``run``; the latter's path."""
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)     # nginx's workers (nobody, under root) create their temp folders here
    (run / "workbench.conf").write_text(site_config(servers, listen, str(run)))
    main = run / "nginx.conf"
    main.write_text(fill(MAIN, run=str(run)))
    return main


def start_nginx(run: Path, servers: Sequence[str], listen: str) -> subprocess.Popen:
    """nginx in the foreground on the rendered configuration, in its own process group;
    checked first with ``nginx -t`` so a bad file is refused with nginx's own words."""
    binary = nginx_bin()
    if binary is None:
        raise NginxMissing("nginx was not found (Debian's package is nginx)")
    main = write_configs(run, servers, listen)
    command = [binary, "-e", str(run / "error.log"), "-p", str(run), "-c", str(main)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    if checked.returncode != 0:
        raise NginxMissing(f"nginx refused {main}: {checked.stderr.strip()}")
    log = (run / "nginx.out").open("w")
    return subprocess.Popen([*command, "-g", "daemon off;"], stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
