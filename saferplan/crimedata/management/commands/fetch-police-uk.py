"""`saferplan fetch-police-uk --partnership hertsmere [--latest 3 | --month 2024-09 …]`:
fetch the newest months of the partnership's police force from the police.uk API (when
online) and import them. A month imported from an archive file is kept as it is.

Progress goes to stderr; the outcome of each month to stdout."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from saferplan.crimedata import police_api_fetch
from saferplan.crimedata.periods import parse_month
from saferplan.crimedata.police_api import PoliceApiError

from ._crime_args import partnership


def _month(text: str) -> date:
    try:
        return parse_month(text)
    except ValueError as error:
        raise CommandError(f"--month: {error}") from None


class Command(BaseCommand):
    help = "Fetch a partnership's force's newest months from the police.uk API and import them."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="Its slug, e.g. hertsmere.")
        parser.add_argument(
            "--latest", type=int, default=1, help="How many of the newest months (default 1)."
        )
        parser.add_argument(
            "--month", action="append", default=[], help="A month to fetch (YYYY-MM); repeatable."
        )
        parser.add_argument("--quiet", action="store_true", help="Print no progress.")

    def handle(self, *args, **options):
        target = partnership(options["partnership"])
        if not 1 <= options["latest"] <= 24:
            raise CommandError("--latest: give a number of months from 1 to 24.")
        months = [_month(text) for text in options["month"]]
        quiet = options["quiet"]
        try:
            result = police_api_fetch.fetch(
                actor=None,
                force=target.police_force,
                latest=options["latest"],
                months=months,
                progress=lambda line: quiet or self.stderr.write(line),
            )
        except PoliceApiError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(result.summary())
