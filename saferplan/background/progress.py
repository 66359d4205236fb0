"""Progress lines of a running job, shared between the worker and the web servers through
the "progress" cache: a file cache in the var folder by default (one server), Redis when
SAFERPLAN_PROGRESS_REDIS_URL is set (several). Lines are kept for a day."""

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import caches

KEEP_SECONDS = 24 * 60 * 60
logger = logging.getLogger("saferplan.background")


def _key(job_id: int) -> str:
    return f"background-job:{job_id}:progress"


def progress_add(job_id: int, line: str) -> None:
    cache = caches["progress"]
    cache.set(_key(job_id), [*cache.get(_key(job_id), []), line][-50:], KEEP_SECONDS)
    heartbeat(job_id)


def progress_restart(job_id: int) -> None:
    """Forget the lines of a run that stopped with its worker: the job starts afresh."""
    caches["progress"].delete(_key(job_id))


def progress_of(job_id: int) -> list[str]:
    return caches["progress"].get(_key(job_id), [])


# The heartbeat of a running job: the time its worker last said it was alive, beaten by a
# thread of the worker every HEARTBEAT_SECONDS while the job runs. It lives in the progress
# cache, not the job's row: on SQLite a long import holds the only write lock, so no other
# connection could write a heartbeat to the database (docs/adr/0018-worker-heartbeat.md).
HEARTBEAT_SECONDS = 10.0


def _heartbeat_key(job_id: int) -> str:
    return f"background-job:{job_id}:heartbeat"


def heartbeat(job_id: int) -> None:
    caches["progress"].set(_heartbeat_key(job_id), time.time(), KEEP_SECONDS)


def last_heartbeat(job_id: int) -> float | None:
    """When the job's worker last said it was alive (seconds since the epoch), if ever."""
    return caches["progress"].get(_heartbeat_key(job_id))


def last_heartbeat_or_noticed(job_id: int) -> float:
    """When the running job's worker last said it was alive; if the cache holds no beat (it
    was emptied: Redis restarted, or the entry was culled), the time that was first noticed,
    so that a job is taken for stopped only after a whole limit with no beat."""
    cache = caches["progress"]
    cache.add(_heartbeat_key(job_id), time.time(), KEEP_SECONDS)
    return cache.get(_heartbeat_key(job_id)) or time.time()


@contextmanager
def heartbeat_while_running(job_id: int) -> Iterator[None]:
    """Beat the job's heartbeat from a thread until the block ends. If the worker's process
    is killed the thread dies with it and the heartbeat stops: jobs_stopped_recover notices."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                heartbeat(job_id)
            except Exception:  # Redis unreachable for a moment: beat again next time
                logger.warning("The heartbeat of background job %d could not be written", job_id)

    heartbeat(job_id)
    beating = threading.Thread(target=beat, name=f"heartbeat of job {job_id}", daemon=True)
    beating.start()
    try:
        yield
    finally:
        stop.set()
        beating.join()
