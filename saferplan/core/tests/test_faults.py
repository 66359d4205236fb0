"""Faults a server meets: the database goes away. The user gets a page that says what is
wrong and what to do, never a stack trace; the load balancer gets a 503 from /healthz/."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

UNREACHABLE = {
    "postgresql": "postgres://postgres@127.0.0.1:9/saferplan",  # nothing listens on port 9
    "sqlite": "sqlite:////nonexistent-folder/saferplan.sqlite3",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, cookie: str = "") -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(params=sorted(UNREACHABLE))
def server_without_database(request, tmp_path):
    """gunicorn, as in production, with a database that cannot be reached."""
    port = free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.base",
        "DATABASE_URL": UNREACHABLE[request.param],
        "SAFERPLAN_VAR_DIR": str(tmp_path),
        "SAFERPLAN_DEBUG": "false",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "saferplan.wsgi", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=30)


def test_an_unreachable_database_gives_a_clear_page_and_a_503(server_without_database):
    base = server_without_database
    for path, cookie in [
        ("/p/hertsmere/", ""),  # the public's published plan
        ("/partnerships/hertsmere/", "sessionid=a-signed-in-session"),  # a member's page
    ]:
        status, headers, body = fetch(base + path, cookie)
        assert status == 503, (path, status, body[:300])
        assert headers["Retry-After"] == "60"
        assert "Sorry, the service is unavailable" in body
        assert "cannot reach its database" in body
        assert "it has not been saved" in body
        for detail in ("Traceback", "OperationalError", "psycopg", "sqlite", "127.0.0.1"):
            assert detail not in body, detail

    status, _, body = fetch(base + "/healthz")
    assert status == 503
    assert json.loads(body) == {"status": "database unavailable"}


def test_an_error_nobody_foresaw_gives_the_plain_500_page(rf):
    from saferplan.core.views import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert "a bug" not in response.content.decode()
