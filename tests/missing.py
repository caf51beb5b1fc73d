"""A program the tests need (a Debian package) is missing: a skip on a developer's machine,
a failure under CI=true, where `make test` should have installed it."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(what: str, package: str, reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is needed under CI: {reason} (make test installs Debian's "
                    f"{package} as root)", pytrace=False)
    pytest.skip(f"{what} tests skipped: {reason} (run 'make test' as root, or "
                f"'sudo apt-get install {package}')")
