"""Deployment test: saferplan as several servers for real, under 200 people for 5 minutes,
with one app server and one background worker killed and started again part-way through.

Debian's nginx in front of two gunicorn app servers and two `saferplan db_worker`s, on one
PostgreSQL, with Redis for progress and heartbeats and one shared uploads folder
(bench/deployment.py). The people (closed loop: each waits for an answer before the next
step) are owners of actions in the demo's partnerships:

- most think 0.5-1.5 s between steps, a fifth not at all;
- each reads My actions, their plan, its action plan table, their action, the board report,
  the published plan or the crime comparison, or adds an update to their action (opening the
  form, then posting it; one in five also changes the RAG rating, with a reason);
- one, a coordinator, imports real police.uk months (the shipped Hertfordshire archive) through
  the upload page every 40 s and watches
  the job's page until it has finished; two make the board report's PDF or Word document
  every 30 s, watch the job's page and download the document.

Part-way through, an app server is killed (SIGKILL of gunicorn and its workers, as a machine
that dies) and started again 20 s later; then, while a job is running, the worker running it
is killed and started again at once (as systemd's Restart=always would); then the worker
running another job is paused (SIGSTOP, as a frozen virtual machine) past the heartbeat limit
and woken. A request whose
connection fails or that nginx answers 502/504 is sent again by the person, up to 3 times.

Figures: requests, failed requests (only ones in flight on the killed server may fail, and
they must succeed when sent again), p50/p95/p99 by page, every accepted update stored exactly
once, every job finished exactly once (its end recorded once in the audit log; the killed and the paused worker's jobs done
by a later attempt, the paused one's own end refused, ADR 0038).

    make deployment-test                                  # 200 people, 300 s
    BENCH_DEPLOY_SECONDS=60 BENCH_DEPLOY_PEOPLE=50 .venv/bin/python bench/deployment_test.py

It needs PostgreSQL (DATABASE_URL, a database ending in _bench, emptied first; by default
postgres://postgres@127.0.0.1:5432/saferplan_deploy_bench), nginx and redis-server (`make
deployment-test` installs both from Debian when run as root).
"""

import os
import statistics
import threading
import time
from collections import Counter

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saferplan_deploy_bench")

from harness import Report, percentile, setup_django
from serve import BENCH_SECRET_KEY

# The sessions made here must be signed with the key the servers check them with.
os.environ["SAFERPLAN_SECRET_KEY"] = BENCH_SECRET_KEY
database = setup_django()

from deployment import CpuMeter, Deployment
from deployment_people import UPDATE_TEXT, Clock, Person, people_build
from serve import server_environment

from saferplan.background.models import BackgroundJob
from saferplan.core.models import AuditEvent
from saferplan.plans.models import Update

PEOPLE = int(os.environ.get("BENCH_DEPLOY_PEOPLE", "200"))
SECONDS = int(os.environ.get("BENCH_DEPLOY_SECONDS", "300"))
PROXY_PORT, APP_PORTS, REDIS_PORT = 8120, (8121, 8122), 8129
GUNICORN_WORKERS = int(os.environ.get("BENCH_DEPLOY_GUNICORN_WORKERS", "2"))
# The workers' heartbeat limit, shortened from production's 120 s so that the killed worker's
# job is queued again within the run (a production worker takes two minutes to be missed).
HEARTBEAT_LIMIT = 12


class Controller(threading.Thread):
    """Kills an app server, then the worker running a job, and starts each again."""

    def __init__(self, deployment: Deployment, clock: Clock):
        super().__init__(daemon=True)
        self.deployment, self.clock = deployment, clock
        self.events: list[str] = []
        self.app_down: tuple[float, float] | None = None
        self.killed_job: int | None = None
        self.paused_job: int | None = None
        self.failure: str = ""

    def note(self, text: str) -> None:
        line = f"{self.clock.now():6.1f} s  {text}"
        self.events.append(line)
        print("  " + line, flush=True)

    def run(self) -> None:
        try:
            self._run()
        except Exception as error:  # a kill that did not happen is a failed test, not silence
            self.failure = repr(error)
            self.note(f"the controller failed: {error!r}")

    def _run(self) -> None:
        port = APP_PORTS[0]
        self.clock.sleep_until(SECONDS * 0.3)
        self.deployment.kill(f"app-{port}")
        killed_at = self.clock.now()
        self.note(f"killed the app server on port {port} (gunicorn and its workers, SIGKILL)")
        self.clock.sleep_until(killed_at + 20)
        self.deployment.start_app_server(port)
        self.app_down = (killed_at, self.clock.now())
        self.note(f"started the app server on port {port} again")

        self.clock.sleep_until(SECONDS * 0.5)
        job_id, worker_id = self._job_running(until=SECONDS * 0.7)
        self.deployment.kill(worker_id)
        self.killed_job = job_id
        self.note(f"killed {worker_id} while it ran job {job_id} (SIGKILL)")
        time.sleep(1)
        self.deployment.start_worker(worker_id)
        self.note(f"started {worker_id} again")

        # A worker only paused past the heartbeat limit (SIGSTOP: a frozen virtual machine):
        # its job is queued again and done by the other worker; woken, the paused attempt
        # must record nothing.
        self.clock.sleep_until(max(self.clock.now() + 5, SECONDS * 0.72))
        job_id, worker_id = self._job_running(until=SECONDS * 0.85)
        self.deployment.pause(worker_id)
        self.paused_job = job_id
        self.note(f"paused {worker_id} while it ran job {job_id} (SIGSTOP)")
        time.sleep(HEARTBEAT_LIMIT + 10)
        self.deployment.resume(worker_id)
        self.note(f"woke {worker_id} (SIGCONT)")

    def _job_running(self, *, until: float) -> tuple[int, str]:
        while self.clock.now() < until:
            running = _a_running_job()
            if running is not None:
                return running
            time.sleep(0.05)
        raise RuntimeError("no job was running when a worker was to be stopped")


JOB_TASKS = (
    "saferplan.crimedata.tasks.run_police_uk_import",
    "saferplan.reports.tasks.run_board_report_document",
)


def _a_running_job() -> tuple[int, str] | None:
    """A job a worker has started and not finished, and that worker's id."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    try:
        for record in DBTaskResult.objects.running().filter(task_path__in=JOB_TASKS):
            job = BackgroundJob.objects.filter(
                pk=record.args_kwargs["args"][0], status=BackgroundJob.Status.RUNNING
            ).first()
            if job is not None and record.worker_ids:
                return job.pk, record.worker_ids[-1]
        return None
    finally:
        connection.close()


def jobs_drained(started_after, *, seconds: float = 180) -> list[BackgroundJob]:
    """The run's jobs, once none is waiting or running (or the time is up)."""
    deadline = time.monotonic() + seconds
    while True:
        jobs = list(BackgroundJob.objects.filter(created_at__gte=started_after).order_by("pk"))
        unfinished = [j for j in jobs if not j.is_finished]
        if not unfinished or time.monotonic() > deadline:
            return jobs
        time.sleep(1)


def main() -> None:
    from django.utils import timezone

    print(
        f"Deployment test on {database}: nginx, {len(APP_PORTS)} app servers, 2 workers, "
        f"PostgreSQL, Redis; {PEOPLE} people for {SECONDS} s"
    )
    cast = people_build(PEOPLE)
    env = server_environment(
        {
            "SAFERPLAN_WORKER_HEARTBEAT_LIMIT": str(HEARTBEAT_LIMIT),
            "SAFERPLAN_DB_CONN_MAX_AGE": "60",
        }
    )
    deployment = Deployment(
        env,
        proxy_port=PROXY_PORT,
        app_ports=APP_PORTS,
        workers=2,
        gunicorn_workers=GUNICORN_WORKERS,
        redis_port=REDIS_PORT,
    )
    started_after = timezone.now()
    updates_before = Update.objects.count()
    clock = Clock()
    try:
        deployment.start()
        people = [Person(n, role, clock, deployment.base) for n, role in enumerate(cast)]
        for person in people[:8]:
            person.warm_up()
        clock.start(SECONDS)
        meter = CpuMeter(deployment)
        meter.start()
        controller = Controller(deployment, clock)
        controller.start()
        for person in people:
            person.start()
            time.sleep(0.01)  # people arrive over two seconds, not in one instant
        for person in people:
            person.join()
        meter.stopped.set()
        meter.join()
        controller.join(timeout=60)
        jobs = jobs_drained(started_after)
        refused_ends = [
            line
            for worker_id in deployment.worker_ids
            for line in deployment.log_lines(worker_id, "the attempt holding it records")
        ]
    finally:
        deployment.stop()

    # --- Requests --------------------------------------------------------------------------
    timings = [t for p in people for t in p.timings]
    failures = [f for p in people for f in p.failures]  # an attempt that got no answer
    unanswered = [e for p in people for e in p.errors]  # failed even when sent again
    down = controller.app_down or (0.0, 0.0)
    # Failures that the killed server explains: while it was down (and a moment after, for
    # nginx to notice it back), or a request in flight on it when it died.
    outside_kill = [f for f in failures if not (down[0] - 0.5 <= f.at <= down[1] + 5)]
    print(f"  {len(timings):,} requests in {SECONDS} s ({len(timings) / SECONDS:.1f} a second)")
    by_page: dict[str, list[float]] = {}
    for what, ms in timings:
        by_page.setdefault(what, []).append(ms)
    print(f"    {'page':<28} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for what, values in sorted(by_page.items()):
        print(
            f"    {what:<28} {len(values):>8} {statistics.median(values):>8.0f} "
            f"{percentile(values, 95):>8.0f} {percentile(values, 99):>8.0f}"
        )
    for failure in failures[:12]:
        print(f"    failed attempt at {failure.at:.1f} s: {failure.what}")
    for error in unanswered[:12]:
        print(f"    error: {error}")

    # --- Updates: accepted, stored, exactly once --------------------------------------------
    accepted = [text for p in people for text in p.accepted]
    stored = list(
        Update.objects.filter(text__startswith=UPDATE_TEXT).values_list("text", flat=True)
    )
    doubled = [text for text, count in Counter(stored).items() if count > 1]
    lost = set(accepted) - set(stored)
    unaccepted = set(stored) - set(accepted)

    # --- Jobs: each finished, its end recorded exactly once ---------------------------------
    ends = Counter(
        int(event.object_id)
        for event in AuditEvent.objects.filter(
            object_type="background.backgroundjob", reason__startswith="Attempt "
        )
    )
    asked = [j for p in people for j in p.jobs]
    not_done = [j for j in jobs if j.status != BackgroundJob.Status.DONE]
    not_once = [j for j in jobs if ends[j.pk] != 1]
    downloads_bad = [p for p in people for p in p.bad_downloads]
    killed = next((j for j in jobs if j.pk == controller.killed_job), None)
    paused = next((j for j in jobs if j.pk == controller.paused_job), None)
    print(
        f"  jobs: {len(jobs)} ({Counter(j.kind for j in jobs)}); asked for by the people: "
        f"{len(asked)}; statuses {Counter(j.status for j in jobs)}"
    )
    for what, job in (("killed", killed), ("paused", paused)):
        if job is not None:
            print(
                f"  the {what} worker's job {job.pk} ({job}): {job.status} after "
                f"{job.attempts} attempts"
            )
    for event in controller.events:
        print(f"    {event}")
    cores = os.cpu_count() or 1
    print(
        f"  CPU used during the load ({meter.wall:.0f} s on {cores} cores = "
        f"{meter.wall * cores:.0f} CPU seconds available):"
    )
    print(f"    {'part':<40} {'CPU s':>7} {'of all':>7} {'kernel':>7}")
    for part, (user, kernel) in sorted(meter.used.items(), key=lambda item: -sum(item[1])):
        seconds = user + kernel
        print(
            f"    {part:<40} {seconds:7.0f} {seconds / (meter.wall * cores):7.1%} "
            f"{kernel / max(seconds, 1e-9):7.0%}"
        )

    report = Report(
        f"Deployment: nginx, 2 app servers, 2 workers, PostgreSQL, Redis; {PEOPLE} people "
        f"for {SECONDS} s, an app server and a worker killed, a worker paused"
    )
    report.figure("requests answered", len(timings), float("inf"), "")
    report.figure(
        "requests that failed even when sent again", len(unanswered), 0, "", inclusive=True
    )
    report.figure(
        "failed attempts not explained by the killed server",
        len(outside_kill),
        0,
        "",
        inclusive=True,
    )
    report.figure("attempts that failed (sent again)", len(failures), float("inf"), "")
    all_ms = [ms for _, ms in timings]
    report.figure("p50 of every request", statistics.median(all_ms), float("inf"), "ms")
    report.figure("p95 of every request", percentile(all_ms, 95), float("inf"), "ms")
    report.figure("p99 of every request", percentile(all_ms, 99), float("inf"), "ms")
    app_cpu = sum(meter.used.get("app servers (gunicorn)", [0.0, 0.0]))
    report.figure("requests answered a second", len(timings) / SECONDS, float("inf"), "")
    report.figure(
        "app servers' CPU per request answered", app_cpu / len(timings) * 1000, float("inf"), "ms"
    )
    report.figure("updates accepted", len(accepted), float("inf"), "")
    report.figure("updates accepted but not stored (lost)", len(lost), 0, "", inclusive=True)
    report.figure("updates stored twice (doubled)", len(doubled), 0, "", inclusive=True)
    report.figure("updates stored but not accepted", len(unaccepted), 0, "", inclusive=True)
    report.figure("jobs", len(jobs), float("inf"), "")
    report.figure("jobs not finished", len(not_done), 0, "", inclusive=True)
    report.figure(
        "jobs whose end was not recorded exactly once", len(not_once), 0, "", inclusive=True
    )
    report.figure(
        "ends refused to the paused worker's stale attempt",
        len(refused_ends),
        1,
        "",
        lower_is_better=False,
    )
    report.figure("documents that did not download", len(downloads_bad), 0, "", inclusive=True)
    for what, job in (("killed", killed), ("paused", paused)):
        report.figure(
            f"{what} worker's job done by a later attempt",
            int(job is not None and job.status == BackgroundJob.Status.DONE and job.attempts >= 2),
            1,
            "",
            lower_is_better=False,
        )
    report.figure("kills that did not happen", int(bool(controller.failure)), 0, "", inclusive=True)
    print(f"  updates in the database: {updates_before:,} before, {Update.objects.count():,} after")
    print(f"  logs of the servers: {deployment.root}")
    report.finish()


if __name__ == "__main__":
    main()
