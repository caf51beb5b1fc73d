"""Debian's nginx for the deployment's tests: there, or a skip; under CI=true a failure."""

from __future__ import annotations

from deploy.proxy import nginx_bin
from tests.missing import missing


def require_nginx() -> str:
    found = nginx_bin()
    if found is None:
        missing("nginx", "nginx", "nginx was not found (not on the PATH, nor /usr/sbin/nginx)")
    return found
