"""A board report's PDF and Word document are made in the background worker (issue 9, part
3): the page's buttons queue the job, its page shows the steps, then offers the document to
the person who asked for it, and to nobody else."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from saferplan.background.models import BackgroundJob
from saferplan.background.progress import progress_of
from saferplan.background.services import upload_storage as _storage
from saferplan.core.models import AuditEvent

from . import test_board_report as board_report_tests
from .files import body, readable_text

CANARY = board_report_tests.CANARY
# The plan and report of the board report's own tests, with an OFFICIAL-SENSITIVE action.
plan = board_report_tests.plan
report = board_report_tests.report


def prepare(client, report, document):
    slug = report.plan.partnership.slug
    return client.post(
        reverse("reports:board-report-prepare", args=[slug, report.pk]), {"document": document}
    )


@pytest.mark.parametrize(("document", "magic"), [("pdf", b"%PDF"), ("docx", b"PK")])
def test_a_board_member_makes_the_document_and_downloads_it(
    signed_in, viewer, report, document, magic
):
    client = signed_in(viewer)
    page = client.get(reverse("reports:board-report", args=["hertsmere", report.pk]))
    assert "Make the PDF" in page.content.decode()
    assert "Make the Word document" in page.content.decode()

    answer = prepare(client, report, document)
    job = BackgroundJob.objects.get()
    assert answer["Location"] == reverse("background:job", args=["hertsmere", job.pk])
    assert job.status == "done"  # the tests' immediate backend runs it at once
    assert job.file_name == f"hertsmere-report-to-the-board.{document}"
    assert progress_of(job.pk)[0] == "Gathering the report's actions, updates and measures"
    assert AuditEvent.objects.filter(object_repr__contains="Board report document").exists()

    shown = client.get(answer["Location"]).content.decode()
    assert "Ready" in shown
    name = {"pdf": "PDF", "docx": "Word document"}[document]
    assert f"Download the {name}" in shown
    assert f"The {name} is ready" in shown
    assert "It is kept for a day" in shown

    download = client.get(reverse("background:job-file", args=["hertsmere", job.pk]))
    assert download.status_code == 200
    assert f'filename="hertsmere-report-to-the-board.{document}"' in download["Content-Disposition"]
    content = body(download)
    assert content.startswith(magic)
    text = readable_text(document, content)
    assert "Reporttotheboard" in text
    assert f"Covertoperation{CANARY}" in text  # a member's document holds the sensitive item


def test_only_the_person_who_asked_sees_the_document(
    signed_in, viewer, coordinator, outsider, report
):
    prepare(signed_in(viewer), report, "pdf")
    job = BackgroundJob.objects.get()
    for other, status in ((coordinator, 403), (outsider, 404)):
        client = signed_in(other)
        assert client.get(reverse("background:job", args=["hertsmere", job.pk])).status_code == 403
        assert (
            client.get(reverse("background:job-file", args=["hertsmere", job.pk])).status_code
            == 403
        )
        # Another partnership's member cannot start one either.
        if status == 404:
            assert prepare(client, report, "pdf").status_code in (403, 404)
    assert BackgroundJob.objects.count() == 1


def test_a_member_who_leaves_no_longer_sees_their_document(signed_in, viewer, report):
    client = signed_in(viewer)
    prepare(client, report, "pdf")
    job = BackgroundJob.objects.get()
    viewer.memberships.all().delete()
    assert client.get(reverse("background:job-file", args=["hertsmere", job.pk])).status_code == 403


def test_documents_are_deleted_after_a_day(signed_in, viewer, report):
    client = signed_in(viewer)
    prepare(client, report, "pdf")
    old = BackgroundJob.objects.get()
    stored = old.stored_file
    assert _storage().exists(stored)
    BackgroundJob.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    prepare(client, report, "docx")  # the worker tidies up before each document
    assert not _storage().exists(stored)
    shown = client.get(reverse("background:job", args=["hertsmere", old.pk])).content.decode()
    assert "The document was deleted after a day" in shown
    assert client.get(reverse("background:job-file", args=["hertsmere", old.pk])).status_code == 404


def test_no_document_chosen_or_a_job_that_made_none(signed_in, viewer, coordinator, report):
    answer = prepare(signed_in(viewer), report, "xlsx")
    assert answer["Location"] == reverse("reports:board-report", args=["hertsmere", report.pk])
    assert not BackgroundJob.objects.exists()
    fetch = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.POLICE_UK_FETCH,
        partnership=report.plan.partnership,
        started_by=coordinator,
        file_name="the newest month",
        status="done",
    )
    url = reverse("background:job-file", args=["hertsmere", fetch.pk])
    assert signed_in(coordinator).get(url).status_code == 404


def test_a_report_deleted_before_the_worker_came_fails_with_the_reason(
    settings, signed_in, viewer, report
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = signed_in(viewer)
    prepare(client, report, "pdf")
    job = BackgroundJob.objects.get()
    assert job.status == "queued"
    report.delete()
    from saferplan.reports.tasks import run_board_report_document

    run_board_report_document.call(job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.outcome == "The board report has been deleted."
