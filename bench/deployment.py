"""saferplan deployed as several servers on this machine, for the deployment test: Debian's
nginx in front of two app servers (gunicorn), two background workers (`saferplan db_worker`),
one PostgreSQL, Redis for the workers' progress and heartbeats, and one uploads folder that
every server shares, as docs/administration.md ("Several app servers") describes; each app
server serves the static files collected for the release (WhiteNoise). Any server can be
killed (SIGKILL, as the out-of-memory killer or a power cut would) and started again.

On real machines the shared folders are a network filesystem (or object storage for uploads)
and each process runs under systemd; here they are folders and child processes."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
NGINX = shutil.which("nginx") or next(
    (str(p) for p in (Path("/usr/sbin/nginx"), Path("/usr/local/sbin/nginx")) if p.exists()), None
)
REDIS = shutil.which("redis-server") or (
    "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
)

# The proxy block of docs/administration.md, with an upstream of two app servers (its
# "Several app servers"). nginx tries the other server when one refuses or drops a connection
# before answering, for requests that may be repeated (GET, HEAD); a POST in flight on a
# server that dies is answered 502, and the client sends it again (a form is saved once, ADR
# 0027). Static files are served by each app server (WhiteNoise), as the guide says.
NGINX_CONFIG = """
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
worker_processes 1;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream saferplan {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost 127.0.0.1;
        client_max_body_size 300m;
        location / {{
            proxy_pass http://saferplan;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_buffering off;
            proxy_read_timeout 300s;
        }}
    }}
}}
"""


def _postgres_uid() -> int | None:
    import pwd

    try:
        return pwd.getpwnam("postgres").pw_uid
    except KeyError:
        return None


def port_free(port: int) -> None:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is in use: stop what listens there")


def wait_for(url: str, *, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"{what} did not start ({url})") from None
            time.sleep(0.1)


class Deployment:
    """The servers, started by start() and stopped by stop(); `env` is the production
    settings every saferplan process is given."""

    def __init__(
        self,
        env: dict,
        *,
        proxy_port: int,
        app_ports: tuple[int, ...],
        workers: int,
        gunicorn_workers: int,
        redis_port: int,
    ):
        if NGINX is None:
            raise SystemExit("nginx is not installed: make proxy (or apt-get install nginx)")
        if REDIS is None:
            raise SystemExit("Redis is not installed: make redis (or apt-get install redis-server)")
        self.root = Path(tempfile.mkdtemp(prefix="saferplan-deployment-"))
        # nginx's workers run as an unprivileged user: they write large request bodies here.
        self.root.chmod(0o755)
        self.proxy_port, self.app_ports, self.redis_port = proxy_port, app_ports, redis_port
        self.gunicorn_workers = gunicorn_workers
        self.worker_ids = [f"worker-{n + 1}" for n in range(workers)]
        self.uploads = self.root / "shared-uploads"
        self.uploads.mkdir()
        self.env = env | {
            "SAFERPLAN_UPLOAD_DIR": str(self.uploads),
            "SAFERPLAN_PROGRESS_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "SAFERPLAN_BEHIND_PROXY": "true",
            "SAFERPLAN_TRUSTED_PROXY_HOPS": "1",
        }
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    # --- Each server -------------------------------------------------------------------

    def _spawn(self, name: str, command: list[str], *, env: dict | None = None) -> None:
        log = self.root / f"{name}.log"
        self.logs[name] = log
        with open(log, "a") as out:
            # A session of its own, so that killing it kills the gunicorn master's workers
            # with it, as a machine that dies would.
            self.processes[name] = subprocess.Popen(
                command,
                env=env or self.env,
                cwd=PROJECT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def start_app_server(self, port: int) -> None:
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
        self._spawn(
            f"app-{port}",
            [
                gunicorn,
                "saferplan.wsgi",
                "--workers",
                str(self.gunicorn_workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "300",
                "--log-level",
                "warning",
            ],
        )
        wait_for(f"http://127.0.0.1:{port}/healthz", what=f"the app server on port {port}")

    def start_worker(self, worker_id: str) -> None:
        self._spawn(
            worker_id,
            [
                sys.executable,
                "-m",
                "saferplan.cli",
                "db_worker",
                "--worker-id",
                worker_id,
                "--interval",
                "0.5",
            ],
        )

    def kill(self, name: str) -> None:
        """Kill the server and every process it started, at once (SIGKILL)."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def pause(self, name: str) -> None:
        os.killpg(self.processes[name].pid, signal.SIGSTOP)

    def resume(self, name: str) -> None:
        os.killpg(self.processes[name].pid, signal.SIGCONT)

    # --- All of it ---------------------------------------------------------------------

    def start(self) -> None:
        for port in (self.proxy_port, self.redis_port, *self.app_ports):
            port_free(port)
        self._spawn(
            "redis",
            [REDIS, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", ""],
        )
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;"
            for port in self.app_ports
        )
        (self.root / "nginx.conf").write_text(
            NGINX_CONFIG.format(root=self.root, port=self.proxy_port, servers=servers)
        )
        self._spawn(
            "nginx",
            [
                NGINX,
                "-p",
                str(self.root),
                "-c",
                str(self.root / "nginx.conf"),
                "-e",
                str(self.root / "error.log"),
            ],
        )
        for port in self.app_ports:
            self.start_app_server(port)
        for worker_id in self.worker_ids:
            self.start_worker(worker_id)
        wait_for(f"{self.base}/healthz", what="nginx")

    def stop(self) -> None:
        for process in list(self.processes.values()):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()

    def cpu_by_process(self) -> dict[int, tuple[str, float, float]]:
        """{pid: (part, CPU seconds used so far in user mode, in the kernel)} of every process of each
        part: the app servers, the workers, nginx and Redis (the processes of each one's
        session), PostgreSQL (the postgres user's) and this process (the simulated people)."""
        tick = os.sysconf("SC_CLK_TCK")
        sessions = {process.pid: name for name, process in self.processes.items()}
        postgres = _postgres_uid()
        found = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                owner = int((entry / "status").read_text().split("Uid:")[1].split()[0])
            except (OSError, IndexError):
                continue  # ended meanwhile
            pid, session = int(entry.name), int(fields[3])
            name = sessions.get(session)
            if pid == os.getpid():
                part = "the simulated people (this process)"
            elif name is not None:
                part = (
                    "app servers (gunicorn)"
                    if name.startswith("app-")
                    else "workers (db_worker)"
                    if name.startswith("worker-")
                    else name
                )
            elif owner == postgres:
                part = "PostgreSQL"
            else:
                continue
            found[pid] = (part, int(fields[11]) / tick, int(fields[12]) / tick)
        return found

    def log_lines(self, name: str, containing: str) -> list[str]:
        log = self.logs.get(name)
        if log is None or not log.exists():
            return []
        return [line for line in log.read_text().splitlines() if containing in line]


class CpuMeter(threading.Thread):
    """CPU seconds used by each part of the deployment while it runs, sampled every 2 s (a
    process killed between two samples loses at most its last 2 s)."""

    def __init__(self, deployment: Deployment):
        super().__init__(daemon=True)
        self.deployment = deployment
        self.used: dict[str, list[float]] = {}  # part: [user, kernel] seconds
        self.stopped = threading.Event()
        self.wall = 0.0

    def run(self) -> None:
        seen = self.deployment.cpu_by_process()
        started = time.monotonic()
        while not self.stopped.wait(2):
            now = self.deployment.cpu_by_process()
            for pid, (part, user, kernel) in now.items():
                _, user_before, kernel_before = seen.get(pid, (part, 0.0, 0.0))
                used = self.used.setdefault(part, [0.0, 0.0])
                used[0] += max(0.0, user - user_before)
                used[1] += max(0.0, kernel - kernel_before)
            seen = now
            self.wall = time.monotonic() - started
