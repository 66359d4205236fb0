"""Spreadsheets: Excel (.xlsx, with openpyxl) and CSV, one row per action. Each worksheet is
read as one table; a sheet named like a section ("1. Youth violence") is that section."""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from saferplan.core.text import clean_text

from .blocks import Document, Heading
from .html_reader import read_tables
from .limits import Budget, check_unpacked
from .parsed import Location, PlanFileError
from .text_reader import decode


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%d/%m/%Y}"
    # Line breaks inside a cell separate updates: kept as <br> for the cell reader.
    return clean_text(str(value).strip()).replace("\r\n", "\n").replace("\n", "<br>")


def _fill(cell) -> str:
    """A cell's solid shading as "RRGGBB" ("" for none, or a theme colour, whose RGB is in
    the workbook's theme rather than the cell)."""
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid" or fill.fgColor.type != "rgb":
        return ""
    rgb = str(fill.fgColor.rgb or "")  # "FFRRGGBB" (alpha first) or "RRGGBB"
    return rgb[-6:] if len(rgb) in (6, 8) else ""


def _sheet_rows(values, budget: Budget, where: str) -> Iterator[list[str]]:
    """Rows as text, counted against the file's limits as they are read: a sheet of a
    million rows stops at the limit, not after reading them all."""
    # Translators: where in a file, as in "plan.csv, CSV, row 12: …".
    row_at = _("%(where)s, row %(number)s")
    for number, row in enumerate(values, start=1):
        yield budget.row([_text(v) for v in row], row_at % {"where": where, "number": number})


def read_xlsx(data: bytes, name: str, budget: Budget | None = None) -> Document:
    budget = budget or Budget(name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked(archive, name)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise PlanFileError(
            # Translators: %(error)s is what the spreadsheet library said, in English.
            _("%(name)s: this is not an Excel workbook that can be opened (%(error)s)")
            % {"name": name, "error": error}
        ) from None
    document = Document(name)
    table_count = 0
    # Translators: where in a workbook, as in "plan.xlsx, sheet “Actions”, row 12: …".
    row_at = _("sheet “%(sheet)s”, row %(number)s")
    try:
        for sheet in workbook.worksheets:
            where = f"sheet “{sheet.title}”"
            # The sheet's stated size (its <dimension>) is not trusted: "A1:XFD1048576" would
            # have every row padded to 16,384 cells and a million rows made up after the last.
            sheet.reset_dimensions()
            rows: list[list[str]] = []
            fills: list[list[str]] = []
            for row in sheet.iter_rows():
                place = row_at % {"sheet": sheet.title, "number": len(rows) + 1}
                rows.append(budget.row([_text(c.value) for c in row], place))
                fills.append([_fill(c) for c in row])
            document.blocks.append(Heading(sheet.title, Location(name), level=2, sheet=True))
            for table in read_tables(
                rows, f"{name}, {where}", first_index=table_count + 1, fills=fills
            ):
                document.blocks.append(table)
                table_count = table.index
    finally:
        workbook.close()
    return document


def read_csv(data: bytes, name: str, budget: Budget | None = None) -> Document:
    budget = budget or Budget(name)
    text = decode(data, name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(_sheet_rows(csv.reader(io.StringIO(text), dialect), budget, "CSV"))
    except csv.Error as error:
        raise PlanFileError(
            # Translators: %(error)s is what Python's CSV reader said, in English.
            _("%(name)s: not a readable CSV file (%(error)s)") % {"name": name, "error": error}
        ) from None
    document = Document(name)
    document.blocks.extend(read_tables(rows, name, first_index=1))
    return document
