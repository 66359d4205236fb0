"""saferplan's own deployment checks (`saferplan check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.database, deploy=True)
def sqlite_in_production(app_configs, **kwargs) -> list[Warning]:
    """SQLite has one writer at a time: while a police.uk import runs (its one transaction
    holds the write lock) every other write waits SAFERPLAN_SQLITE_TIMEOUT seconds and then
    fails with "service unavailable". Fine for the demo and a trial, not for a county."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return []
    return [
        Warning(
            "The database is SQLite: one write at a time, so while a police.uk import runs "
            "nobody can save anything (they wait, then see 'service unavailable').",
            hint="Use PostgreSQL in production: DATABASE_URL=postgres://... "
            "(docs/administration.md).",
            id="saferplan.W001",
        )
    ]
