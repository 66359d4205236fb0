"""Starting background jobs, and the work they do in the worker (`saferplan db_worker`).

A police.uk upload is kept in the upload storage, a job is recorded and a task enqueued; the
worker imports the file (one transaction, as from the command line), writing progress lines
to the progress cache as it goes, then records how it ended and deletes the upload. A fetch
from the police.uk API is queued the same way and imports what it fetched in one transaction
(crimedata/police_api_fetch.py). A board report's PDF or Word document is made by the worker
and kept in the upload storage for a day for the person who asked for it."""

import datetime
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .models import BackgroundJob
from .progress import progress_add

UPLOADS = "uploads"


def _storage():
    return storages[UPLOADS]


@transaction.atomic
def police_uk_import_start(*, actor, partnership, upload) -> BackgroundJob:
    """Keep the uploaded file and queue its import; the job is what the person watches."""
    suffix = Path(upload.name).suffix.lower()
    stored = _storage().save(f"police-uk/{uuid.uuid4().hex}{suffix}", upload)
    return _queue(
        run_police_uk_import,
        kind=BackgroundJob.Kind.POLICE_UK_IMPORT,
        partnership=partnership,
        started_by=actor,
        file_name=upload.name[:255],
        stored_file=stored,
    )


def _queue(work, **fields) -> BackgroundJob:
    """Record the job (audited) and enqueue its task, in the caller's transaction: the
    database queue's worker sees both or neither."""
    job = BackgroundJob.objects.create(**fields)
    audit.log(
        instance=job,
        action=AuditEvent.Action.CREATE,
        actor=job.started_by,
        partnership=job.partnership,
        changes={"Background job": [None, str(job)]},
    )
    work.enqueue(job.pk)
    return job


def _begin(job_id: int) -> BackgroundJob | None:
    """The job, marked running; None if it has already run (a worker restarted)."""
    job = BackgroundJob.objects.select_related("started_by").get(pk=job_id)
    if job.is_finished:
        return None
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=BackgroundJob.Status.RUNNING, started_at=timezone.now()
    )
    return job


@contextmanager
def _ending(
    job: BackgroundJob, expected: type[Exception] | tuple[()], unexpected: str
) -> Iterator[None]:
    """Record how the work in the block ends when it fails: an `expected` error in its own
    words, anything else as `unexpected` (and raised again, for the worker's log)."""
    try:
        yield
    except expected as error:
        _finish(job, BackgroundJob.Status.FAILED, str(error))
    except Exception:
        _finish(
            job,
            BackgroundJob.Status.FAILED,
            f"{unexpected} The error has been logged for your administrator.",
        )
        raise


@task()
def run_police_uk_import(job_id: int) -> None:
    """Import the upload. If it would replace months held already, changing partnerships'
    figures, and those differences are not the ones confirmed, nothing is saved: the job
    waits for confirmation with the differences, keeping the upload (docs/adr/0015)."""
    from saferplan.crimedata import services as crime_services
    from saferplan.crimedata.police_uk import ArchiveFile, PoliceUkFileError, archive_files

    job = _begin(job_id)
    if job is None:  # run twice (a worker restarted): it has done its work
        return
    path = _storage().path(job.stored_file)
    failure = "Something went wrong in saferplan during the import; nothing was saved."
    confirmer = _confirmer(job)
    keep = False
    try:
        with _ending(job, PoliceUkFileError, failure):
            # Messages name the file the person uploaded, not where it was kept.
            files = [
                ArchiveFile(
                    f.source.replace(path, job.file_name),
                    job.file_name if f.source == path else f.name,
                    f.open,
                )
                for f in archive_files([path])
            ]
            result = None
            steps = crime_services.police_uk_import_steps(
                actor=confirmer or job.started_by,
                files=files,
                partnership=job.partnership,
                confirmed=job.options.get("confirmed", []),
                limit=crime_services.RecordLimit.from_settings(web=True),
                note=(
                    f"Uploaded by {_name(job.started_by)} to {job.partnership}; the replacement "
                    f"confirmed by {_name(confirmer)} after seeing the differences."
                    if confirmer
                    else f"Uploaded by {_name(job.started_by)} to {job.partnership}."
                ),
            )
            try:
                for step in steps:
                    if isinstance(step, crime_services.ImportResult):
                        result = step
                    else:
                        progress_add(
                            job.pk,
                            f"File {step.file_number} of {step.files}: {step.source} — "
                            f"{step.records:,} records read",
                        )
            except crime_services.ReplacementNotConfirmedError as waiting:
                keep = True
                _wait_for_confirmation(job, waiting)
                return
            if result is None:  # the import's steps always end with their result
                raise RuntimeError("The police.uk import ended without its result")
            _finish(
                job,
                BackgroundJob.Status.DONE,
                "\n".join(
                    [
                        f"{result.records:,} records from {len(result.force_months)} file(s)",
                        *(line for d in result.differences for line in d.lines()),
                    ]
                ),
                records=result.records,
            )
    finally:
        if not keep:
            _storage().delete(job.stored_file)


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else "someone"


def _confirmer(job: BackgroundJob):
    from django.contrib.auth import get_user_model

    pk = job.options.get("confirmed_by")
    return get_user_model().objects.filter(pk=pk).first() if pk else None


def _wait_for_confirmation(job: BackgroundJob, waiting) -> None:
    """Nothing was saved: keep the upload and the differences for the confirmation page."""
    options = {k: v for k, v in job.options.items() if k not in ("confirmed", "confirmed_by")}
    options |= {
        "differences": [d.as_json() for d in waiting.differences],
        "to_confirm": waiting.to_confirm,
        "was_confirmed": "confirmed" in job.options,  # the held months changed meanwhile
    }
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=BackgroundJob.Status.WAITING, options=options, outcome=str(waiting)
    )


@transaction.atomic
def police_uk_import_confirm(*, actor, job: BackgroundJob) -> BackgroundJob:
    """Queue the waiting import again, to replace the months with the differences shown.
    The worker checks that they are still the differences; if the months held have changed
    meanwhile, it waits for confirmation again with the new ones."""
    locked = BackgroundJob.objects.select_for_update().get(pk=job.pk)
    if not locked.is_waiting:
        raise ValidationError("This import is not waiting for confirmation.")
    locked.options = locked.options | {
        "confirmed": locked.options["to_confirm"],
        "confirmed_by": actor.pk,
    }
    locked.status = BackgroundJob.Status.QUEUED
    locked.outcome = ""
    locked.save(update_fields=["options", "status", "outcome"])
    audit.log(
        instance=locked,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=locked.partnership,
        changes={"Status": ["Waiting for confirmation", "Waiting to start"]},
        reason="Replacement confirmed after seeing the differences: "
        + "; ".join(d["label"] for d in locked.options["to_confirm"]),
    )
    run_police_uk_import.enqueue(locked.pk)
    return locked


@transaction.atomic
def police_uk_import_cancel(*, actor, job: BackgroundJob) -> BackgroundJob:
    """Cancel the waiting import: nothing is replaced, and the upload is deleted."""
    locked = BackgroundJob.objects.select_for_update().get(pk=job.pk)
    if not locked.is_waiting:
        raise ValidationError("This import is not waiting for confirmation.")
    stored = locked.stored_file
    BackgroundJob.objects.filter(pk=locked.pk).update(
        status=BackgroundJob.Status.CANCELLED,
        outcome=f"Cancelled by {_name(actor)}: no month was replaced.",
        finished_at=timezone.now(),
    )
    audit.log(
        instance=locked,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=locked.partnership,
        changes={"Status": ["Waiting for confirmation", "Cancelled: nothing was saved"]},
    )
    transaction.on_commit(lambda: _storage().delete(stored))
    locked.refresh_from_db()
    return locked


@transaction.atomic
def police_uk_fetch_start(*, actor, partnership, latest: int) -> BackgroundJob:
    """Queue a fetch of the newest `latest` months of the partnership's force."""
    force = partnership.get_police_force_display()
    return _queue(
        run_police_uk_fetch,
        kind=BackgroundJob.Kind.POLICE_UK_FETCH,
        partnership=partnership,
        started_by=actor,
        file_name=(
            f"the newest month of {force}"
            if latest == 1
            else f"the newest {latest} months of {force}"
        ),
        options={"latest": latest, "force": partnership.police_force},
    )


@task()
def run_police_uk_fetch(job_id: int) -> None:
    from saferplan.crimedata import police_api_fetch
    from saferplan.crimedata.police_api import PoliceApiError

    job = _begin(job_id)
    if job is None:
        return
    failure = "Something went wrong in saferplan while fetching from police.uk; nothing was saved."
    with _ending(job, PoliceApiError, failure):
        result = police_api_fetch.fetch(
            actor=job.started_by,
            force=job.options["force"],
            latest=job.options["latest"],
            progress=lambda line: progress_add(job.pk, line),
        )
        _finish(job, BackgroundJob.Status.DONE, result.summary(), records=result.records)


# Documents made in the background are kept this long for their maker to download.
DOCUMENT_KEPT = datetime.timedelta(days=1)


@transaction.atomic
def board_report_document_start(*, actor, report, kind: str) -> BackgroundJob:
    """Queue making the board report's PDF ("pdf") or Word document ("docx")."""
    from saferplan.reports.board_documents import document_name

    return _queue(
        run_board_report_document,
        kind=BackgroundJob.Kind.BOARD_REPORT_DOCUMENT,
        partnership=report.plan.partnership,
        started_by=actor,
        file_name=document_name(report, kind),
        options={"report": report.pk, "format": kind, "title": report.title},
    )


@task()
def run_board_report_document(job_id: int) -> None:
    from saferplan.reports.board_documents import board_report_document
    from saferplan.reports.models import BoardReport

    job = _begin(job_id)
    if job is None:
        return
    _forget_old_documents()
    report = (
        BoardReport.objects.select_related("plan__partnership")
        .filter(pk=job.options["report"])
        .first()
    )
    if report is None:
        _finish(job, BackgroundJob.Status.FAILED, "The board report has been deleted.")
        return
    with _ending(job, (), "Something went wrong in saferplan while making the document."):
        content = board_report_document(
            report, job.options["format"], progress=lambda line: progress_add(job.pk, line)
        )
        stored = _storage().save(
            f"documents/{uuid.uuid4().hex}.{job.options['format']}", ContentFile(content)
        )
        BackgroundJob.objects.filter(pk=job.pk).update(stored_file=stored)
        _finish(
            job,
            BackgroundJob.Status.DONE,
            f"The {job.document_name} is ready ({_size(len(content))}). It is kept for a day.",
        )


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count // 1024 + 1} KB"


def _forget_old_documents() -> None:
    """Delete documents made more than DOCUMENT_KEPT ago (their jobs say so)."""
    old = BackgroundJob.objects.filter(
        kind=BackgroundJob.Kind.BOARD_REPORT_DOCUMENT,
        finished_at__lt=timezone.now() - DOCUMENT_KEPT,
    ).exclude(stored_file="")
    for job in old:
        _storage().delete(job.stored_file)
    old.update(stored_file="")


def document_of(job: BackgroundJob):
    """The document a finished job made, opened, or None once it has been deleted."""
    if not job.stored_file or not _storage().exists(job.stored_file):
        return None
    return _storage().open(job.stored_file, "rb")


def _finish(job: BackgroundJob, status: str, outcome: str, *, records=None) -> None:
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=status, outcome=outcome, records=records, finished_at=timezone.now()
    )
