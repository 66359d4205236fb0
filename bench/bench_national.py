"""A national installation (issue 27): every partnership of England and Wales on one database.

bench/national.py builds it from real shapes: five years of police.uk records for all 43
forces (about 15 million street counts), about 300 partnerships and their plans. Then, on
that database:

- a partnership's comparison table (< 50 ms), its 60-month trend (< 100 ms), its hotspots
  (< 200 ms) and the county view of the largest force, the Metropolitan Police (< 200 ms),
  each as the selector the page reads and as the whole page, signed in (medians);
- the next national month (the real all-forces October 2018, 358,000 records) imported by
  saferplan's importer in a child process, against DuckDB reading and aggregating the same
  files in the same run (≤ 5×), its peak memory (< 500 MB);
- the database's size for each year of police.uk data held.

    .venv/bin/python bench/bench_national.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench .venv/bin/python bench/bench_national.py

Building the installation takes a few minutes; its time is printed but has no target.
"""

import os
import statistics
import time

from harness import Report, measure, setup_django
from police_data import duckdb_seconds, import_in_child

# BENCH_NATIONAL_KEEP=1 measures again the installation an earlier run built on PostgreSQL.
KEEP = os.environ.get("BENCH_NATIONAL_KEEP") == "1"
database = setup_django(keep=KEEP)

import national
from django.db import connection
from django.test import Client
from django.urls import reverse

from saferplan.crimedata import selectors
from saferplan.crimedata.hotspots import hotspots
from saferplan.crimedata.periods import Period
from saferplan.partnerships.models import Partnership

YEAR, BEFORE = Period.parse("2017-10..2018-09"), Period.parse("2016-10..2017-09")
FIVE_YEARS = Period.parse("2013-10..2018-09")


def database_megabytes() -> float:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 2**20
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0] / 2**20


def signed_in_client(*partnerships: Partnership) -> Client:
    from saferplan.accounts.models import Membership, User

    user = User.objects.filter(email="analyst@example.org").first() or User.objects.create_user(
        "analyst@example.org", password="bench-national-2026", full_name="Ann Analyst"
    )
    for partnership in partnerships:
        Membership.objects.get_or_create(user=user, partnership=partnership, role="coordinator")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def page(client: Client, name: str, slug: str, query: str = "") -> None:
    response = client.get(reverse(name, args=[slug]) + query)
    if response.status_code != 200:
        raise SystemExit(f"{name}: {response.status_code}")


def main() -> None:
    out = Report(f"A national installation on {database}")
    started = time.perf_counter()
    built = (KEEP and national.held()) or national.build(import_in_child)
    out.figure(
        f"built: {built.partnerships} partnerships ({built.districts} districts), {built.forces} "
        f"forces, {built.months} months",
        time.perf_counter() - started,
        float("inf"),
        "s",
    )
    out.figure("  street counts held (millions)", built.street_counts / 1e6, float("inf"), "M")
    out.figure("  district counts held (thousands)", built.crime_counts / 1e3, float("inf"), "k")
    out.figure(f"  actions ({built.updates:,} updates)", built.actions, float("inf"), "")
    size = database_megabytes()
    out.figure("database size per year of police.uk data", size / 5, float("inf"), "MB")

    hertsmere = Partnership.objects.get(districts=["Hertsmere"])
    westminster = next(  # SQLite cannot look inside a JSON list
        p
        for p in Partnership.objects.filter(police_force="metropolitan")
        if "Westminster" in p.districts
    )
    client = signed_in_client(hertsmere, westminster)
    slug = hertsmere.slug
    figures = [
        ("Comparison table, 12 months against 12",
         lambda: selectors.police_uk_comparison(hertsmere, YEAR, BEFORE), 50,
         lambda: page(client, "crimedata:overview", slug)),
        ("Trend over 60 months, all crime",
         lambda: selectors.trend(hertsmere, "all-crime", FIVE_YEARS), 100,
         lambda: page(client, "crimedata:trend", slug, f"?category=all-crime&period={FIVE_YEARS}")),
        ("Hotspots, all crime, 12 months",
         lambda: hotspots(hertsmere, "all-crime", YEAR), 200,
         lambda: page(client, "crimedata:hotspots", slug)),
        ("County view of the Metropolitan Police's partnerships",
         lambda: selectors.county("metropolitan", YEAR), 200,
         lambda: page(client, "crimedata:county", westminster.slug)),
    ]  # fmt: skip
    for what, selector, target, whole_page in figures:
        out.figure(f"{what}: median", statistics.median(measure(selector, repeat=30)), target, "ms")
        out.figure("  the page, signed in: median", statistics.median(measure(whole_page, repeat=20)),
                   target, "ms")  # fmt: skip

    duck = duckdb_seconds(national.ALL_FORCES)
    out.figure(
        "DuckDB: read and aggregate a national month (peer)", duck * 1000, float("inf"), "ms"
    )
    seconds, peak = import_in_child(national.ALL_FORCES)
    out.figure("saferplan import of the next national month, 5 years held", seconds * 1000,
               duck * 1000 * 5, "ms", inclusive=True)  # fmt: skip
    out.figure("  ratio to DuckDB", seconds / duck, 5, "x", inclusive=True)
    out.figure("  peak memory of the import", peak, 500, "MB")
    out.finish()


if __name__ == "__main__":
    main()
