"""The tasks left saferplan.background for the apps whose work they are (issue 20): a task
queued before the move still runs, and the job's download still says what it holds."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from saferplan.background.models import BackgroundJob
from saferplan.background.services import upload_storage

moved = importlib.import_module("saferplan.background.migrations.0004_tasks_moved_to_their_apps")


@pytest.mark.django_db
def test_a_task_queued_under_its_old_path_is_given_its_new_one():
    from django_tasks_db.models import DBTaskResult

    def queued(path: str) -> DBTaskResult:
        return DBTaskResult.objects.create(
            task_path=path,
            args_kwargs={"args": [1], "kwargs": {}},
            backend_name="default",
            run_after=timezone.now(),
        )

    tasks = [queued(old) for old in moved.MOVED] + [
        queued("saferplan.notifications.services.send_action_notice")
    ]

    moved.forwards(apps, None)

    paths = [DBTaskResult.objects.get(pk=t.pk).task_path for t in tasks]
    assert paths == [
        "saferplan.crimedata.tasks.run_police_uk_import",
        "saferplan.crimedata.tasks.run_police_uk_fetch",
        "saferplan.reports.tasks.run_board_report_document",
        "saferplan.notifications.services.send_action_notice",
    ]
    for path in paths:
        assert isinstance(import_string(path), Task)  # what the worker will run

    moved.backwards(apps, None)
    assert [DBTaskResult.objects.get(pk=t.pk).task_path for t in tasks[:3]] == list(moved.MOVED)


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.django_db
def test_a_documents_download_takes_the_type_its_task_recorded(client, member_of, partnership):
    """Including a document queued before the move, given its type by the migration."""
    maker = member_of("viewer")
    stored = upload_storage().save("documents/made.docx", ContentFile(b"PK"))
    job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.BOARD_REPORT_DOCUMENT,
        partnership=partnership,
        started_by=maker,
        file_name="hertsmere-report.docx",
        stored_file=stored,
        status=BackgroundJob.Status.DONE,
        options={"report": 1, "format": "docx", "title": "Report"},
    )
    client.force_login(maker)
    url = reverse("background:job-file", args=[partnership.slug, job.pk])
    try:
        assert client.get(url)["Content-Type"] == "application/octet-stream"
        moved.forwards(apps, None)
        assert client.get(url)["Content-Type"] == WORD
        job.refresh_from_db()
        assert job.options == {
            "report": 1,
            "format": "docx",
            "title": "Report",
            "content_type": WORD,
        }
    finally:
        upload_storage().delete(stored)
