"""The background worker survives what used to end it or leave a job "Running" for ever:
a locked database (SQLite has one writer at a time) and being killed part-way through a job.

The first tests run a real `saferplan db_worker` in another process on a SQLite file of its
own, as a server does: one holds the database's write lock from another connection while the
worker starts, one kills the worker in the middle of an import. The others look at a job
whose heartbeat has stopped on the suite's own database (SQLite or PostgreSQL)."""

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from saferplan.background import progress, services
from saferplan.background.models import BackgroundJob
from saferplan.background.progress import heartbeat_while_running, last_heartbeat
from saferplan.background.recovery import jobs_stopped_recover
from saferplan.background.services import upload_storage
from saferplan.core.models import AuditEvent
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.crimedata.tests.files import sample_csv

PROJECT = Path(__file__).resolve().parents[3]
SAMPLE_RECORDS = 9_883 + 9_175 + 8_965  # rows of the three months of the shipped sample

QUEUE_AN_IMPORT = f"""
import django
django.setup()
from django.core.files import File
from saferplan.accounts.tests.factories import UserFactory
from saferplan.crimedata.tasks import police_uk_import_start
from saferplan.partnerships.tests.factories import PartnershipFactory

with open({str(SAMPLE_ZIP)!r}, "rb") as upload:
    job = police_uk_import_start(
        actor=UserFactory(), partnership=PartnershipFactory(slug="hertsmere"),
        upload=File(upload, name="police-uk-hertfordshire-2018-10-to-2018-12.zip"),
    )
print(job.pk)
"""


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("migrated")
    path = folder / "saferplan.sqlite3"
    saferplan("migrate", "-v", "0", env=site_environment(folder, path))
    return path


def site_environment(folder: Path, database: Path, **extra: str) -> dict[str, str]:
    """A saferplan of its own: its SQLite file, uploads and progress lines in `folder`."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "PYTHONPATH": str(PROJECT),
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.base",
        "DATABASE_URL": f"sqlite:///{database}",
        "SAFERPLAN_VAR_DIR": str(folder),
        "SAFERPLAN_LOG_LEVEL": "INFO",
        **extra,
    }


def saferplan(*args: str, env: dict, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "saferplan.cli", *args],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
        **options,
    )


@pytest.fixture
def site(migrated_database, tmp_path):
    """A migrated saferplan on a SQLite file with one police.uk import queued: (environment,
    database file, the job's id)."""
    database = tmp_path / "saferplan.sqlite3"
    shutil.copy(migrated_database, database)
    env = site_environment(tmp_path, database)
    queued = subprocess.run(
        [sys.executable, "-c", QUEUE_AN_IMPORT],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return env, database, int(queued.stdout.split()[-1])


def job_row(database: Path, job_id: int) -> dict:
    with sqlite3.connect(database) as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute(
            "SELECT status, outcome, records, stored_file, attempts FROM background_backgroundjob "
            "WHERE id = ?",
            [job_id],
        ).fetchone()
        months = connection.execute("SELECT count(*) FROM crimedata_forcemonth").fetchone()[0]
    return dict(row) | {"months imported": months}


def worker(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "saferplan.cli", "db_worker", "--no-startup-delay", *args],
        env=env,
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_the_worker_waits_out_a_locked_database_reports_it_and_finishes_the_job(site):
    env, database, job_id = site
    # Another process holds SQLite's one write lock (as a long import started on the pages
    # does) for longer than the worker's connection waits for it.
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    running = worker(env | {"SAFERPLAN_SQLITE_TIMEOUT": "0.2"}, "--batch")
    lines: list[str] = []
    reading = threading.Thread(target=lambda: lines.extend(running.stdout or []), daemon=True)
    reading.start()
    try:
        deadline = time.monotonic() + 60
        while not any("database is locked" in line for line in lines):
            assert running.poll() is None, "".join(lines)  # before the fix: it died here
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.05)
        time.sleep(3.5)  # the lock is held on: the worker tries again after 1 s, then 2 s
        assert running.poll() is None, "".join(lines)
        assert job_row(database, job_id)["status"] == "queued"
    finally:
        other.execute("ROLLBACK")
        other.close()
    running.wait(timeout=180)
    reading.join(timeout=10)
    output = "".join(lines)
    assert running.returncode == 0, output
    assert (
        "The database is locked (database is locked) while looking for the next task" in output
    ), output
    assert "Trying again in 2 s (attempt 2)" in output, output
    assert "The database is free again: the worker carries on." in output
    job = job_row(database, job_id)
    assert job["status"] == "done", job
    assert job["records"] == SAMPLE_RECORDS
    assert job["months imported"] == 3


def test_a_job_whose_worker_was_killed_is_run_again_by_the_restarted_worker_and_done_once(site):
    env, database, job_id = site
    upload = Path(env["SAFERPLAN_VAR_DIR"]) / "uploads" / job_row(database, job_id)["stored_file"]
    assert upload.exists()
    running = worker(env)
    try:
        deadline = time.monotonic() + 60
        while job_row(database, job_id)["status"] != "running":
            assert time.monotonic() < deadline, "the worker did not start the job"
            time.sleep(0.02)
    finally:
        running.kill()  # as the machine's out-of-memory killer or a power cut would
        running.wait()
    assert job_row(database, job_id)["status"] == "running"  # and, before, it stayed so
    assert job_row(database, job_id)["months imported"] == 0  # its transaction rolled back

    # Restarted at once, as systemd does: the killed worker's job has not yet been silent for
    # the limit, so the new worker finds it stopped on one of its later looks, queues it
    # again, and (being the only worker) runs it.
    restarted = worker(env | {"SAFERPLAN_WORKER_HEARTBEAT_LIMIT": "6"})
    try:
        deadline = time.monotonic() + 120
        while job_row(database, job_id)["status"] != "done":
            assert restarted.poll() is None, restarted.communicate()[0]
            assert job_row(database, job_id)["status"] != "failed", job_row(database, job_id)
            assert time.monotonic() < deadline, "the job was never run again"
            time.sleep(0.2)
    finally:
        restarted.terminate()
        output, _ = restarted.communicate(timeout=60)
    assert "queued again: its worker has not been heard from since" in output, output
    assert "(run 1 of 3 stopped)" in output, output
    job = job_row(database, job_id)
    assert (job["attempts"], job["records"], job["months imported"]) == (2, SAMPLE_RECORDS, 3)
    assert not upload.exists()  # deleted once the import that used it was done
    with sqlite3.connect(database) as connection:
        runs = connection.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at"
        ).fetchall()
    # The queue's record of the killed run no longer shows it running; the second run's
    # succeeded.
    assert [status for (status,) in runs] == ["FAILED", "SUCCESSFUL"]


# --- On the suite's database ---------------------------------------------------------------


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def running_import(
    client, partnership, *, heard_minutes_ago: int | None, stopped_runs: int = 0
) -> BackgroundJob:
    """An import of an uploaded file that a worker started (after `stopped_runs` runs that
    stopped with their worker), last heard from then; the queue's record of the run shows it
    running, as a killed worker leaves it."""
    client.post(
        reverse("crimedata:police-uk", args=[partnership.slug]),
        {"file": SimpleUploadedFile("2018-12-hertfordshire-street.csv", sample_csv("2018-12"))},
    )
    job = BackgroundJob.objects.get()
    started = timezone.now() - datetime.timedelta(minutes=30)
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=BackgroundJob.Status.RUNNING,
        started_at=started,
        attempts=stopped_runs + 1,
        stopped_runs=stopped_runs,
    )
    DBTaskResult.objects.update(status="RUNNING", started_at=started, worker_ids=["killed"])
    if heard_minutes_ago is not None:
        progress.caches["progress"].set(
            f"background-job:{job.pk}:heartbeat", time.time() - heard_minutes_ago * 60
        )
    job.refresh_from_db()
    return job


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_stopped_is_queued_again_from_its_page_with_its_upload(
    database_queue, signed_in, analyst, partnership
):
    client = signed_in(analyst)
    job = running_import(client, partnership, heard_minutes_ago=5)
    progress.caches["progress"].set(
        f"background-job:{job.pk}:progress", ["File 1 of 1: 2018-12-hertfordshire-street.csv"]
    )
    page = client.get(reverse("background:job", args=[partnership.slug, job.pk])).content.decode()
    assert "failed" not in page
    assert "Waiting to start" in page
    assert "It starts again, from the beginning, as soon as a worker is free." in page
    assert "File 1 of 1" not in page  # the stopped run's progress is not this run's
    job.refresh_from_db()
    assert (job.status, job.attempts, job.stopped_runs) == (BackgroundJob.Status.QUEUED, 1, 1)
    assert upload_storage().exists(job.stored_file)
    stopped, again = DBTaskResult.objects.order_by("enqueued_at")
    assert (stopped.status, again.status) == ("FAILED", "READY")
    assert again.args_kwargs["args"] == [job.pk]
    assert again.task_path == "saferplan.crimedata.tasks.run_police_uk_import"
    event = AuditEvent.objects.filter(object_type="background.backgroundjob").latest("pk")
    assert event.changes == {"Status": ["Running", "Waiting to start"]}
    assert "queued again after its run 1 of 3 stopped" in event.reason
    assert event.partnership == partnership

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.records) == (BackgroundJob.Status.DONE, 2, 8_965)
    assert not upload_storage().exists(job.stored_file)


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_workers_stopped_every_time_fails_saying_so_and_its_upload_is_deleted(
    database_queue, signed_in, analyst, partnership
):
    client = signed_in(analyst)
    job = running_import(client, partnership, heard_minutes_ago=5, stopped_runs=2)
    assert upload_storage().exists(job.stored_file)
    page = client.get(reverse("background:job", args=[partnership.slug, job.pk]))
    text = page.content.decode()
    assert "The import failed and nothing was saved" in text
    assert (
        "saferplan&#x27;s background worker stopped while importing "
        "2018-12-hertfordshire-street.csv (it was last heard from at "
    ) in text
    assert "so nothing was saved. Import the file again." in text
    assert "Refresh this page" not in text
    assert not upload_storage().exists(job.stored_file)
    job.refresh_from_db()
    assert (job.status, job.stored_file) == (BackgroundJob.Status.FAILED, "")


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_heartbeat_the_cache_lost_is_given_the_whole_limit_then_run_again(
    database_queue, signed_in, analyst, partnership
):
    """The cache emptied (Redis restarted): a job started long ago with no heartbeat is not
    taken for stopped at once (its worker may be alive and beat again within seconds), only
    once the limit has passed since that was noticed."""
    job = running_import(signed_in(analyst), partnership, heard_minutes_ago=None)
    assert jobs_stopped_recover() == []
    noticed = progress.caches["progress"].get(f"background-job:{job.pk}:heartbeat")
    assert time.time() - noticed < 5
    progress.caches["progress"].set(f"background-job:{job.pk}:heartbeat", noticed - 3600)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (BackgroundJob.Status.DONE, 2)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_stopped_after_taking_it_from_the_queue_is_queued_again(
    database_queue, signed_in, analyst, partnership
):
    signed_in(analyst).post(
        reverse("crimedata:police-uk", args=[partnership.slug]),
        {"file": SimpleUploadedFile("2018-12-hertfordshire-street.csv", sample_csv("2018-12"))},
    )
    job = BackgroundJob.objects.get()
    DBTaskResult.objects.update(
        status="RUNNING", started_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert jobs_stopped_recover() == [job]
    job.refresh_from_db()
    assert (job.status, job.stopped_runs) == (BackgroundJob.Status.QUEUED, 1)
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "READY"]


@pytest.mark.django_db(transaction=True)
def test_an_attempt_taken_for_stopped_does_not_record_how_the_job_ended(
    database_queue, signed_in, analyst, partnership
):
    """A worker only paused (its heartbeat silent past the limit) finds on waking that its
    job was queued again: the attempt now holding the job is the one that records its end."""
    job = running_import(signed_in(analyst), partnership, heard_minutes_ago=5)
    paused = BackgroundJob.objects.get(pk=job.pk)
    assert jobs_stopped_recover() == [job]
    restarted = services._begin(job.pk)
    assert restarted is not None
    assert restarted.attempts == 2
    assert services._begin(job.pk) is None  # the queue delivering it twice starts it once
    assert not services.job_finish(paused, BackgroundJob.Status.DONE, "from the paused worker")
    assert services.job_finish(restarted, BackgroundJob.Status.DONE, "from the restarted worker")
    assert not services.job_finish(paused, BackgroundJob.Status.FAILED, "from the paused worker")
    job.refresh_from_db()
    assert (job.status, job.outcome) == (BackgroundJob.Status.DONE, "from the restarted worker")
    # Finished once, in the audit log too; the paused attempt leaves the upload alone.
    ended = AuditEvent.objects.filter(
        object_type="background.backgroundjob", reason__startswith="Attempt "
    )
    assert [(e.changes, e.reason) for e in ended] == [
        ({"Status": ["Running", "Finished"]}, "Attempt 2 ended.")
    ]
    assert not services.job_ended_by(paused)
    assert services.job_ended_by(restarted)


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_alive_keeps_running(database_queue, signed_in, analyst, partnership):
    client = signed_in(analyst)
    job = running_import(client, partnership, heard_minutes_ago=0)
    assert jobs_stopped_recover() == []
    page = client.get(reverse("background:job", args=[partnership.slug, job.pk])).content
    assert "is running in the background" in page.decode()
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.RUNNING
    assert upload_storage().exists(job.stored_file)


def test_the_heartbeat_beats_while_the_job_runs_and_stops_after(monkeypatch):
    monkeypatch.setattr(progress, "HEARTBEAT_SECONDS", 0.05)
    with heartbeat_while_running(41):
        first = last_heartbeat(41)
        time.sleep(0.3)
        assert last_heartbeat(41) > first
    ended = last_heartbeat(41)
    time.sleep(0.2)
    assert last_heartbeat(41) == ended
