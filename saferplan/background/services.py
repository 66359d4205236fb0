"""Starting background jobs, and the work they do in the worker (`saferplan db_worker`).

A police.uk upload is kept in the upload storage, a job is recorded and a task enqueued; the
worker imports the file (one transaction, as from the command line), writing progress lines
to the progress cache as it goes, then records how it ended and deletes the upload. A fetch
from the police.uk API is queued the same way and imports what it fetched in one transaction
(crimedata/police_api_fetch.py). A board report's PDF or Word document is made by the worker
and kept in the upload storage for a day for the person who asked for it."""

import datetime
import logging
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .database_lock import retry_while_locked
from .models import BackgroundJob
from .progress import heartbeat, heartbeat_while_running, last_heartbeat, progress_add

UPLOADS = "uploads"
logger = logging.getLogger("saferplan.background")


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
    job = retry_while_locked(
        lambda: BackgroundJob.objects.select_related("started_by").get(pk=job_id),
        doing=f"starting background job {job_id}",
    )
    if job.is_finished:
        return None
    heartbeat(job.pk)  # before it shows as running, so that it is never running unheard
    retry_while_locked(
        lambda: BackgroundJob.objects.filter(pk=job.pk).update(
            status=BackgroundJob.Status.RUNNING, started_at=timezone.now()
        ),
        doing=f"starting background job {job_id}",
    )
    return job


@contextmanager
def _running(job_id: int) -> Iterator[BackgroundJob | None]:
    """The job, marked running, its heartbeat beating until the block ends; None if it has
    already run."""
    job = _begin(job_id)
    if job is None:
        yield None
        return
    with heartbeat_while_running(job.pk):
        yield job


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
    with _running(job_id) as job:
        if job is None:  # run twice (a worker restarted): it has done its work
            return
        _import(job)


def _import(job: BackgroundJob) -> None:
    from saferplan.crimedata import services as crime_services
    from saferplan.crimedata.police_uk import ArchiveFile, PoliceUkFileError, archive_files

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

    failure = "Something went wrong in saferplan while fetching from police.uk; nothing was saved."
    with _running(job_id) as job:
        if job is None:
            return
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
    with _running(job_id) as job:
        if job is None:
            return
        _make_document(job)


def _make_document(job: BackgroundJob) -> None:
    from saferplan.reports.board_documents import board_report_document
    from saferplan.reports.models import BoardReport

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
    retry_while_locked(
        lambda: BackgroundJob.objects.filter(pk=job.pk).update(
            status=status, outcome=outcome, records=records, finished_at=timezone.now()
        ),
        doing=f"recording how background job {job.pk} ended",
    )


def jobs_stopped_fail(*, jobs: Iterable[BackgroundJob] | None = None) -> list[BackgroundJob]:
    """Mark failed each running job (of `jobs`, or all) whose worker has stopped — killed,
    or its server restarted — so that it would otherwise show "Running" for ever: no
    heartbeat for settings.SAFERPLAN_WORKER_HEARTBEAT_LIMIT seconds. Its transaction ended
    with the worker, so nothing was saved; its kept upload is deleted. The worker does this
    when it starts and every so often (its db_worker command), and a job's page when it is
    looked at."""
    limit = settings.SAFERPLAN_WORKER_HEARTBEAT_LIMIT
    now = time.time()
    candidates = (
        jobs
        if jobs is not None
        else BackgroundJob.objects.filter(status=BackgroundJob.Status.RUNNING)
    )
    stopped = []
    for job in candidates:
        if job.status != BackgroundJob.Status.RUNNING:
            continue
        heard = last_heartbeat(job.pk) or (job.started_at or job.created_at).timestamp()
        if now - heard < limit:
            continue
        if _stopped_fail(job, heard=heard):
            stopped.append(job)
    return stopped


def _stopped_fail(job: BackgroundJob, *, heard: float) -> bool:
    at = timezone.localtime(datetime.datetime.fromtimestamp(heard, tz=datetime.UTC))
    doing, again = {
        BackgroundJob.Kind.POLICE_UK_IMPORT: (
            f"importing {job.file_name}",
            "Import the file again.",
        ),
        BackgroundJob.Kind.POLICE_UK_FETCH: (f"fetching {job.file_name}", "Fetch again."),
        BackgroundJob.Kind.BOARD_REPORT_DOCUMENT: (
            f"making the {job.document_name}",
            "Make it again from the board report.",
        ),
    }[BackgroundJob.Kind(job.kind)]
    outcome = (
        f"saferplan's background worker stopped while {doing} (it was last heard from at "
        f"{at:%H:%M} on {at.day} {at:%B %Y}), so nothing was saved. {again}"
    )
    marked = BackgroundJob.objects.filter(pk=job.pk, status=BackgroundJob.Status.RUNNING).update(
        status=BackgroundJob.Status.FAILED,
        outcome=outcome,
        finished_at=timezone.now(),
        stored_file="" if job.kind == BackgroundJob.Kind.POLICE_UK_IMPORT else job.stored_file,
    )
    if not marked:  # it ended meanwhile
        return False
    if job.kind == BackgroundJob.Kind.POLICE_UK_IMPORT and job.stored_file:
        _storage().delete(job.stored_file)
    logger.warning(
        "Background job %d (%s) marked failed: its worker has not been heard from since %s. "
        "Was the worker stopped? `saferplan db_worker` must be running.",
        job.pk,
        job,
        at.isoformat(timespec="seconds"),
    )
    return True


def background_job_check(*, job: BackgroundJob) -> BackgroundJob:
    """The job as it stands, marked failed first if its worker has stopped."""
    if jobs_stopped_fail(jobs=[job]):
        job.refresh_from_db()
    return job
