"""Progress lines of a running job, shared between the worker and the web servers through
the "progress" cache: a file cache in the var folder by default (one server), Redis when
SAFERPLAN_PROGRESS_REDIS_URL is set (several). Lines are kept for a day."""

from django.core.cache import caches

KEEP_SECONDS = 24 * 60 * 60


def _key(job_id: int) -> str:
    return f"background-job:{job_id}:progress"


def progress_add(job_id: int, line: str) -> None:
    cache = caches["progress"]
    cache.set(_key(job_id), [*cache.get(_key(job_id), []), line][-50:], KEEP_SECONDS)


def progress_of(job_id: int) -> list[str]:
    return caches["progress"].get(_key(job_id), [])
