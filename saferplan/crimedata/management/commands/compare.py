"""`saferplan compare --partnership hertsmere --period 2018-10..2018-12 --against 2017-10..2017-12`:
the comparison table of two periods, from police.uk and the partnership's own series.

--source police-uk|custom|all (all by default); --format text|csv|sentences."""

from django.core.management.base import BaseCommand

from saferplan.core.csv_download import csv_lines
from saferplan.crimedata import selectors
from saferplan.crimedata.comparisons import TOP_CAPTION, comparison_rows

from ._crime_args import partnership, period


class Command(BaseCommand):
    help = "Print the comparison of two periods for a partnership."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="Its slug, e.g. hertsmere.")
        parser.add_argument("--period", required=True, help="2022, 2021/22, 2018-10..2018-12 …")
        parser.add_argument("--against", help="Default: the same months a year before.")
        parser.add_argument("--source", choices=["police-uk", "custom", "all"], default="all")
        parser.add_argument("--format", choices=["text", "csv", "sentences"], default="text")

    def handle(self, *args, **options):
        target = partnership(options["partnership"])
        now = period(options["period"], "--period")
        against = period(options["against"], "--against") if options["against"] else None
        against = against or now.year_before()
        comparisons = []
        if options["source"] in ("police-uk", "all"):
            comparisons.append(selectors.police_uk_comparison(target, now, against))
        if options["source"] in ("custom", "all"):
            comparisons.append(selectors.custom_comparison(target, now, against))
        comparisons = [c for c in comparisons if c.worth_showing] or comparisons[:1]
        if options["format"] == "csv":
            header, rows = comparison_rows(comparisons)
            # A terminal's text, not a file: no byte order mark.
            self.stdout.write("".join(csv_lines(header, rows, byte_order_mark=False)), ending="")
            return
        for comparison in comparisons:
            self.stdout.write(f"{comparison.source}: {now.label} against {against.label}")
            for note in comparison.notes:
                self.stdout.write(f"  Warning: {note}")
            if comparison.headline:
                self.stdout.write(comparison.headline)
            if options["format"] == "sentences":
                self.stdout.write("\n".join(comparison.sentences()) + "\n")
                continue
            width = max([len(r.name) for r in comparison.rows] + [8])
            header = (
                f"{'Category':<{width}}  {against.short_label:>12}  {now.short_label:>12}  "
                f"{'Difference':>10}  {'% change':>8}"
            )
            for list_name, rows in comparison.tables:
                self.stdout.write("" if list_name == TOP_CAPTION else f"\n{list_name}")
                self.stdout.write(header)
                for row in rows:
                    self.stdout.write(
                        f"{row.name:<{width}}  {row.previous_text:>12}  {row.current_text:>12}  "
                        f"{row.difference_text:>10}  {row.percent_text:>8}"
                    )
            self.stdout.write("")
