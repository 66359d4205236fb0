"""The monitoring return as the funder receives it: a Word document to read and an Excel
workbook whose sums are numbers (formatted as pounds) a funder's spreadsheet can add up.
Both are marked OFFICIAL: nothing OFFICIAL-SENSITIVE is in a return (funding.returns)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from saferplan.core.documents.excel import BOLD, POUNDS, WRAP, header_row, widths, write
from saferplan.core.documents.word import WordDocument
from saferplan.core.text import clean_text

from .returns import MonitoringReturn, SpendRow, forecast_said, signed_off_said
from .selectors import money


def _spend_header() -> list[str]:
    return [
        _("Action"),
        _("Allocated"),
        _("Spent this quarter"),
        _("Spent to date"),
        _("Remaining"),
    ]


def _spend_cells(row: SpendRow) -> list[str]:
    return [
        row.action,
        money(row.allocated),
        money(row.this_quarter) if row.this_quarter is not None else _("Not recorded"),
        money(row.to_date),
        money(row.remaining),
    ]


def return_docx(made: MonitoringReturn, *, author: str) -> bytes:
    document = WordDocument(title=made.title, author=author, marking=made.marking)
    document.heading(made.title, 0, own=True)
    details = document.table([_("Grant"), made.grant.name], widths=[1, 2])
    for label, value in made.details:
        cells = document.row(details, [label, value])
        document.mark_own(cells[1])
    document.heading(_("Spend against allocation"), 1)
    table = document.table(_spend_header(), widths=[4, 1.4, 1.4, 1.4, 1.4])
    for row in made.rows:
        document.mark_own(document.row(table, _spend_cells(row))[0])
    total = document.row(table, _spend_cells(made.totals))
    for cell in total:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    document.paragraph(
        _(
            "An even spend across the grant's quarters would be %(expected)s by the end of %(quarter)s."
        )
        % {"expected": money(made.expected), "quarter": made.quarter.label}
    )
    if made.forecast is not None:
        document.paragraph(forecast_said(made))
    if made.variance:
        document.heading(_("Why spend differs from the profile"), 2)
        document.written(made.variance)
    if made.notes:
        document.heading(_("About these figures"), 2)
        document.bullets(made.notes)
    document.heading(_("Outputs"), 1)
    if not made.outputs:
        document.paragraph(
            _("No action the grant pays for can be described outside the partnership.")
        )
    for output in made.outputs:
        document.heading(output.action, 2, own=True)
        document.paragraph(
            _("Rating at the quarter's end: %(rating)s. Status: %(status)s.")
            % {"rating": output.rating, "status": output.status}
        )
        if output.serves:
            document.paragraph(_("The Police and Crime Plan priorities it serves"), bold=True)
            for priority in output.serves:
                document.mark_own(document.paragraph(priority, style="List Bullet"))
            document.paragraph(_("Progress in the quarter"), bold=True)
        for update in output.updates:
            document.mark_own(document.paragraph(update, style="List Bullet"))
        if output.measures:
            document.paragraph(_("Measures"), bold=True)
            document.bullets(output.measures)
    if made.grant.conditions:
        document.heading(_("Conditions of the grant"), 1)
        document.written(made.grant.conditions)
    document.heading(_("Sign-off"), 1)
    paragraph = document.paragraph(signed_off_said(made))
    if made.signed_off is not None:
        document.mark_own(paragraph)  # the name and role as typed
    return document.save()


def return_xlsx(made: MonitoringReturn, *, author: str) -> bytes:
    workbook = Workbook()
    workbook.properties.title = clean_text(made.title)
    workbook.properties.creator = clean_text(author)
    workbook.properties.keywords = made.marking
    sheet = workbook.active
    sheet.title = _("Spend")[:31]
    write(sheet.cell(1, 1), made.title)
    sheet.cell(1, 1).font = BOLD
    write(sheet.cell(2, 1), made.marking)
    row = 4
    for label, value in made.details:
        write(sheet.cell(row, 1), label)
        write(sheet.cell(row, 2), value)
        sheet.cell(row, 1).font = BOLD
        row += 1
    row += 1
    header_row(sheet, row, _spend_header())
    sheet.freeze_panes = sheet.cell(row + 1, 1)
    for spend in [*made.rows, made.totals]:
        row += 1
        write(sheet.cell(row, 1), spend.action)
        sheet.cell(row, 1).alignment = WRAP
        values = [spend.allocated, spend.this_quarter, spend.to_date, spend.remaining]
        for column, value in enumerate(values, start=2):
            cell = sheet.cell(row, column)
            if value is None:
                write(cell, _("Not recorded"))
            else:
                write(cell, value)
                cell.number_format = POUNDS
            if spend is made.totals:
                cell.font = BOLD
    sheet.cell(row, 1).font = BOLD
    row += 2
    write(
        sheet.cell(row, 1),
        _("An even spend across the grant's quarters would be this much by the quarter's end"),
    )
    write(sheet.cell(row, 2), made.expected)
    sheet.cell(row, 2).number_format = POUNDS
    if made.forecast is not None:
        row += 1
        write(sheet.cell(row, 1), forecast_said(made))
        write(sheet.cell(row, 2), made.forecast)
        sheet.cell(row, 2).number_format = POUNDS
    if made.variance:
        row += 1
        write(sheet.cell(row, 1), _("Why spend differs from the profile"))
        sheet.cell(row, 1).font = BOLD
        row += 1
        write(sheet.cell(row, 1), made.variance)
        sheet.cell(row, 1).alignment = WRAP
    for note in made.notes:
        row += 1
        write(sheet.cell(row, 1), note)
        sheet.cell(row, 1).alignment = WRAP
    row += 2
    write(sheet.cell(row, 1), _("Sign-off"))
    sheet.cell(row, 1).font = BOLD
    write(sheet.cell(row + 1, 1), signed_off_said(made))
    widths(sheet, [60, 16, 18, 16, 16])

    outputs = workbook.create_sheet(_("Outputs")[:31])
    header_row(
        outputs,
        1,
        [
            _("Action"),
            _("Rating"),
            _("Status"),
            _("Progress in the quarter"),
            _("Measures"),
            _("The Police and Crime Plan priorities it serves"),
        ],
    )
    outputs.freeze_panes = "A2"
    for number, output in enumerate(made.outputs, start=2):
        for column, value in enumerate(
            [
                output.action,
                output.rating,
                output.status,
                "\n".join(output.updates),
                "\n".join(output.measures),
                "\n".join(output.serves),
            ],
            start=1,
        ):
            write(outputs.cell(number, column), value)
            outputs.cell(number, column).alignment = WRAP
    widths(outputs, [40, 10, 14, 70, 50, 40])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
