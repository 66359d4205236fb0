"""`saferplan import-police-uk PATH…`: import police.uk street-level files.

PATH is a street-level CSV, a folder of them (sub-folders too) or the monthly zip from
data.police.uk. Progress goes to stderr; a summary per force-month to stdout, with the
records of each partnership it covers before and after. An administrator's command replaces
months held already without asking (the web page asks for confirmation: docs/adr/0015), so
the differences are printed for the record; they are in each partnership's audit log too."""

import sys
import time
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.crimedata import services
from saferplan.crimedata.police_uk import PoliceUkFileError, archive_files


class Command(BaseCommand):
    help = "Import police.uk street-level crime and ASB files (CSV files, folders or zips)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--quiet", action="store_true", help="Print no progress.")

    def handle(self, *args, paths: list[Path], quiet: bool, **options):
        started = time.perf_counter()
        try:
            files = archive_files(paths)
            result = None
            # Closed however the loop ends (Ctrl-C too): the transaction and the process
            # reading the files end here.
            with closing(services.police_uk_import_steps(actor=None, files=files)) as steps:
                for step in steps:
                    if isinstance(step, services.ImportResult):
                        result = step
                    elif not quiet:
                        sys.stderr.write(
                            f"\r[{step.file_number}/{step.files}] {step.source}: "
                            f"{step.records:,} records\033[K"
                        )
                        sys.stderr.flush()
        except PoliceUkFileError as error:
            if not quiet:
                sys.stderr.write("\n")
            raise CommandError(f"{error}\nNothing was imported.") from None
        if not quiet:
            sys.stderr.write("\n")
        if result is None:
            raise CommandError("The import ended without a result.")
        for force_month, difference in zip(result.force_months, result.differences, strict=True):
            note = " (replaced the earlier import)" if force_month in result.replaced else ""
            self.stdout.write(f"{force_month}: {force_month.records:,} records{note}")
            for figures in difference.partnerships:
                self.stdout.write(f"  {figures.sentence()}")
        self.stdout.write(
            f"Imported {result.records:,} records from {len(files)} file(s) in "
            f"{time.perf_counter() - started:.1f} s; {result.unlocated:,} had no location "
            "(no LSOA) and are in no district."
        )
