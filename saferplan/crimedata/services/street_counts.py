"""How an import reads a police.uk file once (hashing it on the way) and writes its street
counts in bulk, and remembers the LSOAs it saw."""

import hashlib
from collections import Counter
from typing import IO, Any

from django.db import connection

from ..models import Lsoa, StreetCount
from ..police_uk import ArchiveFile, Row, district_of


class HashingOpener:
    """Opens an archive file so that what is read through it is hashed on the way (the file
    is read once), to record which file each force-month came from."""

    def __init__(self, file: ArchiveFile):
        self.file = file
        self.stream: _Hashing | None = None

    def open(self):
        self.stream = _Hashing(self.file.open())
        return self.stream

    def hexdigest(self) -> str:
        return self.stream.sha.hexdigest() if self.stream else ""


class _Hashing:
    """Reads through a binary stream, hashing what passes (so a file is read once)."""

    def __init__(self, raw: IO[bytes]):
        self.raw: Any = raw
        self.sha = hashlib.sha256()
        # Asked for on every line read: a plain attribute costs no Python call.
        self.closed = False

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def close(self) -> None:
        self.raw.close()
        self.closed = True

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha.update(data)
        return data

    def read1(self, size=-1):
        data = self.raw.read1(size) if hasattr(self.raw, "read1") else self.raw.read(size)
        self.sha.update(data)
        return data

    def readinto(self, buffer):
        count = self.raw.readinto(buffer)
        self.sha.update(memoryview(buffer)[:count])
        return count

    def readable(self):
        return True


class StreetWriter:
    """Writes street counts in bulk: COPY on PostgreSQL, executemany on SQLite."""

    COLUMNS = (
        "batch_id", "month", "district", "lsoa_code", "category",
        "location", "longitude", "latitude", "count",
    )  # fmt: skip

    def __init__(self, cursor):
        self.cursor = cursor
        table = StreetCount._meta.db_table
        columns = ", ".join(self.COLUMNS)
        self.postgres = connection.vendor == "postgresql"
        if not self.postgres:
            cursor.execute("PRAGMA cache_size = -131072")  # 128 MB while the import runs
        if self.postgres:
            self.sql = f"COPY {table} ({columns}) FROM STDIN"
        else:
            placeholders = ", ".join(["%s"] * len(self.COLUMNS))
            self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608

    def write(self, rows: list[tuple]) -> None:
        if self.postgres:
            with self.cursor.copy(self.sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            self.cursor.executemany(self.sql, rows)


def flush(writer, batch_id: int, month: str, points: Counter[Row], counts: Counter) -> None:
    """Write the street counts gathered so far, adding them to the district counts."""
    for (district, _, category, *_), count in points.items():
        counts[district, category] += count
    writer.write([(batch_id, month, *point, count) for point, count in points.items()])
    points.clear()


def lsoas_known() -> set[str]:
    """The codes of the LSOAs saferplan knows, read once per import (England and Wales have
    about 35,000, all known after the first national month imported)."""
    return set(Lsoa.objects.values_list("code", flat=True))


def lsoas_add(names: dict[str, str], known: set[str]) -> None:
    """Remember the LSOAs seen (for hotspot names), adding them to `known` (lsoas_known).
    An LSOA known already is left as it is, so a district set by an ONS lookup stays; only
    new ones are written, as asking the database about each would cost a round trip."""
    new = [
        (code, name, district_of(name), "name") for code, name in names.items() if code not in known
    ]
    if not new:
        return
    table = Lsoa._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (code, name, district, district_source) "  # noqa: S608
            "VALUES (%s, %s, %s, %s) ON CONFLICT (code) DO NOTHING",
            new,
        )
    known.update(code for code, *_ in new)
