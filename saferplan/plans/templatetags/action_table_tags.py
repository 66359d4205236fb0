"""The action plan table's rows, built in Python: a plan's table is a hundred rows or more,
and Django's template engine looping over them, row by row and cell by cell, was most of the
page's time built afresh (issue 27). What it draws is what plans/_action_tables.html drew, cell
for cell and in the same messages (so their Welsh is the same), for the page, the published
plan and the PDF."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core.templatetags.saferplan import escaped, own_words, own_words_in, rag_tag

from ..columns import TableColumn
from ..selectors.table import ObjectiveRow, PriorityTable
from .plan_tags import action_cell, action_owners, action_row_cells, update_list

register = template.Library()

# Every piece joined below is escaped where it is made (the tags of plan_tags and saferplan,
# format_html, escaped); the joins only put escaped pieces side by side.


@register.simple_tag
def objective_bodies(
    table: PriorityTable,
    slug: str,
    *,
    show_updates: bool = True,
    public: bool = False,
    print: bool = False,
) -> SafeString:
    """A priority's table of the latest updates: a <tbody> per objective, its heading cell
    spanning its actions' rows, then each action's title, owners, updates and RAG."""
    parts = []
    for row in table.objectives:
        parts.append('<tbody class="govuk-table__body">')
        for index, listed in enumerate(row.actions):
            parts.append('<tr class="govuk-table__row">')
            if index == 0:
                parts.append(_objective_heading(row))
            parts.append(
                f'<td class="govuk-table__cell">{action_cell(listed, slug, public=public, print=print)}</td>'
                f'<td class="govuk-table__cell">{action_owners(listed.action, listed.owners)}</td>'
            )
            if show_updates:
                parts.append(
                    f'<td class="govuk-table__cell">{update_list(listed.shown_updates)}</td>'
                )
            parts.append(
                f'<td class="govuk-table__cell">{rag_tag(listed.action.current_rag)}</td></tr>'
            )
        parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 - each piece is escaped where it is made


def _objective_heading(row: ObjectiveRow) -> SafeString:
    """The objective's cell: its reference and title, target, lead action groups and RAG
    (or "Under the priority" for actions under none)."""
    objective = row.objective
    if objective is None:
        said = format_html('<span class="govuk-body-s">{}</span>', _("Under the priority"))
    else:
        said = own_words(objective.title)
        if objective.ref:
            said = format_html("<strong>{}</strong> {}", objective.ref, said)
        if objective.target_indicator:
            said = format_html(
                '{} <p class="govuk-body-s govuk-!-margin-top-1">{}</p>',
                said,
                own_words_in(
                    _("Target: %(target_indicator)s"), target_indicator=objective.target_indicator
                ),
            )
        groups = [str(group) for group in objective.lead_groups.all()]
        if groups:
            said = format_html(
                '{} <p class="govuk-body-s">{}</p>',
                said,
                own_words_in(
                    ngettext(
                        "Lead action group: %(lead_groups)s",
                        "Lead action groups: %(lead_groups)s",
                        len(groups),
                    ),
                    lead_groups=", ".join(groups),
                ),
            )
        said = format_html(
            '{} <p class="govuk-body-s">{} {}{}</p>',
            said,
            _("Objective RAG:"),
            rag_tag(row.rag),
            " " + _("(overridden)") if row.override else "",
        )
    return format_html(
        '<th scope="rowgroup" rowspan="{}" class="govuk-table__header '
        'govuk-!-font-weight-regular">{}</th>',
        len(row.actions),
        said,
    )


@register.simple_tag
def quarter_bodies(
    table: PriorityTable,
    columns: list[TableColumn],
    slug: str,
    *,
    public: bool = False,
    print: bool = False,
) -> SafeString:
    """A priority's table by quarter (or in the exports' columns): a <tbody> per objective,
    each action's row in the columns (plan_tags.action_row_cells)."""
    parts = []
    for row in table.objectives:
        parts.append('<tbody class="govuk-table__body">')
        for index, listed in enumerate(row.actions):
            cells = action_row_cells(
                listed, row, columns, slug, first=index == 0, public=public, print=print
            )
            parts.append(f'<tr class="govuk-table__row">{escaped(cells)}</tr>')
        parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308 - each piece is escaped where it is made
