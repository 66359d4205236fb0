"""Waiting out a locked database. SQLite has one writer at a time: a write waits
SAFERPLAN_SQLITE_TIMEOUT seconds for another (a long police.uk import holds the lock for its
whole transaction) and then fails with "database is locked". The background worker must not
die of that: it reports it, waits longer each time (up to a minute) and tries again.
PostgreSQL has no such error (a write there waits for the row it needs)."""

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger("saferplan.background")
T = TypeVar("T")

FIRST_WAIT_SECONDS = 1.0
LONGEST_WAIT_SECONDS = 60.0


def wait_after(attempt: int) -> float:
    """Seconds to wait after the attempt-th locked try: 1, 2, 4 ... up to a minute."""
    return min(FIRST_WAIT_SECONDS * 2 ** (attempt - 1), LONGEST_WAIT_SECONDS)


def report_locked(error: OperationalError, *, doing: str, attempt: int) -> float:
    """Log that the database was locked while `doing`; return how long to wait."""
    wait = wait_after(attempt)
    logger.warning(
        "The database is locked (%s) while %s: another process is writing to it (on SQLite, "
        "one writer at a time). Trying again in %.0f s (attempt %d).",
        error,
        doing,
        wait,
        attempt,
    )
    return wait


def retry_while_locked(work: Callable[[], T], *, doing: str) -> T:
    """`work()`, tried again with back-off for as long as the database is locked."""
    attempt = 0
    while True:
        try:
            result = work()
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise
            attempt += 1
            time.sleep(report_locked(error, doing=doing, attempt=attempt))
        else:
            if attempt:
                logger.warning("The database is free again: %s done.", doing)
            return result
