"""`saferplan db_worker`: django-tasks-db's worker (same options), made to survive.

- A locked database (SQLite while a long import or another write holds its one write lock)
  no longer ends the worker: it reports it in its log, waits longer each time (1 s, 2 s, 4 s
  ... up to a minute) and carries on. The library's own loop dies of a lock met when it
  starts the transaction in which it claims a task, and records a task that succeeded as
  failed when saving its result meets one.
- Jobs whose worker stopped (killed, its server restarted) are marked failed, with their kept
  uploads deleted, when the worker starts and, at most once a minute, before it runs a task
  (saferplan.background.services.jobs_stopped_fail; a job's page does the same).

This command overrides the library's of the same name: saferplan.background comes before
django_tasks_db in INSTALLED_APPS.
"""

import logging
import time
from collections.abc import Callable

from django.db import OperationalError
from django_tasks_db.management.commands import db_worker as library
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from saferplan.background.database_lock import report_locked, retry_while_locked
from saferplan.background.services import jobs_stopped_fail

logger = logging.getLogger("saferplan.background")

SWEEP_EVERY_SECONDS = 60.0


class SurvivingWorker(library.Worker):
    _locked_attempts = 0
    _swept_at = 0.0

    def run(self) -> None:
        while True:
            try:
                self._sweep()
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
        if time.monotonic() - self._swept_at >= SWEEP_EVERY_SECONDS:
            retry_while_locked(self._sweep, doing="looking for jobs whose worker stopped")
        # Saving how the task ended waits out a lock too, rather than recording a task that
        # succeeded as failed with "database is locked".
        for name in ("set_successful", "set_failed"):
            setattr(
                db_task_result,
                name,
                _retrying(getattr(db_task_result, name), doing=f"recording task {name[4:]}"),
            )
        super().run_task(db_task_result)

    def _sweep(self) -> None:
        jobs_stopped_fail()
        self._swept_at = time.monotonic()


def _retrying(save: Callable[..., None], *, doing: str) -> Callable[..., None]:
    def retried(*args) -> None:
        retry_while_locked(lambda: save(*args), doing=doing)

    return retried


class Command(library.Command):
    help = (
        "Run saferplan's background worker: police.uk imports and fetches, board report "
        "documents, notices by email. It survives a locked database and marks failed the jobs "
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
