"""Debian's nginx for the deployment's tests: there, or a skip; under CI=true a failure."""

from __future__ import annotations

import os

import pytest

from deploy.proxy import nginx_bin


def missing_nginx(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"nginx is needed under CI: {reason} (make test installs Debian's nginx "
                    "as root)", pytrace=False)
    pytest.skip(f"nginx tests skipped: {reason} (run 'make test' as root, or "
                "'sudo apt-get install nginx')")


def require_nginx() -> str:
    found = nginx_bin()
    if found is None:
        missing_nginx("nginx was not found (not on the PATH, nor /usr/sbin/nginx)")
    return found
