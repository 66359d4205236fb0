"""Reading police.uk's street-level archive: single CSV files, folders of them, or the
monthly zip as downloaded from data.police.uk (2018-10/2018-10-hertfordshire-street.csv …).

Files are read as streams, a row at a time, so memory does not grow with the file. Every
problem names the file, the line and the column."""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from itertools import chain
from pathlib import Path
from typing import IO, NoReturn

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.partnerships.models import PoliceForce

from .archive import ArchiveFile, PoliceUkFileError, zip_files
from .categories import CATEGORY_BY_LABEL, category_for

STREET_FILE = re.compile(r"(\d{4}-\d{2})-([a-z0-9-]+)-street\.csv$")
LSOA_CODE = re.compile(r"[EWSN]\d{8}")
# "Hertsmere 005A" → Hertsmere: the district's name, then a three-digit number and a letter.
LSOA_NAME = re.compile(r"(.+) \d{3}[A-Z]")
REQUIRED_COLUMNS = (
    "Month",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
)
# Map points whose coordinates have been checked, kept to skip checking them again; emptied
# when it reaches this size so that memory stays bounded whatever the file.
COORDINATE_CACHE = 200_000
# Forces whose files the archive holds besides the territorial forces of England and Wales.
OTHER_FORCES = {
    "btp": "British Transport Police",
    "northern-ireland": "Police Service of Northern Ireland",
}
FORCE_BY_NAME = {label.lower(): value for value, label in PoliceForce.choices} | {
    name.lower(): slug for slug, name in OTHER_FORCES.items()
}
# police.uk gives one crime several records now and then (an offence's outcome revised, a
# record with and without a location): in the archive a crime id recurs up to four times,
# and such repeats are at most about 3% of a force-month's records (all 43 forces, October
# 2018; City of London 2023-25). Beyond these, a file is repeating rows (docs/adr/0015).
CRIME_ID_RECORDS = 5  # the most records one crime id may have in a file
REPEATED_SHARE = 0.10  # the largest share of a file's records that may repeat an id
REPEATED_SHARE_FROM = 100  # ... counted once this many records repeat (small files vary)


# A checked row, as a plain tuple because there are hundreds of thousands of them:
# (district, LSOA code, category, location, longitude, latitude).
Row = tuple[str, str, str, str, float | None, float | None]


def archive_files(paths: Iterable[Path | str]) -> list[ArchiveFile]:
    """The street-level files in `paths`: CSV files, folders (searched with their
    sub-folders) and zips; outcomes and stop-and-search files are passed over."""
    found: list[ArchiveFile] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(path.rglob("*-street.csv"))
            inside += sorted(p for p in path.rglob("*.zip"))
            if not inside:
                raise PoliceUkFileError(
                    str(path), _("no street-level files (…-street.csv) or zips in this folder")
                )
            found += archive_files(inside)
        elif not path.exists():
            raise PoliceUkFileError(str(path), _("no such file or folder"))
        elif path.suffix.lower() == ".zip":
            found += zip_files(path.open("rb"), str(path))
        else:
            found.append(ArchiveFile(str(path), path.name, partial(_open_binary, path)))
    return found


def _open_binary(path: Path) -> IO[bytes]:
    return path.open("rb")


def district_of(lsoa_name: str) -> str:
    match = LSOA_NAME.fullmatch(lsoa_name)
    return match[1] if match else lsoa_name


class StreetFile:
    """One street-level file being read: its force and month, then its rows."""

    def __init__(self, file: ArchiveFile, district_overrides: dict[str, str] | None = None):
        self.file = file
        self.overrides = district_overrides or {}
        self._raw = file.open()
        self._text = io.TextIOWrapper(self._raw, encoding="utf-8-sig", newline="")
        self._reader = csv.reader(self._text)
        self.lsoa_names: dict[str, str] = {}  # the LSOAs read, once every row has been
        header = self._next()
        if header is None:
            raise PoliceUkFileError(file.source, _("the file is empty"))
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise PoliceUkFileError(
                file.source,
                # Translators: %(columns)s are the missing columns' headings, in quotation marks.
                ngettext(
                    "this is not a police.uk street-level file: it has no %(columns)s column",
                    "this is not a police.uk street-level file: it has no %(columns)s columns",
                    len(missing),
                )
                % {"columns": ", ".join(f"“{name}”" for name in missing)},
                line=1,
            )
        self.header = header
        self._columns = [header.index(name) for name in REQUIRED_COLUMNS]
        self._reported_by = header.index("Reported by") if "Reported by" in header else None
        self._crime_id = header.index("Crime ID") if "Crime ID" in header else None
        self._first = self._next()
        named = STREET_FILE.search(file.name)
        if named:
            self.month_text, self.force = named[1], named[2]
        elif self._first:
            self.month_text = self._first[self._columns[0]].strip()
            self.force = self._force_from_row(self._first)
        else:
            raise PoliceUkFileError(
                file.source, _("the file has no rows, and its name gives no month")
            )
        try:
            self.month = date(int(self.month_text[:4]), int(self.month_text[5:7]), 1)
        except ValueError:
            raise PoliceUkFileError(
                file.source,
                _("“%(text)s” is not a month (YYYY-MM)") % {"text": self.month_text},
                line=2,
                column="Month",
            ) from None
        self.force_name = (
            self._first[self._reported_by].strip()
            if self._first
            and self._reported_by is not None
            and len(self._first) > self._reported_by
            else ""
        )

    def _force_from_row(self, row: list[str]) -> str:
        name = row[self._reported_by].strip() if self._reported_by is not None else ""
        force = FORCE_BY_NAME.get(name.lower())
        if not force:
            raise PoliceUkFileError(
                self.file.source,
                _(
                    "the file's name does not say its force (YYYY-MM-force-street.csv) and "
                    "“%(name)s” is not a force saferplan knows"
                )
                % {"name": name},
                line=2,
                column="Reported by",
            )
        return force

    def _next(self) -> list[str] | None:
        """The next row that is not blank, or None at the end."""
        with self._reading():
            for row in self._reader:
                if row:
                    return row
        return None

    @contextmanager
    def _reading(self):
        """Turn what breaks reading the CSV into an error naming the line."""
        try:
            yield
        except UnicodeDecodeError:
            raise PoliceUkFileError(
                self.file.source, _("the file is not UTF-8 text"), line=self.line + 1
            ) from None
        except csv.Error as error:
            raise PoliceUkFileError(
                self.file.source,
                _("the CSV is broken (%(error)s)") % {"error": error},
                line=self.line + 1,
            ) from None

    @property
    def line(self) -> int:
        """The line the reader has got to: the row just read ends on it."""
        return self._reader.line_num

    def close(self) -> None:
        self._raw.close()

    def rows(self) -> Iterator[Row]:
        """Every row, checked. Raises PoliceUkFileError at the first broken one.

        The loop is the hot path of an import (hundreds of thousands of rows), so an LSOA's
        checks and district are worked out once per LSOA, not once per row."""
        width = len(self.header)
        month_col, lon_col, lat_col, location_col, code_col, name_col, type_col = self._columns
        overrides = self.overrides
        month_text = self.month_text
        districts: dict[tuple[str, str], str] = {("", ""): ""}
        categories = CATEGORY_BY_LABEL.copy()
        coordinates: dict[tuple[str, str], tuple[float | None, float | None]] = {}
        # Records per crime id, keyed by the id's hash: a national month in one file holds
        # 500,000 ids, and a collision of 64-bit hashes is vanishingly unlikely.
        id_col = self._crime_id
        records_of: dict[int, int] = {}
        records = repeats = 0
        with self._reading():
            for row in chain([self._first] if self._first else [], self._reader):
                if not row:
                    continue
                if len(row) != width:
                    self._fail(
                        _("the row has %(cells)s cells where the header has %(width)s"),
                        cells=len(row),
                        width=width,
                    )
                records += 1
                if id_col is not None and row[id_col]:
                    key = hash(row[id_col])
                    times = records_of[key] = records_of.get(key, 0) + 1
                    if times > 1:
                        repeats += 1
                        if times > CRIME_ID_RECORDS:
                            self._fail(
                                _(
                                    "the crime id “%(id)s” is on more than %(limit)s rows of the "
                                    "file (this is its %(times)sth); police.uk gives one crime at "
                                    "most a few records, so the file repeats rows"
                                ),
                                "Crime ID",
                                id=row[id_col],
                                limit=CRIME_ID_RECORDS,
                                times=times,
                            )
                if row[month_col] != month_text:
                    self._fail(
                        _(
                            "“%(text)s” is not this file's month (%(month)s); each archive file "
                            "holds one month"
                        ),
                        "Month",
                        text=row[month_col],
                        month=month_text,
                    )
                category = categories.get(row[type_col]) or category_for(row[type_col])
                if category is None:
                    self._fail(
                        _("“%(text)s” is not a police.uk crime type"),
                        "Crime type",
                        text=row[type_col],
                    )
                lsoa = (row[code_col], row[name_col])
                district = districts.get(lsoa)
                if district is None:
                    district = districts[lsoa] = self._district(*lsoa, overrides)
                point = (row[lon_col], row[lat_col])
                lon_lat = coordinates.get(point)
                if lon_lat is None:
                    if len(coordinates) > COORDINATE_CACHE:
                        coordinates.clear()
                    lon_lat = coordinates[point] = (
                        self._coordinate(point[0], 180, "Longitude") if point[0] else None,
                        self._coordinate(point[1], 90, "Latitude") if point[1] else None,
                    )
                yield (district, lsoa[0], category, row[location_col], *lon_lat)
        if repeats >= REPEATED_SHARE_FROM and repeats > REPEATED_SHARE * records:
            raise PoliceUkFileError(
                self.file.source,
                _(
                    "%(repeats)s of its %(records)s records (%(share)s) repeat a crime id found "
                    "earlier in the file; the limit is %(limit)s (police.uk's own files repeat at "
                    "most about 3%%), so the file repeats rows"
                )
                % {
                    "repeats": f"{repeats:,}",
                    "records": f"{records:,}",
                    "share": f"{repeats / records:.0%}",
                    "limit": f"{REPEATED_SHARE:.0%}",
                },
            )
        self.lsoa_names = {code: name for code, name in districts if code}

    def _district(self, code: str, name: str, overrides: dict[str, str]) -> str:
        if not code:
            self._fail(_("the LSOA has a name but no code"), "LSOA code")
        if not LSOA_CODE.fullmatch(code):
            self._fail(_("“%(text)s” is not an LSOA code"), "LSOA code", text=code)
        if not name:
            self._fail(_("the LSOA has a code but no name"), "LSOA name")
        return overrides.get(code) or district_of(name)

    def _coordinate(self, text: str, limit: int, column: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not -limit <= value <= limit:
            self._fail(
                _("“%(text)s” is not a longitude")
                if column == "Longitude"
                else _("“%(text)s” is not a latitude"),
                column,
                text=text,
            )
        return value

    def _fail(self, message: str, column: str = "", **values) -> NoReturn:
        """Stop at the row just read, naming its line (the line it starts on); `message` is
        completed with `values`, if any."""
        message = message % values if values else message
        raise PoliceUkFileError(self.file.source, message, line=self.line, column=column)
