from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from saferplan.core import backup


class Command(BaseCommand):
    help = (
        "Replace every record in the database with a backup made by `saferplan backup`. "
        "Asks first unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path, yes=False, **options):
        try:
            kind = backup.backup_kind(path)
            database = connection.settings_dict["NAME"]
            if not yes:
                answer = input(
                    f"This replaces everything in the {backup.ENGINE_NAMES[backup.engine()]} database {database} "
                    f"with the backup {path}. Type yes to go on: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Nothing was restored.")
            backup.restore(path)
        except backup.BackupError as error:
            raise CommandError(f"{error}. Nothing was restored.") from error
        self.stdout.write(f"Restored {database} from the {backup.ENGINE_NAMES[kind]} backup {path}")
        pending = backup.unapplied_migrations()
        if pending:
            self.stdout.write(
                f"The backup is from an older version of saferplan: run `saferplan migrate` "
                f"to bring it up to date ({len(pending)} migrations to apply)."
            )
