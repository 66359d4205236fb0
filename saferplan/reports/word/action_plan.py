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

# Seed 004's words for the objective's target and the groups that lead it.
TARGET = "Target & performance indicator"
LEAD_GROUPS = "Lead action group(s)"


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
    has_refs = any(
        row.objective is not None and row.objective.ref
        for table in document.table_view.tables
        for row in table.objectives
    )
    columns = _columns(document, has_refs=has_refs)
    header = [name for name, _ in columns]
    widths = [width for _, width in columns]
    # The objective's own columns, written once on its first action's row and merged down.
    spanning = {"Ref", "JAG ref", "Issue", "Objective", TARGET, LEAD_GROUPS}

    for table in document.table_view.tables:
        title = f"{table.priority.number}. {table.priority.title}"
        word.heading(title, 1)
        if not table.objectives:
            word.paragraph("No actions.")
            continue
        # Seed 004's twelve columns fit the page in 9 point, as councils' wide tables are.
        grid = word.table(header, widths=widths, font_size=9 if document.quarter_view else 10)
        for row in table.objectives:
            first_row = None
            for listed in row.actions:
                action = listed.action
                objective = row.objective if first_row is None else None
                by_name = {
                    "Ref": objective.ref if objective else "",
                    "JAG ref": objective.ref if objective else "",
                    "Issue": objective.title if objective else "",
                    "Objective": objective.title if objective else "",
                    "Action": action.title,
                    "Actions": action.title,
                    TARGET: objective.target_indicator if objective else "",
                    "Owner": owner_line(listed),
                    "Lead agency": owner_line(listed),
                    LEAD_GROUPS: ", ".join(g.name for g in objective.lead_groups.all())
                    if objective
                    else "",
                    "Status": ActionStatus(action.status).label,
                    "Marking": SENSITIVE if action.is_sensitive else "",
                }
                cells = word.row(grid, [by_name.get(name, "") for name in header])
                updates = (
                    listed.quarter_columns
                    if document.quarter_view
                    else [listed.shown_updates]
                    if document.show_updates
                    else []
                )
                first_update = header.index("RAG") - len(updates)
                for offset, shown in enumerate(updates):
                    fill_with_lines(
                        cells[first_update + offset],
                        [update_line(u, period=period) for u in shown],
                        bullets=not document.quarter_view,
                    )
                rag_cell(cells[header.index("RAG")], action.current_rag)
                if first_row is None:
                    first_row = cells
                elif row.objective is not None:
                    # The objective's columns span its actions' rows, as in the seeds.
                    for column, name in enumerate(header):
                        if name in spanning:
                            merge_down(first_row[column], cells[column])
    return word.save()


def _columns(document: ActionPlanDocument, *, has_refs: bool) -> list[tuple[str, float]]:
    """The table's columns and their relative widths: seed 003's (Issue / Action / Owner /
    Update / RAG) or, by quarter, seed 004's (JAG ref / Objective / Actions / Target &
    performance indicator / Lead agency / Lead action group(s) / Quarter 1-4), in the seeds'
    words, with saferplan's Status before the updates and RAG after them. Updates are the widest; RAG the narrowest."""
    quarters = document.table_view.quarters
    if document.quarter_view:
        columns = [("JAG ref", 1.3)] if has_refs else []
        columns += [
            ("Objective", 3.2),
            ("Actions", 3.6),
            (TARGET, 2.6),
            ("Lead agency", 2.2),
            (LEAD_GROUPS, 2.2),
            ("Status", 2.0),
        ]
        columns += [
            (
                f"Quarter {n}" if len(quarters) == 4 else f"Q{q} {y}-{str(y + 1)[-2:]}",
                10 / len(quarters),
            )
            for n, (y, q) in enumerate(quarters, start=1)
        ]
    else:
        columns = [("Ref", 1.2)] if has_refs else []
        columns += [("Issue", 3.8), ("Action", 4.4), ("Owner", 3.0), ("Status", 2.0)]
        if document.show_updates:
            columns.append(("Update", 10.0))
    columns.append(("RAG", 1.6))
    if document.holds_sensitive:
        columns.append(("Marking", 2.6))
    return columns
