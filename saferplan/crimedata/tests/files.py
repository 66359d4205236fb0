"""Real police.uk files for the tests, read straight from the shipped sample (never through
saferplan's reader, so that the expected figures are independent of it)."""

import csv
import io
import zipfile
from collections import Counter
from pathlib import Path

from saferplan.crimedata.sample import SAMPLE_MONTHS, SAMPLE_ZIP


def sample_csv(month: str) -> bytes:
    with zipfile.ZipFile(SAMPLE_ZIP) as archive:
        return archive.read(f"{month}/{month}-hertfordshire-street.csv")


def write_month(folder: Path, month: str, content: bytes | None = None) -> Path:
    path = folder / f"{month}-hertfordshire-street.csv"
    path.write_bytes(sample_csv(month) if content is None else content)
    return path


def direct_counts(district: str) -> Counter:
    """(month, crime type) → number of rows whose LSOA name starts with the district."""
    counts: Counter = Counter()
    for month in SAMPLE_MONTHS:
        for row in csv.DictReader(io.StringIO(sample_csv(month).decode("utf-8"))):
            if row["LSOA name"].startswith(district + " "):
                counts[row["Month"], row["Crime type"]] += 1
    return counts
