"""The action plan as a Word document, in the seeds' table shape."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from saferplan.core.documents.word import WordDocument
from saferplan.plans.models import ActionStatus

from ..action_plan import ActionPlanDocument
from .document import SENSITIVE, fill_with_lines, merge_down, rag_cell, update_line

# The columns holding what the partnership typed (the others are saferplan's words).
OWN_WORDS = {"objective", "action", "target", "owner", "lead_groups", "update", "quarter"}


def action_plan_docx(document: ActionPlanDocument) -> bytes:
    plan = document.plan
    word = WordDocument(
        title=plan.title,
        author=plan.partnership.name,
        marking=document.marking,
        landscape=True,
    )
    word.heading(plan.title, 0, own=True)
    word.paragraph(
        _(
            "%(name)s · %(kind)s · %(period_start)s to %(period_end)s · %(status)s · "
            "produced %(generated_on)s"
        )
        % {
            "name": plan.partnership.name,
            "kind": plan.get_kind_display(),
            "period_start": date_format(plan.period_start, "j F Y"),
            "period_end": date_format(plan.period_end, "j F Y"),
            "status": plan.get_status_display(),
            "generated_on": date_format(document.generated_on, "j F Y"),
        }
    )
    if document.holds_sensitive:
        word.paragraph(
            _(
                "This document holds OFFICIAL-SENSITIVE material, labelled where it appears. "
                "Share it only within the partnership."
            ),
            bold=True,
        )
    elif document.public and not document.show_updates:
        word.paragraph(
            _(
                "Progress updates are reported to the partnership's board and are not "
                "published with this plan."
            )
        )
    word.heading(_("RAG key"), 1)
    key = word.table([_("Rating"), _("Meaning")], widths=[1, 8])
    for rating, _label, definition in document.rag_key:
        cells = word.row(key, ["", definition])
        rag_cell(cells[0], rating)
        word.mark_own(cells[1])

    period = (plan.period_start, plan.period_end)
    columns = document.table_view.columns
    header = [column.heading for column in columns]
    keys = [column.key for column in columns]
    quarters = [i for i, key in enumerate(keys) if key == "quarter"]

    for table in document.table_view.tables:
        title = f"{table.priority.number}. {table.priority.title}"
        word.heading(title, 1, own=True)
        if not table.objectives:
            word.paragraph(_("No actions."))
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
                for at, column_key in enumerate(keys):
                    if column_key in OWN_WORDS:
                        word.mark_own(cells[at])
                if first_row is None:
                    first_row = cells
                elif row.objective is not None:
                    # The objective's columns span its actions' rows, as in the seeds.
                    for at, spanning in enumerate(columns):
                        if spanning.per_objective:
                            merge_down(first_row[at], cells[at])
    return word.save()
