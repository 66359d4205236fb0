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

from saferplan.background import progress
from saferplan.background.models import BackgroundJob
from saferplan.background.progress import heartbeat_while_running, last_heartbeat
from saferplan.background.services import jobs_stopped_fail, upload_storage
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
            "SELECT status, outcome, records, stored_file FROM background_backgroundjob "
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


def test_a_job_whose_worker_was_killed_is_failed_by_the_restarted_worker_its_upload_deleted(
    site,
):
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

    # Restarted at once, as systemd does: the killed worker's job has not yet been silent for
    # the limit, so the new worker finds it stopped on one of its later looks.
    restarted = worker(env | {"SAFERPLAN_WORKER_HEARTBEAT_LIMIT": "6"})
    try:
        deadline = time.monotonic() + 60
        while job_row(database, job_id)["status"] == "running":
            assert restarted.poll() is None, restarted.communicate()[0]
            assert time.monotonic() < deadline, "the job was never marked failed"
            time.sleep(0.2)
    finally:
        restarted.terminate()
        output, _ = restarted.communicate(timeout=60)
    assert "marked failed: its worker has not been heard from since" in output, output
    job = job_row(database, job_id)
    assert job["status"] == "failed"
    assert job["outcome"].startswith(
        "saferplan's background worker stopped while importing "
        "police-uk-hertfordshire-2018-10-to-2018-12.zip (it was last heard from at "
    )
    assert job["outcome"].endswith("), so nothing was saved. Import the file again.")
    assert job["months imported"] == 0  # the killed import's transaction was rolled back
    assert job["stored_file"] == ""
    assert not upload.exists()


# --- On the suite's database ---------------------------------------------------------------


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def running_import(client, partnership, *, heard_minutes_ago: int | None) -> BackgroundJob:
    """An import of an uploaded file that a worker started, last heard from then."""
    client.post(
        reverse("crimedata:police-uk", args=[partnership.slug]),
        {"file": SimpleUploadedFile("2018-12-hertfordshire-street.csv", sample_csv("2018-12"))},
    )
    job = BackgroundJob.objects.get()
    started = timezone.now() - datetime.timedelta(minutes=30)
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=BackgroundJob.Status.RUNNING, started_at=started
    )
    if heard_minutes_ago is not None:
        progress.caches["progress"].set(
            f"background-job:{job.pk}:heartbeat", time.time() - heard_minutes_ago * 60
        )
    job.refresh_from_db()
    return job


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_stopped_says_so_on_its_page_and_its_upload_is_deleted(
    database_queue, signed_in, analyst, partnership
):
    client = signed_in(analyst)
    job = running_import(client, partnership, heard_minutes_ago=5)
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
def test_a_job_never_heard_from_since_it_started_long_ago_is_failed_by_the_worker(
    database_queue, signed_in, analyst, partnership
):
    job = running_import(signed_in(analyst), partnership, heard_minutes_ago=None)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED
    assert "stopped while importing 2018-12-hertfordshire-street.csv" in job.outcome


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_alive_keeps_running(database_queue, signed_in, analyst, partnership):
    client = signed_in(analyst)
    job = running_import(client, partnership, heard_minutes_ago=0)
    assert jobs_stopped_fail() == []
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
