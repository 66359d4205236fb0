"""How an import writes its street counts in bulk, and remembers the LSOAs it saw."""

from datetime import date
from typing import TYPE_CHECKING

from django.db import connection

from ..models import Lsoa, StreetCount
from ..police_uk import district_of

if TYPE_CHECKING:
    from .reading import StreetCountRow


class StreetWriter:
    """Writes a force-month's street counts in bulk: COPY on PostgreSQL, executemany on
    SQLite."""

    COLUMNS = (
        "batch_id", "month", "district", "lsoa_code", "category",
        "location", "longitude", "latitude", "count",
    )  # fmt: skip

    def __init__(self, cursor):
        self.cursor = cursor
        self.table = StreetCount._meta.db_table
        self.postgres = connection.vendor == "postgresql"
        if not self.postgres:
            cursor.execute("PRAGMA cache_size = -131072")  # 128 MB while the import runs

    def write(self, batch_id: int, month: date, rows: "list[StreetCountRow]") -> None:
        """Write `rows` (each a Row and its count) as the force-month's street counts."""
        columns = ", ".join(self.COLUMNS)
        day = month.isoformat()  # as the database stores it: no adapter per row
        if self.postgres:
            with self.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((batch_id, day, *row))
        else:
            # The force-month's id and month are written into the statement, the same for
            # every row, so the rows are sent as the reader made them, not copied to add
            # them: both are the import's own values (an int and an ISO date), not text read.
            placeholders = ", ".join(["%s"] * (len(self.COLUMNS) - 2))
            self.cursor.executemany(
                f"INSERT INTO {self.table} ({columns}) "  # noqa: S608
                f"VALUES ({int(batch_id)}, '{day}', {placeholders})",
                rows,
            )


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
