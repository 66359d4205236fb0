"""`saferplan import-lsoa-lookup FILE`: set LSOAs' districts from an ONS lookup CSV.

For districts whose LSOA names no longer say where they are (councils merged or renamed).
Records already imported move to their districts; later police.uk imports follow it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.crimedata import services
from saferplan.crimedata.police_uk import PoliceUkFileError


class Command(BaseCommand):
    help = "Set LSOAs' districts from an ONS LSOA to local authority lookup (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="FILE")

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = services.lsoa_lookup_import(
                actor=None, content=path.read_bytes(), source=str(path)
            )
        except PoliceUkFileError as error:
            raise CommandError(f"{error}\nNothing was changed.") from None
        self.stdout.write(
            f"{result.lsoas:,} LSOAs in the lookup; {result.moved:,} moved to another district, "
            f"taking {result.street_counts_moved:,} imported street counts with them."
        )
        if result.districts:
            self.stdout.write("Districts whose figures changed: " + ", ".join(result.districts))
