"""Spreadsheets: Excel (.xlsx, with openpyxl) and CSV, one row per action. Each worksheet is
read as one table; a sheet named like a section ("1. Youth violence") is that section."""

import csv
import datetime
import io
import zipfile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .blocks import Document, Heading
from .html_reader import read_tables
from .parsed import Location, PlanFileError
from .text_reader import decode


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


def _sheet_rows(values) -> list[list[str]]:
    # Line breaks inside a cell separate updates: keep them as <br> for the cell reader.
    return [[_text(v).replace("\r\n", "\n").replace("\n", "<br>") for v in row] for row in values]


def read_xlsx(data: bytes, name: str) -> Document:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise PlanFileError(
            f"{name}: this is not an Excel workbook that can be opened ({error})"
        ) from None
    document = Document(name)
    table_count = 0
    try:
        for sheet in workbook.worksheets:
            rows = _sheet_rows(sheet.iter_rows(values_only=True))
            document.blocks.append(Heading(sheet.title, Location(name), level=2, sheet=True))
            for table in read_tables(
                rows, f"{name}, sheet “{sheet.title}”", first_index=table_count + 1
            ):
                document.blocks.append(table)
                table_count = table.index
    finally:
        workbook.close()
    return document


def read_csv(data: bytes, name: str) -> Document:
    text = decode(data, name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = _sheet_rows(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise PlanFileError(f"{name}: not a readable CSV file ({error})") from None
    document = Document(name)
    document.blocks.extend(read_tables(rows, name, first_index=1))
    return document
