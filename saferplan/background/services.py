"""Background jobs, whatever their work: recording and queueing one, running it in the worker
(`saferplan db_worker`) with its heartbeat, and recording how it ended, once. Jobs of a worker
that stopped are recovered in .recovery.

The work itself belongs to the app that owns it, each a `@task()` taking the job's id: the
police.uk import and the police.uk API fetch in saferplan.crimedata.tasks, the board report's
document in saferplan.reports.tasks. A task runs `with job_running(job_id) as job:` and ends
with job_finish(), or within job_failing() so that an error is recorded in words. This app
imports none of them: the queue names a task by its dotted path (migration 0004 moved the
paths of tasks queued before they left this module).

A job keeps the language of the page it was started from (its options' "language"): the
worker writes its progress, its outcome and any document in that language."""

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .database_lock import retry_while_locked
from .models import BackgroundJob
from .progress import (
    heartbeat,
    heartbeat_while_running,
)

if TYPE_CHECKING:
    from django_tasks.base import Task

    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership

UPLOADS = "uploads"
logger = logging.getLogger("saferplan.background")


def upload_storage() -> Storage:
    """Where a job's upload waits for the worker, and the document it made is kept."""
    return storages[UPLOADS]


@contextmanager
def upload_on_disk(name: str) -> Iterator[str]:
    """A path on this server's disk to the stored upload `name`: the file itself in a folder
    storage; a temporary copy of the object in S3-compatible storage, removed afterwards."""
    storage = upload_storage()
    try:
        path = storage.path(name)
    except NotImplementedError:  # object storage has no paths
        path = ""
    if path:
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as copy:
        with storage.open(name, "rb") as source:
            shutil.copyfileobj(source, copy)
        copy.flush()
        yield copy.name


@transaction.atomic
def job_queue(
    work: "Task[[int], None]",
    *,
    actor: "User",
    partnership: "Partnership",
    kind: str,
    file_name: str,
    options: dict[str, Any] | None = None,
    stored_file: str = "",
) -> BackgroundJob:
    """Record the job (audited) and enqueue its task `work`, in the caller's transaction: the
    database queue's worker sees both or neither. The job keeps the active language."""
    job = BackgroundJob.objects.create(
        kind=kind,
        partnership=partnership,
        started_by=actor,
        file_name=file_name,
        options={"language": translation.get_language(), **(options or {})},
        stored_file=stored_file,
        task_path=work.module_path,
    )
    audit.log(
        instance=job,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=partnership,
        changes={"Background job": [None, str(job)]},
    )
    work.enqueue(job.pk)
    return job


def _begin(job_id: int) -> BackgroundJob | None:
    """The job, marked running and its attempts counted; None if it is not waiting to start:
    it has run already (a worker restarted), or another worker has it."""
    job = retry_while_locked(
        lambda: BackgroundJob.objects.select_related("started_by").get(pk=job_id),
        doing=f"starting background job {job_id}",
    )
    if job.status != BackgroundJob.Status.QUEUED:
        return None
    heartbeat(job.pk)  # before it shows as running, so that it is never running unheard
    started = retry_while_locked(
        lambda: BackgroundJob.objects.filter(
            pk=job.pk, status=BackgroundJob.Status.QUEUED, attempts=job.attempts
        ).update(
            status=BackgroundJob.Status.RUNNING,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
        ),
        doing=f"starting background job {job_id}",
    )
    if not started:  # another worker started it meanwhile
        return None
    job.status, job.attempts = BackgroundJob.Status.RUNNING, job.attempts + 1
    return job


@contextmanager
def job_running(job_id: int) -> Iterator[BackgroundJob | None]:
    """The job, marked running, its heartbeat beating until the block ends, in the language
    of the page it was started from; None if it has already run (the worker restarted after
    doing its work): the task then returns."""
    job = _begin(job_id)
    if job is None:
        yield None
        return
    with heartbeat_while_running(job.pk), translation.override(job_language(job)):
        yield job


def job_language(job: BackgroundJob) -> str:
    """The language the job writes in. A document is made in the language of the page that
    asked for it (only its asker may download it); an import's or fetch's progress and outcome
    are read by every coordinator and analyst, so they are in the installation's language
    (core.languages.stored_language)."""
    if job.is_document:
        return job.options.get("language") or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


@contextmanager
def job_failing(
    job: BackgroundJob, expected: type[Exception] | tuple[()], unexpected: str
) -> Iterator[None]:
    """Record how the work in the block ends when it fails: an `expected` error in its own
    words, anything else as `unexpected` (and raised again, for the worker's log)."""
    try:
        yield
    except expected as error:
        job_finish(job, BackgroundJob.Status.FAILED, str(error))
    except Exception:
        job_finish(
            job,
            BackgroundJob.Status.FAILED,
            # Translators: %(problem)s says what went wrong, as in "Something went wrong in
            # saferplan during the import; nothing was saved."
            _("%(problem)s The error has been logged for your administrator.")
            % {"problem": unexpected},
        )
        raise


def job_finish(
    job: BackgroundJob, status: str, outcome: str, *, records=None, stored_file: str | None = None
) -> bool:
    """Record how the job ended: its status, what it did (or why it failed) in words, the
    document it made (`stored_file`), audited. Only the attempt that holds the job records
    it: one whose worker was taken for stopped, and whose job was queued again (or failed),
    does not, and False is returned: it must then leave the job's files alone (the job is
    finished exactly once, docs/adr/0038)."""
    ended = {"status": status, "outcome": outcome, "records": records}
    if stored_file is not None:
        ended["stored_file"] = stored_file

    with translation.override(None):  # the audit log is in English
        label = str(BackgroundJob.Status(status).label)

    @transaction.atomic
    def record() -> bool:
        recorded = BackgroundJob.objects.filter(
            pk=job.pk, attempts=job.attempts, status=BackgroundJob.Status.RUNNING
        ).update(**ended, finished_at=timezone.now())
        if recorded:
            audit.log(
                instance=job,
                action=AuditEvent.Action.UPDATE,
                actor=None,
                partnership=job.partnership,
                changes={"Status": ["Running", label]},
                reason=f"Attempt {job.attempts} ended.",
            )
        return bool(recorded)

    recorded = retry_while_locked(record, doing=f"recording how background job {job.pk} ended")
    if not recorded:
        logger.warning(
            "Background job %d (%s): attempt %d ended, but the job had been queued again or "
            "failed meanwhile; the attempt holding it records how it ends.",
            job.pk,
            job,
            job.attempts,
        )
    return recorded


def job_ended_by(job: BackgroundJob) -> bool:
    """Whether this attempt recorded how the job ended (its files are then its to tidy)."""
    return (
        BackgroundJob.objects.filter(pk=job.pk, attempts=job.attempts)
        .exclude(status__in=(BackgroundJob.Status.RUNNING, BackgroundJob.Status.QUEUED))
        .exists()
    )


def document_of(job: BackgroundJob):
    """The document a finished job made, opened, or None once it has been deleted."""
    if not job.stored_file or not upload_storage().exists(job.stored_file):
        return None
    return upload_storage().open(job.stored_file, "rb")
