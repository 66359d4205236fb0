"""`saferplan hotspots --partnership hertsmere --category anti-social-behaviour --period 2018-12`:
the small areas and map points with the most records, against the period before."""

import csv

from django.core.management.base import BaseCommand

from saferplan.core.csv_download import spreadsheet_cell
from saferplan.crimedata import hotspots
from saferplan.crimedata.categories import ALL_CRIME, choices_with_all_crime

from ._crime_args import partnership, period


class Command(BaseCommand):
    help = "Print a partnership's hotspots for a crime type and period."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument(
            "--category",
            default=ALL_CRIME,
            choices=[value for value, _ in choices_with_all_crime()],
        )
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--format", choices=["text", "csv"], default="text")

    def handle(self, *args, **options):
        spots = hotspots.hotspots(
            partnership(options["partnership"]),
            options["category"],
            period(options["period"], "--period"),
            limit=options["limit"],
        )
        for warning in spots.warnings:
            # Beside a CSV on standard output, not in it: a file written from it stays a table.
            (self.stderr if options["format"] == "csv" else self.stdout).write(
                f"Warning: {warning}"
            )
        if options["format"] == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(["kind", "name", "count", "previous", "change"])
            for kind, rows in (("lsoa", spots.lsoas), ("street", spots.streets)):
                for spot in rows:
                    writer.writerow(
                        [kind, spreadsheet_cell(spot.name), spot.count, spot.previous, spot.change]
                    )
            return
        self.stdout.write(
            f"{spots.label} in {spots.place}, {spots.period.label} "
            f"(change against {spots.against.label}): {spots.total} records"
        )
        for heading, rows in (("Small areas (LSOAs)", spots.lsoas), ("Streets", spots.streets)):
            self.stdout.write(f"\n{heading}")
            for number, spot in enumerate(rows, start=1):
                change = "no data before" if spot.change is None else f"{spot.change:+}"
                self.stdout.write(f"{number:>3}. {spot.name:<60} {spot.count:>5}  {change}")
