"""Crime data at national scale (issue 6).

In one run: DuckDB reads and aggregates the all-forces 2018-10 folder (358,000 rows) by
district, category and month; then saferplan imports the same files (`saferplan
import-police-uk`, in a child process so that its peak memory is its own). Targets:
the import within 8x DuckDB's time on SQLite and 12x on PostgreSQL; peak memory under 500 MB,
also for the whole month as one 75 MB file; with 5 years of months held, a partnership's
comparison table under 50 ms and its hotspot list under 200 ms.

    .venv/bin/python bench/bench_crime.py [FOLDER]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench .venv/bin/python bench/bench_crime.py

FOLDER defaults to ../shared/data/police-uk/all-forces-2018-10 (the developers' copy of the
archive month; it is not shipped with saferplan).
"""

import statistics
import sys
import tempfile
from pathlib import Path

from harness import Report, measure, setup_django
from police_data import duckdb_seconds, five_years_of_hertfordshire, import_in_child

ROOT = Path(__file__).resolve().parent.parent
FOLDER = (
    Path(sys.argv[1])
    if len(sys.argv) > 1
    else ROOT.parent / "shared/data/police-uk/all-forces-2018-10"
)
if not FOLDER.is_dir():
    raise SystemExit(f"{FOLDER}: no such folder of police.uk files")

database = setup_django()

from saferplan.crimedata import selectors
from saferplan.crimedata.hotspots import hotspots
from saferplan.crimedata.models import StreetCount
from saferplan.crimedata.periods import Period
from saferplan.partnerships.models import Partnership, PoliceForce


def one_big_file(folder: Path) -> Path:
    """The whole month as one file (one header), as a force-month named "all"."""
    target = Path(tempfile.mkdtemp(prefix="saferplan-bench-")) / "2018-10-all-street.csv"
    with target.open("wb") as out:
        for number, path in enumerate(sorted(folder.glob("*-street.csv"))):
            with path.open("rb") as source:
                header = source.readline()
                if number == 0:
                    out.write(header)
                out.write(source.read())
    return target


def main() -> None:
    out = Report(f"police.uk data on {database}")
    factor = 12 if "postgresql" in database else 8
    duck = duckdb_seconds(FOLDER)
    out.figure("DuckDB: read and aggregate the month (peer)", duck * 1000, float("inf"), "ms")
    seconds, peak = import_in_child(FOLDER)
    rows = StreetCount.objects.count()
    out.figure(f"saferplan import of the month ({rows:,} street counts)", seconds * 1000,
               duck * 1000 * factor, "ms")  # fmt: skip
    out.figure("  ratio to DuckDB", seconds / duck, factor, "x")
    out.figure("  peak memory of the import", peak, 500, "MB")
    again, _ = import_in_child(FOLDER)
    out.figure("saferplan import again (replaces every force-month)", again * 1000, float("inf"),
               "ms")  # fmt: skip
    big = one_big_file(FOLDER)
    _, big_peak = import_in_child(big)
    out.figure(f"  peak memory, the month as one {big.stat().st_size // 2**20} MB file", big_peak,
               500, "MB")  # fmt: skip
    five_years = five_years_of_hertfordshire()
    import_in_child(five_years)
    hertsmere = Partnership.objects.create(
        name="Hertsmere Community Safety Partnership",
        slug="hertsmere-bench",
        police_force=PoliceForce.HERTFORDSHIRE,
        districts=["Hertsmere"],
    )
    year, before = Period.parse("2018"), Period.parse("2017")
    timings = measure(lambda: selectors.police_uk_comparison(hertsmere, year, before), repeat=30)
    out.figure("Comparison table, 2018 against 2017 (60 months held): median",
               statistics.median(timings), 50, "ms")  # fmt: skip
    timings = measure(lambda: selectors.trend(hertsmere, "all-crime", Period.parse("2014-01..2018-12")), repeat=20)  # fmt: skip
    out.figure("Monthly trend over the 60 months: median", statistics.median(timings), float("inf"), "ms")  # fmt: skip
    timings = measure(lambda: hotspots(hertsmere, "all-crime", year), repeat=20)
    out.figure("Hotspot list, all crime, 12 months: median", statistics.median(timings), 200, "ms")
    out.finish()


if __name__ == "__main__":
    main()
