"""The nginx configuration the demonstration renders: complete, accepted by nginx itself,
and keeping tokens out of its log."""

from __future__ import annotations

import subprocess

import pytest

from deploy.proxy import SITE, fill, site_config, write_configs
from tests.deploy.nginx import require_nginx


def test_every_place_in_the_template_is_filled_and_a_missing_one_is_refused():
    text = site_config(["127.0.0.1:9001", "10.0.0.2:8866"], "8080", "/var/log/nginx")
    assert "{{" not in text
    assert "server 127.0.0.1:9001 max_fails=1 fail_timeout=10s;" in text
    assert "server 10.0.0.2:8866 max_fails=1 fail_timeout=10s;" in text
    assert "listen 8080;" in text
    with pytest.raises(ValueError, match="no value for listen, log_dir"):
        fill(SITE, servers="")


def test_the_sticky_websocket_and_failover_settings_are_there():
    text = site_config(["127.0.0.1:9001"], "8080", "/tmp")
    for line in ("hash $workbench_route consistent;", "proxy_http_version 1.1;",
                 "proxy_set_header Upgrade    $http_upgrade;",
                 "proxy_set_header Connection $workbench_connection;",
                 "proxy_read_timeout  3600s;", "proxy_next_upstream error timeout",
                 "add_header Set-Cookie $workbench_route_cookie always;"):
        assert line in text, line
    log_format = text[text.index("log_format"):text.index("upstream workbench_meetings")]
    # the links carry tokens in their query strings: the log has the path only
    assert "$uri" in log_format
    for leak in ("$request ", "$request_uri", "$args", "$query_string", "$http_cookie"):
        assert leak not in log_format
    # nginx's error messages carry the whole request line: only critical ones are written
    assert "workbench.error.log crit;" in text


def test_nginx_accepts_the_rendered_configuration(tmp_path):
    binary = require_nginx()
    main = write_configs(tmp_path / "run", ["127.0.0.1:9001", "127.0.0.1:9002"],
                         "127.0.0.1:18080")
    done = subprocess.run([binary, "-e", str(tmp_path / "run" / "error.log"), "-p",
                           str(tmp_path / "run"), "-c", str(main), "-t"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr
