"""Reading an ONS lookup of LSOAs to local authority districts (the Open Geography portal's
"LSOA (2021) to … LAD (2024) … Lookup" CSV files, or the 2011 ones).

police.uk names each LSOA after the district it lay in when the LSOAs were drawn
("Hertsmere 005A"). When councils merge or are renamed, the names no longer say which
district an LSOA is in now; the lookup does."""

import csv
import io
import re
from dataclasses import dataclass

from .police_uk import LSOA_CODE, PoliceUkFileError

CODE_COLUMN = re.compile(r"LSOA\d{2}CD", re.IGNORECASE)
NAME_COLUMN = re.compile(r"LSOA\d{2}NM", re.IGNORECASE)
# Local authority district (LAD24NM) or, in some lookups, lower-tier local authority.
DISTRICT_COLUMN = re.compile(r"(LAD|LTLA)\d{2}NM", re.IGNORECASE)


@dataclass(frozen=True)
class LookupRow:
    code: str
    name: str
    district: str


def _column(header: list[str], pattern: re.Pattern, source: str, what: str) -> int | None:
    matches = [
        i for i, name in enumerate(header) if pattern.fullmatch(name.strip().lstrip("\ufeff"))
    ]
    if len(matches) > 1:
        raise PoliceUkFileError(source, f"more than one {what} column", line=1)
    return matches[0] if matches else None


def read_lookup(content: bytes, source: str) -> list[LookupRow]:
    """Every row, checked: a broken one raises PoliceUkFileError naming line and column."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PoliceUkFileError(
            source, "the file is not UTF-8 text (save it as CSV UTF-8)"
        ) from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise PoliceUkFileError(source, "the file is empty")
    code_at = _column(header, CODE_COLUMN, source, "LSOA code")
    district_at = _column(header, DISTRICT_COLUMN, source, "district name")
    name_at = _column(header, NAME_COLUMN, source, "LSOA name")
    if code_at is None or district_at is None:
        raise PoliceUkFileError(
            source,
            "this is not an ONS LSOA lookup: it needs an LSOA code column (such as LSOA21CD) "
            "and a district name column (such as LAD24NM)",
            line=1,
        )
    rows: dict[str, LookupRow] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise PoliceUkFileError(
                source, f"{len(cells)} cells where the header has {len(header)}", line=line
            )
        code = cells[code_at].strip()
        district = cells[district_at].strip()
        if not LSOA_CODE.fullmatch(code):
            raise PoliceUkFileError(
                source,
                f"“{code}” is not an LSOA code (such as E01023684)",
                line=line,
                column=header[code_at],
            )
        if not district:
            raise PoliceUkFileError(
                source, "the district name is empty", line=line, column=header[district_at]
            )
        name = cells[name_at].strip() if name_at is not None else ""
        rows[code] = LookupRow(code, name, district)
    if not rows:
        raise PoliceUkFileError(source, "the lookup has no rows")
    return list(rows.values())
