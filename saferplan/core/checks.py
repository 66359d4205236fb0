"""saferplan's own deployment checks (`saferplan check --deploy`)."""

from pathlib import Path

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


# The scripts of the languages councils translate their plans' notices into (the seeds'
# Hertsmere plan has Arabic, Chinese, Hindi and Punjabi; Bengali and Urdu are as common), as
# fontconfig names them. A PDF (WeasyPrint, through Pango and fontconfig) shows a script no
# installed font covers as empty boxes, and nothing else says so.
SCRIPTS = {
    "ar": "Arabic (and Urdu)",
    "bn": "Bengali",
    "hi": "Devanagari (Hindi)",
    "pa": "Gurmukhi (Punjabi)",
    "zh": "Chinese",
}
FONTS_PACKAGES = "fonts-noto-core fonts-droid-fallback"


def scripts_without_a_font() -> list[str]:
    """The SCRIPTS no installed font covers (all of them if fontconfig is missing)."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return list(SCRIPTS.values())
    missing = []
    for language, script in SCRIPTS.items():
        found = subprocess.run(  # noqa: S603 (our own fixed arguments)
            [fc_list, f":lang={language}", "family"], capture_output=True, text=True, check=False
        )
        if not found.stdout.strip():
            missing.append(script)
    return missing


@register(deploy=True)
def fonts_for_translated_notices(app_configs, **kwargs) -> list[Warning]:
    missing = scripts_without_a_font()
    if not missing:
        return []
    return [
        Warning(
            f"No font for {', '.join(missing)}: PDFs show text in these scripts (a plan's "
            "notice in other languages) as empty boxes.",
            hint=f"Install the fonts: apt-get install {FONTS_PACKAGES} (make fonts does it).",
            id="saferplan.W002",
        )
    ]


def catalogues_not_compiled() -> list[str]:
    """The interface's translations (.po) with no compiled .mo beside them, or an older one."""
    stale = []
    for locale in settings.LOCALE_PATHS:
        for po in Path(locale).glob("*/LC_MESSAGES/django.po"):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                stale.append(po.parts[-3])
    return sorted(stale)


@register(deploy=True)
def translations_compiled(app_configs, **kwargs) -> list[Warning]:
    stale = catalogues_not_compiled()
    if not stale:
        return []
    return [
        Warning(
            f"The interface's translations ({', '.join(stale)}) are not compiled, so those "
            "pages come out in English.",
            hint="Run: python scripts/compile_messages.py (make does it).",
            id="saferplan.W003",
        )
    ]
