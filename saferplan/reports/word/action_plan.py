"""The action plan as a Word document, in the seeds' table shape."""

from saferplan.core.documents.word import WordDocument
from saferplan.plans.models import ActionStatus

from ..action_plan import ActionPlanDocument
from .document import (
    SENSITIVE,
    fill_with_lines,
    merge_down,
    owner_line,
    rag_cell,
    update_line,
)

# The fills Word users know from the seeds' trackers; black text on each passes 4.5:1.


def action_plan_docx(document: ActionPlanDocument) -> bytes:
    plan = document.plan
    word = WordDocument(
        title=plan.title,
        author=plan.partnership.name,
        marking=document.marking,
        landscape=True,
    )
    word.heading(plan.title, 0)
    word.paragraph(
        f"{plan.partnership.name} · {plan.get_kind_display()} · "
        f"{plan.period_start:%-d %B %Y} to {plan.period_end:%-d %B %Y} · "
        f"{plan.get_status_display()} · produced {document.generated_on:%-d %B %Y}"
    )
    if document.holds_sensitive:
        word.paragraph(
            "This document holds OFFICIAL-SENSITIVE material, labelled where it appears. "
            "Share it only within the partnership.",
            bold=True,
        )
    elif document.public and not document.show_updates:
        word.paragraph(
            "Progress updates are reported to the partnership's board and are not published "
            "with this plan."
        )
    word.heading("RAG key", 1)
    key = word.table(["Rating", "Meaning"], widths=[3, 20])
    for rating, _label, definition in document.rag_key:
        cells = word.row(key, ["", definition], widths=[3, 20])
        rag_cell(cells[0], rating)

    period = (plan.period_start, plan.period_end)
    quarters = document.table_view.quarters
    has_refs = any(
        row.objective is not None and row.objective.ref
        for table in document.table_view.tables
        for row in table.objectives
    )
    marked = document.holds_sensitive
    header = ["Ref"] if has_refs else []
    header += ["Issue", "Action", "Owner", "Status"]
    if document.quarter_view:
        header += (
            [f"Quarter {n}" for n in range(1, 5)]
            if len(quarters) == 4
            else [f"Q{q} {y}-{str(y + 1)[-2:]}" for y, q in quarters]
        )
    elif document.show_updates:
        header.append("Update")
    header.append("RAG")
    if marked:
        header.append("Marking")

    for table in document.table_view.tables:
        title = f"{table.priority.number}. {table.priority.title}"
        word.heading(title, 1)
        if not table.objectives:
            word.paragraph("No actions.")
            continue
        grid = word.table(header)
        for row in table.objectives:
            first_row = None
            for listed in row.actions:
                action = listed.action
                # The Issue is written once, on its first action's row (merged down below).
                objective = row.objective if first_row is None else None
                values = [objective.ref if objective else ""] if has_refs else []
                values += [
                    objective.title if objective else "",
                    action.title,
                    owner_line(listed),
                    ActionStatus(action.status).label,
                ]
                columns = (
                    listed.quarter_columns
                    if document.quarter_view
                    else [listed.shown_updates]
                    if document.show_updates
                    else []
                )
                values += [""] * len(columns) + [""]
                if marked:
                    values.append(SENSITIVE if action.is_sensitive else "")
                cells = word.row(grid, values)
                start = len(header) - len(columns) - (2 if marked else 1)
                for offset, updates in enumerate(columns):
                    fill_with_lines(
                        cells[start + offset], [update_line(u, period=period) for u in updates]
                    )
                rag_cell(cells[start + len(columns)], action.current_rag)
                if first_row is None:
                    first_row = cells
                elif row.objective is not None:
                    # The Issue (and its ref) spans its actions' rows, as in the seeds.
                    for column in range(2 if has_refs else 1):
                        merge_down(first_row[column], cells[column])
    return word.save()
