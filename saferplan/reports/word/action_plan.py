"""The action plan as a Word document, in the seeds' table shape."""

from saferplan.core.documents.word import WordDocument
from saferplan.plans.models import ActionStatus

from ..action_plan import ActionPlanDocument
from .document import SENSITIVE, fill_with_lines, merge_down, rag_cell, update_line


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
    key = word.table(["Rating", "Meaning"], widths=[1, 8])
    for rating, _label, definition in document.rag_key:
        cells = word.row(key, ["", definition])
        rag_cell(cells[0], rating)

    period = (plan.period_start, plan.period_end)
    columns = document.table_view.columns
    header = [column.heading for column in columns]
    keys = [column.key for column in columns]
    quarters = [i for i, key in enumerate(keys) if key == "quarter"]

    for table in document.table_view.tables:
        title = f"{table.priority.number}. {table.priority.title}"
        word.heading(title, 1)
        if not table.objectives:
            word.paragraph("No actions.")
            continue
        # Seed 004's twelve columns fit the page in 9 point, as councils' wide tables are.
        grid = word.table(
            header,
            widths=[column.width for column in columns],
            font_size=9 if document.quarter_view else 10,
        )
        for row in table.objectives:
            first_row = None
            for listed in row.actions:
                action = listed.action
                objective = row.objective if first_row is None else None
                text = {
                    "ref": objective.ref if objective else "",
                    "objective": objective.title if objective else "",
                    "action": action.title,
                    "target": objective.target_indicator if objective else "",
                    "owner": listed.owner_line,
                    "lead_groups": ", ".join(g.name for g in objective.lead_groups.all())
                    if objective
                    else "",
                    "status": str(ActionStatus(action.status).label),
                    "marking": SENSITIVE if action.is_sensitive else "",
                }
                cells = word.row(grid, [text.get(key, "") for key in keys])
                if document.quarter_view:
                    for index, shown in zip(quarters, listed.quarter_columns, strict=True):
                        fill_with_lines(
                            cells[index],
                            [update_line(u, period=period) for u in shown],
                            bullets=False,
                        )
                elif "update" in keys:
                    fill_with_lines(
                        cells[keys.index("update")],
                        [update_line(u, period=period) for u in listed.shown_updates],
                        bullets=True,
                    )
                rag_cell(cells[keys.index("rag")], action.current_rag)
                if first_row is None:
                    first_row = cells
                elif row.objective is not None:
                    # The objective's columns span its actions' rows, as in the seeds.
                    for at, spanning in enumerate(columns):
                        if spanning.per_objective:
                            merge_down(first_row[at], cells[at])
    return word.save()
