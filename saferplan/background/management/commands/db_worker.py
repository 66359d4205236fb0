"""`saferplan db_worker`: django-tasks-db's worker (same options), made to survive.

- A locked database (SQLite while a long import or another write holds its one write lock)
  no longer ends the worker: it reports it in its log, waits longer each time (1 s, 2 s, 4 s
  ... up to a minute) and carries on. The library's own loop dies of a lock met when it
  starts the transaction in which it claims a task, and records a task that succeeded as
  failed when saving its result meets one.
- Jobs whose worker stopped (killed, its server restarted) are queued again for any worker
  (marked failed, with their kept uploads deleted, after SAFERPLAN_JOB_ATTEMPTS), when the
  worker starts and then every quarter of the heartbeat limit, from
  a thread (saferplan.background.recovery.jobs_stopped_recover; a job's page does the same).

This command overrides the library's of the same name: saferplan.background comes before
django_tasks_db in INSTALLED_APPS.
"""

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError, connections
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from saferplan.background.database_lock import report_locked, retry_while_locked
from saferplan.background.recovery import jobs_stopped_recover

logger = logging.getLogger("saferplan.background")


def sweep_every() -> float:
    """Seconds between looks for jobs whose worker stopped: a quarter of the heartbeat limit
    (30 s by default), so a stopped job is queued again soon after the limit passes."""
    return max(settings.SAFERPLAN_WORKER_HEARTBEAT_LIMIT / 4, 0.5)


class SurvivingWorker(library.Worker):
    _locked_attempts = 0
    _sweeping: threading.Thread | None = None

    def run(self) -> None:
        while True:
            try:
                jobs_stopped_recover()
                self._start_sweeping()
                super().run()
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                self._locked_attempts += 1
                wait = report_locked(
                    error, doing="looking for the next task", attempt=self._locked_attempts
                )
                if not self.running:
                    return
                self.startup_delay = False  # a herd's delay is for starting, not carrying on
                time.sleep(wait)
            else:
                return

    def run_task(self, db_task_result: DBTaskResult) -> None:
        if self._locked_attempts:
            logger.warning("The database is free again: the worker carries on.")
            self._locked_attempts = 0
        # Saving how the task ended waits out a lock too, rather than recording a task that
        # succeeded as failed with "database is locked".
        for name in ("set_successful", "set_failed"):
            setattr(
                db_task_result,
                name,
                _retrying(getattr(db_task_result, name), doing=f"recording task {name[4:]}"),
            )
        super().run_task(db_task_result)

    def _start_sweeping(self) -> None:
        """Look for jobs whose worker stopped now and then, from a thread, while this worker
        waits for tasks or runs one: a worker restarted at once (systemd's Restart=always)
        starts before the killed one's job has been silent long enough to count as stopped."""
        if self.batch or self._sweeping is not None:
            return
        self._sweeping = threading.Thread(target=_sweep_now_and_then, name="sweeper", daemon=True)
        self._sweeping.start()


def _sweep_now_and_then() -> None:
    while True:
        time.sleep(sweep_every())
        try:
            retry_while_locked(jobs_stopped_recover, doing="looking for jobs whose worker stopped")
        except Exception:
            logger.exception("Looking for jobs whose worker stopped went wrong; trying again later")
        finally:
            connections.close_all()  # this thread's own


def _retrying(save: Callable[..., None], *, doing: str) -> Callable[..., None]:
    def retried(*args) -> None:
        retry_while_locked(lambda: save(*args), doing=doing)

    return retried


class Command(library.Command):
    help = (
        "Run saferplan's background worker: police.uk imports and fetches, board report "
        "documents, notices by email. It survives a locked database and queues again the jobs "
        "of a worker that stopped."
    )

    def handle(self, *args, **options) -> None:
        # The library's handle() makes its Worker by name from its module: make it ours.
        original = library.Worker
        library.Worker = SurvivingWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            library.Worker = original  # type: ignore[misc]
