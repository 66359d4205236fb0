"""The action plan as an Excel workbook (openpyxl), the shape of the partnerships' trackers:
a summary sheet, then one sheet per priority with one row per action, its header row
frozen, filters on, and RAG as a validated list (Red, Amber, Green, White) whose cells always
say the word and are coloured by it: a conditional format on the column, not a fill of the
cell's own, so the colour follows the rating a user chooses in Excel.

Every value goes into a cell through core.documents.excel.write: text as text, never as a
formula."""

import io

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from saferplan.core.documents.excel import BOLD, HEADER_FILL, WRAP, widths, write
from saferplan.core.text import clean_text
from saferplan.plans.models import ActionStatus, RagRating
from saferplan.plans.rag import rag_counts

from .action_plan import ActionPlanDocument
from .word import RAG_FILLS, SENSITIVE, update_line

INVALID_SHEET_CHARACTERS = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet_title(number: int, used: set[str]) -> str:
    # "Priority 1": the priority's full title is in the sheet's Priority column (sheet names
    # are cut at 31 characters, which would change the title on import).
    title = f"Priority {number}".translate(INVALID_SHEET_CHARACTERS)[:31]
    while title in used:
        title = f"{title[:28]} ({len(used)})"
    used.add(title)
    return title


def action_plan_xlsx(document: ActionPlanDocument) -> bytes:
    plan = document.plan
    workbook = Workbook()
    workbook.properties.title = clean_text(plan.title)
    workbook.properties.creator = clean_text(plan.partnership.name)
    workbook.properties.keywords = document.marking
    workbook.properties.language = "en-GB"
    summary = workbook.active
    summary.title = "Summary"
    _summary(summary, document)

    period = (plan.period_start, plan.period_end)
    marked = document.holds_sensitive
    header = ["Priority", "Ref", "Issue", "Action", "Owner", "Status", "Due date"]
    if document.show_updates:
        header.append("Update")
    header.append("RAG")
    if marked:
        header.append("Marking")
    rag_column = get_column_letter(header.index("RAG") + 1)
    used: set[str] = {"Summary"}
    for table in document.table_view.tables:
        sheet = workbook.create_sheet(_sheet_title(table.priority.number, used))
        sheet.append(header)
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        priority_title = f"{table.priority.number}. {table.priority.title}"
        for row in table.objectives:
            for listed in row.actions:
                action = listed.action
                values = [
                    priority_title,
                    row.objective.ref if row.objective else "",
                    row.objective.title if row.objective else "",
                    action.title,
                    listed.owner_line,
                    ActionStatus(action.status).label,
                    action.due_date,
                ]
                if document.show_updates:
                    values.append(
                        "\n".join(update_line(u, period=period) for u in listed.shown_updates)
                    )
                values.append(RagRating(action.current_rag or RagRating.WHITE).label)
                if marked:
                    values.append(SENSITIVE if action.is_sensitive else "")
                sheet.append([None] * len(values))
                for cell, value in zip(sheet[sheet.max_row], values, strict=True):
                    write(cell, value)
                    cell.alignment = WRAP
                    if value is action.due_date and value is not None:
                        cell.number_format = "DD/MM/YYYY"
                sheet[f"{rag_column}{sheet.max_row}"].font = BOLD
        last = max(sheet.max_row, 2)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{last}"
        validation = DataValidation(
            type="list",
            formula1='"Red,Amber,Green,White"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="RAG rating",
            error="Choose Red, Amber, Green or White.",
        )
        rag_cells = f"{rag_column}2:{rag_column}{max(last, 200)}"
        validation.add(rag_cells)
        sheet.add_data_validation(validation)
        _colour_by_rating(sheet, rag_cells)
        column_widths = [28, 7, 34, 44, 26, 13, 11] + ([70] if document.show_updates else []) + [9]
        widths(sheet, column_widths + ([20] if marked else []))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _colour_by_rating(sheet, cells: str) -> None:
    """Each rating's colour on the cells that say it (Excel compares text without case)."""
    for rating, fill in RAG_FILLS.items():
        sheet.conditional_formatting.add(
            cells,
            CellIsRule(
                operator="equal",
                formula=[f'"{RagRating(rating).label}"'],
                fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                font=BOLD,
            ),
        )


def _summary(sheet, document: ActionPlanDocument) -> None:
    plan = document.plan
    rows = [
        ("Plan", plan.title),
        ("Partnership", plan.partnership.name),
        ("Period", f"{plan.period_start:%d/%m/%Y} to {plan.period_end:%d/%m/%Y}"),
        ("Status", plan.get_status_display()),
        ("Produced", f"{document.generated_on:%d/%m/%Y}"),
        ("Marking", document.marking),
    ]
    for label, value in rows:
        sheet.append([label, None])
        write(sheet.cell(sheet.max_row, 2), value)
        sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.append([])
    header = [
        "Priority",
        "Number of actions",
        "Red",
        "Amber",
        "Green",
        "White",
        "Complete",
        "Discharged",
    ]
    sheet.append(header)  # words of saferplan's own, as are the other headers
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill = BOLD, HEADER_FILL
    for table in document.table_view.tables:
        actions = [listed.action for row in table.objectives for listed in row.actions]
        counted = [a.current_rag for a in actions if a.status != ActionStatus.DISCHARGED]
        counts = rag_counts(counted)
        sheet.append([None, len(actions), counts["red"], counts["amber"], counts["green"]])
        write(sheet.cell(sheet.max_row, 1), f"{table.priority.number}. {table.priority.title}")
        sheet.cell(sheet.max_row, 6).value = counts["white"]
        sheet.cell(sheet.max_row, 7).value = sum(a.status == ActionStatus.COMPLETE for a in actions)
        sheet.cell(sheet.max_row, 8).value = sum(
            a.status == ActionStatus.DISCHARGED for a in actions
        )
    sheet.append([])
    sheet.append(["RAG key"])
    sheet.cell(sheet.max_row, 1).font = BOLD
    for rating, label, definition in document.rag_key:
        sheet.append([label, None])
        write(sheet.cell(sheet.max_row, 2), definition)
        sheet.cell(sheet.max_row, 1).fill = PatternFill(
            "solid", fgColor=RAG_FILLS[RagRating(rating)]
        )
        sheet.cell(sheet.max_row, 1).font = BOLD
    widths(sheet, [60, 14, 8, 8, 8, 8, 10, 11])
