"""police.uk data for the benchmarks: five years of a force's months made from the sample,
and saferplan's own import run in a child process (so that its peak memory is its own)."""

import os
import re
import subprocess
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_in_child(*paths: Path) -> tuple[float, float]:
    """(seconds the import took, as the command reports it; its peak memory in MB: the
    command's with that of the process reading its files beside it, ADR 0037's addendum)."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        child = subprocess.Popen(
            [str(ROOT / ".venv/bin/saferplan"), "import-police-uk", "--quiet", *map(str, paths)],
            stdout=stdout,
            stderr=stderr,
            env=os.environ.copy(),
        )
        watching = _TreeMemory(child.pid)
        watching.start()
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
        watching.stop.set()
        watching.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if child.returncode:
            raise SystemExit(stderr.read())
        seconds = float(re.search(r" in ([\d.]+) s;", stdout.read())[1])
    # wait4's peak is the larger of the command's and its reader's, not their sum: the peak is
    # the sum sampled, of each process's proportional share (pages the two share since the
    # fork counted once), unless the command alone, read by the kernel, was higher.
    return seconds, max(usage.ru_maxrss / 1024, watching.peak_mb)


class _TreeMemory(threading.Thread):
    """Samples the memory of a process and its children, summed, every 20 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.stop = threading.Event()
        self.peak_mb = 0.0

    def run(self) -> None:
        while not self.stop.wait(0.02):
            self.peak_mb = max(self.peak_mb, sum(map(_proportional_mb, _tree(self.pid))))


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _proportional_mb(pid: int) -> float:
    """The process's resident memory, each page shared with n processes counted as 1/n."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0  # ended since it was listed
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
    return int(found[1]) / 1024 if found else 0.0


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
