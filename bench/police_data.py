"""police.uk data for the benchmarks: five years of a force's months made from the sample,
and saferplan's own import run in a child process (so that its peak memory is its own)."""

import os
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_in_child(*paths: Path) -> tuple[float, float]:
    """(seconds the import took, as the command reports it; the child's peak memory in MB)."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        child = subprocess.Popen(
            [str(ROOT / ".venv/bin/saferplan"), "import-police-uk", "--quiet", *map(str, paths)],
            stdout=stdout,
            stderr=stderr,
            env=os.environ.copy(),
        )
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if child.returncode:
            raise SystemExit(stderr.read())
        seconds = float(re.search(r" in ([\d.]+) s;", stdout.read())[1])
    return seconds, usage.ru_maxrss / 1024


def five_years_of_hertfordshire() -> Path:
    """The sample's October 2018 file as each of 60 months, 2014-01 to 2018-12."""
    from saferplan.crimedata.periods import Period
    from saferplan.crimedata.tests.files import sample_csv

    folder = Path(tempfile.mkdtemp(prefix="saferplan-bench-"))
    october = sample_csv("2018-10")
    for month in Period.parse("2014-01..2018-12").months():
        text = f"{month:%Y-%m}"
        (folder / f"{text}-hertfordshire-street.csv").write_bytes(
            october.replace(b",2018-10,", f",{text},".encode())
        )
    return folder


def duckdb_seconds(folder: Path) -> float:
    """DuckDB, the peer, reading the folder's street files and counting them by district,
    category and month: the median of three runs, in seconds."""
    import statistics

    import duckdb
    from harness import measure

    def run():  # the folder is the benchmark's own argument, not user input
        connection = duckdb.connect()
        connection.sql(
            "SELECT regexp_replace(\"LSOA name\", ' [0-9]{3}[A-Z]$', '') AS district, "  # noqa: S608
            '"Crime type", "Month", count(*) '
            f"FROM read_csv('{folder}/*.csv', header = true) GROUP BY ALL"
        ).fetchall()
        connection.close()

    return statistics.median(measure(run, warmup=1, repeat=3)) / 1000
