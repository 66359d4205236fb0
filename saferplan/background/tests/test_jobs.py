"""A police.uk upload runs in the background worker: the database queue holds it until
`saferplan db_worker` runs it, the job's page says where it stands and shows its progress,
and how it ended; the upload is deleted afterwards."""

import os
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from saferplan.background.models import BackgroundJob
from saferplan.background.progress import progress_add, progress_of
from saferplan.background.services import upload_storage
from saferplan.crimedata.models import ForceMonth
from saferplan.crimedata.tests.files import sample_csv


@pytest.fixture
def database_queue(settings):
    """The real queue: tasks wait in the database for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def upload(client, partnership, name: str, content: bytes):
    return client.post(
        reverse("crimedata:police-uk", args=[partnership.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.django_db(transaction=True)
def test_an_upload_waits_for_the_worker_which_imports_it(
    database_queue, signed_in, analyst, partnership
):
    from django_tasks_db.models import DBTaskResult

    client = signed_in(analyst)
    answer = upload(client, partnership, "2018-12-hertfordshire-street.csv", sample_csv("2018-12"))
    job = BackgroundJob.objects.get()
    assert answer["Location"] == reverse("background:job", args=[partnership.slug, job.pk])
    waiting = client.get(answer["Location"]).content.decode()
    assert "Waiting to start" in waiting
    assert "waits for saferplan's background worker" in waiting
    assert "Refresh this page" in waiting
    assert DBTaskResult.objects.count() == 1
    assert not ForceMonth.objects.exists()
    assert upload_storage().exists(job.stored_file)

    call_command("db_worker", "--batch", "--no-startup-delay")

    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.DONE
    assert job.records == 8965
    assert list(ForceMonth.objects.values_list("records", flat=True)) == [8965]
    assert progress_of(job.pk)[-1] == (
        "File 1 of 1: 2018-12-hertfordshire-street.csv — 8,965 records read"
    )
    done = client.get(answer["Location"]).content.decode()
    assert "8,965 records from 1 file" in done
    assert "Refresh this page" not in done
    assert not upload_storage().exists(job.stored_file)  # the upload is not kept


@pytest.mark.django_db(transaction=True)
def test_a_kept_upload_is_not_readable_by_every_account_on_the_server(
    database_queue, signed_in, analyst, partnership, settings, tmp_path
):
    settings.STORAGES = settings.STORAGES | {
        "uploads": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "uploads")},
        }
    }
    old_umask = os.umask(0o022)  # a common default: files readable by every account
    try:
        upload(signed_in(analyst), partnership, "2018-12-street.csv", sample_csv("2018-12"))
    finally:
        os.umask(old_umask)
    kept = Path(upload_storage().path(BackgroundJob.objects.get().stored_file))
    assert kept.is_relative_to(tmp_path)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o750


@pytest.mark.django_db(transaction=True)
def test_a_broken_file_fails_in_the_worker_saving_nothing_and_saying_where(
    database_queue, signed_in, analyst, partnership
):
    client = signed_in(analyst)
    broken = sample_csv("2018-11").replace(b"Burglary", b"Burglarly", 1)
    answer = upload(client, partnership, "2018-11-hertfordshire-street.csv", broken)
    call_command("db_worker", "--batch", "--no-startup-delay")
    page = client.get(answer["Location"]).content.decode()
    assert "The import failed and nothing was saved" in page
    assert "2018-11-hertfordshire-street.csv" in page  # the name uploaded, not where it was kept
    assert "“Burglarly” is not a police.uk crime type" in page
    assert not ForceMonth.objects.exists()


@pytest.mark.django_db
def test_a_running_job_shows_its_progress_and_htmx_gets_the_status_alone(
    signed_in, analyst, partnership
):
    job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.POLICE_UK_IMPORT,
        partnership=partnership,
        started_by=analyst,
        file_name="hertfordshire-2024.zip",
        status=BackgroundJob.Status.RUNNING,
    )
    progress_add(job.pk, "File 1 of 12: hertfordshire-2024.zip › 2024-01 — 20,000 records read")
    client = signed_in(analyst)
    url = reverse("background:job", args=[partnership.slug, job.pk])
    page = client.get(url).content.decode()
    assert "20,000 records read" in page
    assert 'hx-trigger="every 2s"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="job-status"')
    assert "<html" not in fragment


@pytest.mark.django_db
def test_only_coordinators_and_analysts_of_the_partnership_see_a_job(
    client, member_of, partnership, outsider, analyst
):
    job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.POLICE_UK_IMPORT,
        partnership=partnership,
        started_by=analyst,
        file_name="x.csv",
    )
    url = reverse("background:job", args=[partnership.slug, job.pk])
    for user, expected in (
        (member_of("viewer"), 403),
        (outsider, 403),
        (member_of("coordinator"), 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == expected


def test_progress_is_shared_through_redis_when_configured(settings):
    """Several servers: the worker's progress lines reach every web server through Redis
    (the Redis on this machine, database 15, emptied before and after)."""
    import redis
    from django.core.cache import caches

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379 on this machine")
    settings.CACHES = settings.CACHES | {
        "progress": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    caches["progress"].clear()
    try:
        progress_add(7, "File 1 of 2: a.zip › 2024-01 — 20,000 records read")
        progress_add(7, "File 2 of 2: a.zip › 2024-02 — 19,100 records read")
        # Another process reads it: straight from Redis, not through this process's cache.
        keys = redis.Redis.from_url(url).keys()
        assert [k for k in keys if k.endswith(b"background-job:7:progress")], keys
        assert [k for k in keys if k.endswith(b"background-job:7:heartbeat")], keys
        assert progress_of(7)[-1].endswith("19,100 records read")
    finally:
        caches["progress"].clear()
