"""Backups of the whole database, and restoring one (docs/administration.md, "Backups").

SQLite is copied with its online backup API, so the service can stay up while it runs and
the copy is consistent. PostgreSQL is dumped with `pg_dump` in its custom format and
restored with `pg_restore` in one transaction, so a restore that fails leaves the database
as it was.
"""

import datetime
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    engine: str  # "sqlite" or "postgresql"
    size: int


def engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"saferplan backs up SQLite and PostgreSQL databases, not {vendor}")
    return vendor


def default_path(now: datetime.datetime | None = None) -> Path:
    now = now or datetime.datetime.now()
    suffix = ".sqlite3" if engine() == "sqlite" else ".pgdump"
    return Path(settings.VAR_DIR) / "backups" / f"saferplan-{now:%Y-%m-%d-%H%M%S}{suffix}"


def backup(path: Path) -> BackupFile:
    """Write a consistent copy of the whole database to `path` (refusing to overwrite)."""
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new file name")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    kind = engine()
    try:
        # A backup holds every partnership's OFFICIAL-SENSITIVE material: its owner alone
        # reads it, whatever the umask (SQLite and pg_dump write into the file made here).
        partial.unlink(missing_ok=True)  # left by a backup that was stopped
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        if kind == "sqlite":
            _sqlite_backup(partial)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial)])
        partial.rename(path)  # only a finished backup gets the name asked for
    finally:
        partial.unlink(missing_ok=True)
    return BackupFile(path=path, engine=kind, size=path.stat().st_size)


def restore(path: Path) -> None:
    """Replace every table of the database with the backup at `path`."""
    kind = backup_kind(path)
    if kind != engine():
        raise BackupError(
            f"{path} is a {ENGINE_NAMES[kind]} backup, but this saferplan uses "
            f"{ENGINE_NAMES[engine()]}: restore it into a {ENGINE_NAMES[kind]} database"
        )
    if kind == "sqlite":
        _sqlite_restore(path)
    else:
        connection.close()  # our own connection must not hold the tables pg_restore drops
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                str(path),
            ]
        )


def unapplied_migrations() -> list[str]:
    """Migrations the restored database still needs (a backup from an older version)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def backup_kind(path: Path) -> str:
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(
        f"{path} is not a saferplan backup: it is neither a SQLite database nor a pg_dump "
        "archive (custom format)"
    )


def _sqlite_backup(path: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        with target:
            connection.connection.backup(target)
        result = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
    if result != "ok":
        raise BackupError(f"the copy failed SQLite's integrity check: {result}")


def _sqlite_restore(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = source.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"{path} failed SQLite's integrity check: {result}")
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
        if "django_migrations" not in tables:
            raise BackupError(f"{path} is a SQLite database, but not one of saferplan's")
        connection.ensure_connection()
        # The backup API replaces the live database page by page under one lock.
        source.backup(connection.connection)
    finally:
        source.close()


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client program against saferplan's database."""
    program = command[0]
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} is not installed: install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client), the same major version as the server"
        )
    db = connection.settings_dict
    env = os.environ | {
        "PGHOST": str(db.get("HOST") or ""),
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": str(db.get("USER") or ""),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
    }
    # The program is ours (pg_dump or pg_restore) and the arguments are paths and settings.
    result = subprocess.run(  # noqa: S603
        [*command, "--dbname", db["NAME"]], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip() or result.returncode}")
