"""Crime data's work in the background worker: a police.uk upload imported, and a fetch
from the police.uk API, each a background job (saferplan.background) the person watches.

An upload is kept in the upload storage, a job recorded and its task enqueued; the worker
imports the file (one transaction, as from the command line), writing progress lines as it
goes, then records how it ended and deletes the upload. An import that would replace months
held already, changing partnerships' figures, waits for confirmation instead (docs/adr/0015).
A fetch is queued the same way and imports what it fetched in one transaction
(police_api_fetch.py). The worker writes in the language of the page the job was started from
(saferplan.background.services.job_running)."""

import uuid
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from saferplan.accounts.models import User
from saferplan.background.models import BackgroundJob
from saferplan.background.progress import progress_add
from saferplan.background.services import (
    job_ended_by,
    job_failing,
    job_finish,
    job_queue,
    job_running,
    upload_on_disk,
    upload_storage,
)
from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .police_api import PoliceApiError
from .police_uk import ArchiveFile, PoliceUkFileError, archive_files
from .services.differences import ReplacementNotConfirmedError
from .services.imports import ImportResult, RecordLimit, police_uk_import_steps

if TYPE_CHECKING:
    from saferplan.partnerships.models import Partnership


@transaction.atomic
def police_uk_import_start(
    *, actor: User, partnership: "Partnership", upload: File
) -> BackgroundJob:
    """Keep the uploaded file and queue its import; the job is what the person watches."""
    name = upload.name or "upload"
    suffix = Path(name).suffix.lower()
    stored = upload_storage().save(f"police-uk/{uuid.uuid4().hex}{suffix}", upload)
    return job_queue(
        run_police_uk_import,
        actor=actor,
        partnership=partnership,
        kind=BackgroundJob.Kind.POLICE_UK_IMPORT,
        file_name=name[:255],
        stored_file=stored,
    )


@task()
def run_police_uk_import(job_id: int) -> None:
    """Import the upload. If it would replace months held already, changing partnerships'
    figures, and those differences are not the ones confirmed, nothing is saved: the job
    waits for confirmation with the differences, keeping the upload (docs/adr/0015)."""
    with job_running(job_id) as job:
        if job is None:  # run twice (a worker restarted): it has done its work
            return
        _import(job)


def _import(job: BackgroundJob) -> None:
    # The archive is read from this server's disk: a temporary copy when uploads are kept
    # in object storage (S3).
    with upload_on_disk(job.stored_file) as path:
        _import_from(job, path)


def _import_from(job: BackgroundJob, path: str) -> None:
    failure = _("Something went wrong in saferplan during the import; nothing was saved.")
    confirmer = _confirmer(job)
    keep = False
    try:
        with job_failing(job, PoliceUkFileError, failure):
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
            steps = police_uk_import_steps(
                actor=confirmer or job.started_by,
                files=files,
                partnership=job.partnership,
                confirmed=job.options.get("confirmed", []),
                limit=RecordLimit.from_settings(web=True),
                note=(
                    f"Uploaded by {_name(job.started_by)} to {job.partnership}; the replacement "
                    f"confirmed by {_name(confirmer)} after seeing the differences."
                    if confirmer
                    else f"Uploaded by {_name(job.started_by)} to {job.partnership}."
                ),
            )
            try:
                # Closed however the loop ends: the import's transaction and the process reading
                # its files end here, not when the generator is collected.
                with closing(steps):
                    for step in steps:
                        if isinstance(step, ImportResult):
                            result = step
                        else:
                            progress_add(job.pk, _records_read(step))
            except ReplacementNotConfirmedError as waiting:
                keep = True
                _wait_for_confirmation(job, waiting)
                return
            if result is None:  # the import's steps always end with their result
                raise RuntimeError("The police.uk import ended without its result")
            job_finish(
                job,
                BackgroundJob.Status.DONE,
                "\n".join(
                    [
                        ngettext(
                            "%(records)s records from %(count)s file",
                            "%(records)s records from %(count)s files",
                            len(result.force_months),
                        )
                        % {"records": f"{result.records:,}", "count": len(result.force_months)},
                        *(line for d in result.differences for line in d.lines()),
                    ]
                ),
                records=result.records,
            )
    finally:
        # The upload is this attempt's to delete only once it has recorded how the job ended:
        # not when the job waits for confirmation, nor when the worker is being stopped (the
        # job is queued again and needs it), nor when a later attempt holds the job.
        if not keep and job_ended_by(job):
            upload_storage().delete(job.stored_file)


def _name(user: User | None, *, someone: str = "someone") -> str:
    """A person's name (the audit log's reasons are English; an outcome says `someone` in its
    language)."""
    return (user.get_full_name() or user.email) if user is not None else someone


def _confirmer(job: BackgroundJob) -> User | None:
    pk = job.options.get("confirmed_by")
    return User.objects.filter(pk=pk).first() if pk else None


def _wait_for_confirmation(job: BackgroundJob, waiting: ReplacementNotConfirmedError) -> None:
    """Nothing was saved: keep the upload and the differences for the confirmation page."""
    options = {k: v for k, v in job.options.items() if k not in ("confirmed", "confirmed_by")}
    options |= {
        "differences": [d.as_json() for d in waiting.differences],
        "to_confirm": waiting.to_confirm,
        "was_confirmed": "confirmed" in job.options,  # the held months changed meanwhile
    }
    BackgroundJob.objects.filter(
        pk=job.pk, attempts=job.attempts, status=BackgroundJob.Status.RUNNING
    ).update(status=BackgroundJob.Status.WAITING, options=options, outcome=str(waiting))


@transaction.atomic
def police_uk_import_confirm(*, actor: User, job: BackgroundJob) -> BackgroundJob:
    """Queue the waiting import again, to replace the months with the differences shown.
    The worker checks that they are still the differences; if the months held have changed
    meanwhile, it waits for confirmation again with the new ones."""
    locked = BackgroundJob.objects.select_for_update().get(pk=job.pk)
    if not locked.is_waiting:
        raise ValidationError(_("This import is not waiting for confirmation."))
    locked.options = locked.options | {
        "confirmed": locked.options["to_confirm"],
        "confirmed_by": actor.pk,
        "language": translation.get_language(),  # the confirmer's, who watches it now
    }
    locked.status = BackgroundJob.Status.QUEUED
    locked.outcome = ""
    locked.stopped_runs = 0  # a run of its own, not one begun again after a worker stopped
    locked.save(update_fields=["options", "status", "outcome", "stopped_runs"])
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
def police_uk_import_cancel(*, actor: User, job: BackgroundJob) -> BackgroundJob:
    """Cancel the waiting import: nothing is replaced, and the upload is deleted."""
    locked = BackgroundJob.objects.select_for_update().get(pk=job.pk)
    if not locked.is_waiting:
        raise ValidationError(_("This import is not waiting for confirmation."))
    stored = locked.stored_file
    BackgroundJob.objects.filter(pk=locked.pk).update(
        status=BackgroundJob.Status.CANCELLED,
        outcome=_("Cancelled by %(name)s: no month was replaced.")
        % {"name": _name(actor, someone=_("someone"))},
        finished_at=timezone.now(),
    )
    audit.log(
        instance=locked,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=locked.partnership,
        changes={"Status": ["Waiting for confirmation", "Cancelled: nothing was saved"]},
    )
    transaction.on_commit(lambda: upload_storage().delete(stored))
    locked.refresh_from_db()
    return locked


@transaction.atomic
def police_uk_fetch_start(*, actor: User, partnership: "Partnership", latest: int) -> BackgroundJob:
    """Queue a fetch of the newest `latest` months of the partnership's force."""
    force = partnership.get_police_force_display()
    return job_queue(
        run_police_uk_fetch,
        actor=actor,
        partnership=partnership,
        kind=BackgroundJob.Kind.POLICE_UK_FETCH,
        # What it fetches, in the language of the page (the job's page says it in a template).
        file_name=ngettext(
            "the newest month of %(force)s", "the newest %(count)s months of %(force)s", latest
        )
        % {"force": force, "count": latest},
        options={"latest": latest, "force": partnership.police_force},
    )


@task()
def run_police_uk_fetch(job_id: int) -> None:
    # Imported here: police_api_fetch loads SciPy (over a second), which the web servers
    # that import this module for the pages need not pay for.
    from . import police_api_fetch

    with job_running(job_id) as job:
        if job is None:
            return
        failure = _(
            "Something went wrong in saferplan while fetching from police.uk; nothing was saved."
        )
        with job_failing(job, PoliceApiError, failure):
            result = police_api_fetch.fetch(
                actor=job.started_by,
                force=job.options["force"],
                latest=job.options["latest"],
                progress=lambda line: progress_add(job.pk, line),
            )
            job_finish(job, BackgroundJob.Status.DONE, result.summary(), records=result.records)


def _records_read(step) -> str:
    """The progress line of an import's step: the file it reads and its records so far."""
    return ngettext(
        "File %(number)s of %(files)s: %(source)s — %(records)s record read",
        "File %(number)s of %(files)s: %(source)s — %(records)s records read",
        step.records,
    ) % {
        "number": step.file_number,
        "files": step.files,
        "source": step.source,
        "records": f"{step.records:,}",
    }
