from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.core import backup


class Command(BaseCommand):
    help = (
        "Copy the whole database to a file while the service keeps running: SQLite's online "
        "backup, or pg_dump's custom format for PostgreSQL. Restore with `saferplan restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="the file to write (default: var/backups/saferplan-<date>-<time>.sqlite3 or .pgdump)",
        )

    def handle(self, *args, path=None, **options):
        try:
            written = backup.backup(path or backup.default_path())
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {backup.ENGINE_NAMES[written.engine]} database to {written.path} "
            f"({written.size / 1_000_000:.1f} MB)"
        )
