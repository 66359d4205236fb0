"""The jobs of a worker that stopped — killed, its server restarted, paused past the limit:
found by their silent heartbeat, queued again for another worker, or failed after
SAFERPLAN_JOB_ATTEMPTS runs stopped so (docs/adr/0038-jobs-of-a-stopped-worker-run-again.md).
Each worker looks now and then (its db_worker command), and a job's page when it is opened."""

import datetime
import logging
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .models import BackgroundJob
from .progress import last_heartbeat_or_noticed, progress_restart
from .services import job_language, upload_storage

if TYPE_CHECKING:
    from django_tasks.base import Task

logger = logging.getLogger("saferplan.background")


def jobs_stopped_recover(*, jobs: Iterable[BackgroundJob] | None = None) -> list[BackgroundJob]:
    """Recover each running job (of `jobs`, or all) whose worker has stopped — killed, or its
    server restarted — which would otherwise show "Running" for ever: no heartbeat for
    settings.SAFERPLAN_WORKER_HEARTBEAT_LIMIT seconds. Its transaction ended with the worker,
    so nothing was saved. It is queued again, with its kept upload, for any worker to start
    afresh; once SAFERPLAN_JOB_ATTEMPTS of its runs have stopped so (its work may be what
    stops the worker, as a file too large for the worker's memory) it is marked failed
    instead and its upload deleted. Looking at all jobs also recovers one whose worker
    stopped after taking it from the queue but before starting it. Each worker does this
    when it starts and every so often (its db_worker command), and a job's page when it is
    looked at. The jobs recovered are returned."""
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
        heard = last_heartbeat_or_noticed(job.pk)
        if now - heard < limit:
            continue
        if _stopped_recover(job, at=_local(heard)):
            stopped.append(job)
    if jobs is None:
        stopped += _taken_never_started_recover(limit)
    return stopped


def _local(timestamp: float) -> datetime.datetime:
    return timezone.localtime(datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC))


def _stopped_recover(job: BackgroundJob, *, at: datetime.datetime) -> bool:
    task = _task_of(job)
    if task is not None and job.stopped_runs + 1 < settings.SAFERPLAN_JOB_ATTEMPTS:
        return _stopped_queue_again(job, task, at=at)
    return _stopped_fail(job, at=at)


def _taken_never_started_recover(limit: float) -> list[BackgroundJob]:
    """Jobs still waiting to start whose task a worker took from the queue more than `limit`
    seconds ago: the worker stopped before it could start them."""
    from django_tasks_db.models import DBTaskResult

    # Only the queue's few tasks taken long ago are read, never the whole table of jobs; a
    # task that is not a job's (a notice by email) matches no job waiting to start.
    taken = DBTaskResult.objects.running().filter(
        started_at__lt=timezone.now() - datetime.timedelta(seconds=limit)
    )
    recovered = []
    for record in taken:
        args = record.args_kwargs.get("args") or []
        if len(args) != 1 or not isinstance(args[0], int):
            continue
        job = BackgroundJob.objects.filter(
            pk=args[0], task_path=record.task_path, status=BackgroundJob.Status.QUEUED
        ).first()
        if job is None:
            continue
        # As a run that stopped: it is marked running for a moment, so that only one look
        # recovers it.
        marked = BackgroundJob.objects.filter(
            pk=job.pk, status=BackgroundJob.Status.QUEUED, attempts=job.attempts
        ).update(status=BackgroundJob.Status.RUNNING)
        if marked:
            job.status = BackgroundJob.Status.RUNNING
            if _stopped_recover(job, at=timezone.localtime(record.started_at)):
                recovered.append(job)
    return recovered


def _task_of(job: BackgroundJob) -> "Task[[int], None] | None":
    """The task that does the job's work, or None if it cannot be found (renamed since)."""
    try:
        return import_string(job.task_path) if job.task_path else None
    except ImportError:
        return None


@transaction.atomic
def _stopped_queue_again(job: BackgroundJob, task: "Task[[int], None]", *, at) -> bool:
    """Queue the stopped job again, in the state it was queued in: its upload and options
    kept, its progress lines begun afresh. The queue's own record of the stopped run is
    marked failed, so that it does not show as running for ever either."""
    marked = BackgroundJob.objects.filter(
        pk=job.pk, status=BackgroundJob.Status.RUNNING, attempts=job.attempts
    ).update(
        status=BackgroundJob.Status.QUEUED, started_at=None, stopped_runs=F("stopped_runs") + 1
    )
    if not marked:  # it ended meanwhile, or another look has queued it again
        return False
    _queue_record_stopped(job, at=at, what="queued again")
    audit.log(
        instance=job,
        action=AuditEvent.Action.UPDATE,
        actor=None,
        partnership=job.partnership,
        changes={"Status": ["Running", "Waiting to start"]},
        reason=(
            f"Its worker stopped (last heard from at {at.isoformat(timespec='seconds')}); "
            f"queued again after its run {job.stopped_runs + 1} of "
            f"{settings.SAFERPLAN_JOB_ATTEMPTS} stopped."
        ),
    )
    progress_restart(job.pk)
    task.enqueue(job.pk)
    _log_stopped(job, at, "queued again")
    return True


def _queue_record_stopped(job: BackgroundJob, *, at, what: str) -> None:
    """Mark failed the database queue's record of the job's stopped run (django-tasks-db
    leaves a task whose worker died "running")."""
    from django_tasks_db.models import DBTaskResult

    for record in DBTaskResult.objects.running().filter(task_path=job.task_path):
        if record.args_kwargs.get("args") == [job.pk]:
            DBTaskResult.objects.filter(pk=record.pk).update(
                status="FAILED",
                finished_at=timezone.now(),
                exception_class_path="saferplan.background.WorkerStopped",
                traceback=f"Its worker was last heard from at {at.isoformat()}; "
                f"background job {job.pk} was {what}.",
            )


def _stopped_fail(job: BackgroundJob, *, at) -> bool:
    with translation.override(job_language(job)):
        outcome = _stopped_outcome(job, at)
    marked = BackgroundJob.objects.filter(
        pk=job.pk, status=BackgroundJob.Status.RUNNING, attempts=job.attempts
    ).update(
        status=BackgroundJob.Status.FAILED,
        outcome=outcome,
        finished_at=timezone.now(),
        stored_file="" if job.kind == BackgroundJob.Kind.POLICE_UK_IMPORT else job.stored_file,
    )
    if not marked:  # it ended meanwhile
        return False
    _queue_record_stopped(job, at=at, what="marked failed")
    if job.kind == BackgroundJob.Kind.POLICE_UK_IMPORT and job.stored_file:
        upload_storage().delete(job.stored_file)
    _log_stopped(job, at, "marked failed")
    return True


def _log_stopped(job: BackgroundJob, at: datetime.datetime, what: str) -> None:
    logger.warning(
        "Background job %d (%s) %s: its worker has not been heard from since %s (run %d of %d "
        "stopped). Was the worker stopped? `saferplan db_worker` must be running.",
        job.pk,
        job,
        what,
        at.isoformat(timespec="seconds"),
        job.stopped_runs + 1,
        settings.SAFERPLAN_JOB_ATTEMPTS,
    )


def _stopped_outcome(job: BackgroundJob, at: datetime.datetime) -> str:
    """How a job whose worker stopped ended, in words: what it was doing, when the worker was
    last heard from, and what to do."""
    kind = BackgroundJob.Kind(job.kind)
    if kind == BackgroundJob.Kind.POLICE_UK_IMPORT:
        message = _(
            "saferplan's background worker stopped while importing %(file_name)s (it was last "
            "heard from at %(time)s on %(day)s), so nothing was saved. Import the file again."
        )
    elif kind == BackgroundJob.Kind.POLICE_UK_FETCH:
        message = _(
            "saferplan's background worker stopped while fetching %(file_name)s (it was last "
            "heard from at %(time)s on %(day)s), so nothing was saved. Fetch again."
        )
    elif kind == BackgroundJob.Kind.BOARD_REPORT_DOCUMENT:
        message = (
            _(
                "saferplan's background worker stopped while making the Word document (it was "
                "last heard from at %(time)s on %(day)s), so nothing was saved. Make it again "
                "from the board report."
            )
            if job.is_word
            else _(
                "saferplan's background worker stopped while making the PDF (it was last heard "
                "from at %(time)s on %(day)s), so nothing was saved. Make it again from the "
                "board report."
            )
        )
    else:
        message = (
            _(
                "saferplan's background worker stopped while making the Word document (it was "
                "last heard from at %(time)s on %(day)s), so nothing was saved. Make it again "
                "from the plan's page."
            )
            if job.is_word
            else _(
                "saferplan's background worker stopped while making the PDF (it was last heard "
                "from at %(time)s on %(day)s), so nothing was saved. Make it again from the "
                "plan's page."
            )
        )
    return message % {
        "file_name": job.file_name,
        "time": f"{at:%H:%M}",
        "day": date_format(at, "j F Y"),
    }


def background_job_check(*, job: BackgroundJob) -> BackgroundJob:
    """The job as it stands, queued again (or marked failed) first if its worker stopped."""
    if jobs_stopped_recover(jobs=[job]):
        job.refresh_from_db()
    return job
