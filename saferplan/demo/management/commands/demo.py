"""`saferplan demo`: a fresh SQLite database with the seeds' partnerships, served locally."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from saferplan.demo import structure
from saferplan.demo.loader import demo_load


class Command(BaseCommand):
    help = "Create a fresh demo database from the seed documents and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="Build the database, do not serve it."
        )
        parser.add_argument("--port", default="8000", help="Port to serve on (default 8000).")

    def handle(self, *args, no_serve, port, **options):
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "The demo replaces its database, so it only runs on SQLite. "
                "Unset DATABASE_URL to use the default demo database."
            )
        path = Path(database["NAME"])
        connections.close_all()
        for stale in [path, Path(f"{path}-wal"), Path(f"{path}-shm")]:
            stale.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)

        self.stdout.write(f"Creating the demo database at {path}")
        call_command("migrate", interactive=False, verbosity=0)
        counts = demo_load()
        self.stdout.write(
            "Loaded " + ", ".join(f"{number} {name}" for name, number in counts.items()) + "."
        )
        self.stdout.write(
            self.style.SUCCESS(f"\nDemo sign-ins (password for all: {structure.DEMO_PASSWORD})")
        )
        for email, full_name, _title, roles, is_superuser in structure.USERS:
            described = (
                "administrator (Django admin)"
                if is_superuser
                else "; ".join(f"{role} of {slug}" for slug, (role, _org) in roles.items())
            )
            self.stdout.write(f"  {email:<36} {full_name:<24} {described}")
        if no_serve:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"\nsaferplan is running at http://127.0.0.1:{port}/ (Ctrl+C stops it)"
            )
        )
        # The background worker runs the police.uk imports started on the web pages; it stops
        # with the demo.
        worker = subprocess.Popen([sys.executable, "-m", "saferplan.cli", "db_worker"])
        self.stdout.write("A background worker runs the imports started on the pages.")
        try:
            # No autoreloader: it would re-run this command, and so rebuild the database, on
            # every change.
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
