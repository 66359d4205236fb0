"""CSV files that people open in a spreadsheet, written one way everywhere.

- A byte order mark first: without it Excel reads the file as Windows-1252, and every é, –
  and ’ a partnership typed comes out garbled.
- Every cell formula-safe (OWASP's CSV injection): text that starts with = + - @, a tab or
  a carriage return gets a leading apostrophe, so a spreadsheet shows it as typed instead
  of running it. A cell that is only a number (-12, 3.5, -0.8%) is left as it is: a
  spreadsheet reads it as that number, which runs nothing.
- Written line by line, so a long file streams instead of being built in memory.

A download is `csv_response(filename, header, rows)`; `csv_lines(header, rows)` gives the
same lines for a response made elsewhere (one that serves several formats, say). A file
that is not for people (a cache of police.uk's own format) is not written through here.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?%?")


def spreadsheet_cell(value: Any) -> str:
    """The cell as text that a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)  # a number is never a formula
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return f"'{text}"
    return text


def csv_lines(
    header: Iterable[Any],
    rows: Iterable[Iterable[Any]],
    *,
    byte_order_mark: bool = True,
    delimiter: str = ",",
) -> Iterator[str]:
    """The CSV line by line (the header first, after the byte order mark), every cell made
    formula-safe. `byte_order_mark=False` only for text that is not opened as a file (a
    terminal's); `delimiter` for a file written with another (a semicolon, as Excel does
    where a comma is the decimal mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)

    def line(cells: Iterable[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([spreadsheet_cell(cell) for cell in cells])
        return buffer.getvalue()

    yield (BYTE_ORDER_MARK if byte_order_mark else "") + line(header)
    for row in rows:
        yield line(row)


DELIMITERS = ",;\t|"


def csv_rows(text: str) -> tuple[list[list[str]], str]:
    """A CSV someone else wrote, as rows, and the delimiter it uses (a comma, a semicolon,
    a tab or a bar, told from its first lines; a comma when it has one column). Raises
    csv.Error for text that is not CSV."""
    text = text.removeprefix(BYTE_ORDER_MARK)
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=DELIMITERS).delimiter
    except csv.Error:  # one column, or too little to tell
        delimiter = ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), delimiter


class FormulaUnderAnotherSeparator(csv.Error):
    """Made safe as split by its own separator, the file would still run a formula in a
    spreadsheet that splits it by another (Excel uses the comma or the semicolon by its
    locale, not the file's): `row` is the first such line, counted from 1."""

    def __init__(self, row: int):
        super().__init__(f"row {row}")
        self.row = row


def _first_formula_row(text: str, delimiter: str) -> int | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, row in enumerate(reader, start=1):
        if any(spreadsheet_cell(cell) != cell for cell in row):
            return number
    return None


def formula_safe(text: str) -> str:
    """A CSV someone else wrote, as every CSV saferplan gives out: each cell formula-safe,
    in its own delimiter, after the byte order mark. Raises csv.Error for text that is not
    CSV, and FormulaUnderAnotherSeparator when a spreadsheet splitting it by another
    separator would still find a formula ("a,x;=HYPERLINK(…)" read as semicolon-separated
    hides the formula from this rewrite; Excel may read it with commas)."""
    rows, delimiter = csv_rows(text)
    if not rows:
        return text
    safe = "".join(csv_lines(rows[0], rows[1:], delimiter=delimiter))
    for other in DELIMITERS.replace(delimiter, ""):
        row = _first_formula_row(safe.removeprefix(BYTE_ORDER_MARK), other)
        if row is not None:
            raise FormulaUnderAnotherSeparator(row)
    return safe


def attachment_header(filename: str) -> str:
    """The Content-Disposition of an attachment called `filename`: no folder in it, and a
    name that is not plain ASCII (or has quotes or line breaks) encoded as RFC 6266 says, so
    that nothing typed into a title can end the header or add another."""
    name = re.sub(r"[/\\]", "-", filename).strip() or "download.csv"
    return content_disposition_header(True, name) or "attachment"


def csv_response(
    filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]
) -> StreamingHttpResponse:
    """A CSV download, streamed: the byte order mark, the header, then `rows` as they are
    read (a generator's rows are read only as the file is sent)."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = attachment_header(filename)
    return response
