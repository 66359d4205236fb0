"""What every workbook saferplan writes (openpyxl) shares: how a value goes into a cell and
the look of a header row.

Every text is written as text, never as a formula: a cell a user typed as "=HYPERLINK(…)"
stays those characters (OWASP's CSV/formula injection); and without the control characters
a worksheet cannot hold (text stored before they were refused on the way in)."""

from django.utils.functional import Promise
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from saferplan.core.text import clean_text

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
POUNDS = '"£"#,##0.00'


def write(cell, value) -> None:
    """Every value goes into a cell through here."""
    if isinstance(value, Promise):
        value = str(value)  # a translatable label, such as an action's status
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
    else:
        cell.value = value


def header_row(sheet, row: int, values: list) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column)
        write(cell, value)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP


def widths(sheet, values: list[int]) -> None:
    for position, width in enumerate(values, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
