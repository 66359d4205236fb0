"""Serve the benchmark database with the production server (gunicorn, 2 workers) on
loopback, and measure pages with wrk, as ../shared/bench-peers/redmine measures Redmine."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
PORT = int(os.environ.get("BENCH_PORT", "8100"))
BENCH_SECRET_KEY = "bench-only-secret-" + "x" * 50
BASE = f"http://127.0.0.1:{PORT}"


def server_environment(extra: dict | None = None) -> dict:
    from django.conf import settings

    static_root = tempfile.mkdtemp(prefix="saferplan-bench-static-")
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.production",
        "SAFERPLAN_SECRET_KEY": BENCH_SECRET_KEY,
        "SAFERPLAN_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SAFERPLAN_SSL_REDIRECT": "false",
        "SAFERPLAN_BEHIND_PROXY": "false",
        "SAFERPLAN_STATIC_ROOT": static_root,
        "SAFERPLAN_VAR_DIR": str(Path(database["NAME"]).parent)
        if database["ENGINE"].endswith("sqlite3")
        else os.environ.get("SAFERPLAN_VAR_DIR", tempfile.gettempdir()),
        "SAFERPLAN_LOG_LEVEL": "WARNING",
        # The production settings take no default database: name the benchmark's own.
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{database['NAME']}",
    }
    env.update(extra or {})
    subprocess.run(
        [sys.executable, "-m", "saferplan.cli", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=PROJECT,
        check=True,
    )
    return env


@contextmanager
def gunicorn(env: dict, workers: int = 2):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise SystemExit(f"port {PORT} is in use: stop that server or set BENCH_PORT")
    gunicorn_bin = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    process = subprocess.Popen(
        [
            gunicorn_bin,
            "saferplan.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=PROJECT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{BASE}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


def wrk(url: str, *, cookie: str, connections: int, duration: int, warmup: int = 3) -> dict:
    """Run wrk against `url` and return its RESULT line as numbers."""
    threads = 1 if connections == 1 else 2
    header = ["-H", f"Cookie: {cookie}"]
    subprocess.run(
        ["wrk", "-t1", "-c1", f"-d{warmup}s", *header, url], check=True, capture_output=True
    )
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            str(HERE / "report.lua"),
            *header,
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    return {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}


def timed_after_change(
    path: str, cookie: str, change: Callable[[], object], *, count: int = 30, warmup: int = 0
) -> list[float]:
    """Milliseconds for `path`, each request made just after `change()` (raising plans'
    versions), so that no cached rendering can serve it: the page built afresh. The first
    `warmup` timings are left out."""
    port = int(BASE.rsplit(":", 1)[1])
    timings = []
    for _ in range(count + warmup):
        change()
        conn = http.client.HTTPConnection("127.0.0.1", port)
        started = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie})
        answer = conn.getresponse()
        answer.read()
        timings.append((time.perf_counter() - started) * 1000)
        conn.close()
        if answer.status != 200:
            raise SystemExit(f"{path} answered {answer.status}")
    return timings[warmup:]


def session_cookie(user) -> str:
    """A signed-in session for `user`, as the cookie the production server reads (the
    sessions must be signed with BENCH_SECRET_KEY, which the server is given)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"__Host-sessionid={session.session_key}"


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")


def sanity_check(url: str, *, cookie: str, pattern: str, expected: int) -> None:
    """The page answers 200 (not a redirect to sign in) and shows `expected` links."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"sanity check: {url} answered {error.code}, not the page") from None
    found = len(set(re.findall(pattern, response.read().decode())))
    if response.status != 200 or found != expected:
        raise SystemExit(
            f"sanity check: {url} answered {response.status} with {found} links, want 200 with {expected}"
        )
    print(f"  sanity: {url} shows {found} actions")


def redmine_results() -> dict[tuple[str, int], dict[str, float]]:
    """Redmine measured this session, from the results table that
    ../shared/bench-peers/redmine/run.sh writes (REDMINE_RESULTS names the file):
    {(endpoint, concurrency): {"median": ms, "rps": requests/s}}; empty when not given."""
    path = os.environ.get("REDMINE_RESULTS")
    if not path or not Path(path).exists():
        return {}
    results = {}
    for line in Path(path).read_text().splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 7 and cells[2] in {"1", "8"}:
            results[(cells[1], int(cells[2]))] = {"median": float(cells[3]), "rps": float(cells[6])}
    return results
