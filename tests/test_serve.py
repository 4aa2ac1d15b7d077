"""`linli serve` runs gunicorn with whitenoise serving the collected static files."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from linli.front.management.commands.serve import Command, default_workers, gunicorn_argv

REPO = Path(__file__).resolve().parent.parent


def test_workers_follow_the_cores_but_stay_within_what_one_community_needs():
    assert default_workers(1) == 3
    assert default_workers(2) == 5
    assert default_workers(64) == 9
    assert default_workers(None) == 3  # os.cpu_count() may not know


def test_gunicorn_listens_where_it_is_told_and_allows_slow_imports():
    argv = gunicorn_argv("127.0.0.1", 8123, 4)
    assert "--bind=127.0.0.1:8123" in argv
    assert "--workers=4" in argv
    assert "--timeout=120" in argv


def test_a_port_that_is_not_a_number_is_refused_with_its_value(monkeypatch):
    monkeypatch.setenv("PORT", "80a")
    with pytest.raises(CommandError, match="PORT='80a'"):
        Command.port_from_env()
    monkeypatch.setenv("PORT", "70000")
    with pytest.raises(CommandError, match="PORT='70000'"):
        Command.port_from_env()
    monkeypatch.setenv("PORT", "8123")
    assert Command.port_from_env() == 8123


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    """(status, headers, body) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_serve_answers_pages_and_static_files_over_http(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINLI_")}
    env.update(PORT=str(port), LINLI_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    server = subprocess.Popen(
        [sys.executable, "-m", "linli.manage", "serve", "--workers=1"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                status, headers, _ = fetch(base + "/")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "linli serve did not answer in 30 s"
                time.sleep(0.2)
        # Anonymous visitors are sent to log in; that needs no database.
        assert status == 302
        assert "/accounts/login/" in headers["Location"]
        status, headers, body = fetch(base + "/static/linli/htmx.min.js")
        assert status == 200
        assert b"htmx" in body
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"Linli on http://127.0.0.1:{port}/ (gunicorn, workers: 1)" in output
    assert "Booting worker" in output  # gunicorn, not Django's development server
