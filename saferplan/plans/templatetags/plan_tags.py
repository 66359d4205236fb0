"""Pieces of plan pages that repeat on every row of a table, built in Python: a plan table
shows hundreds of them and Django's template engine is the slow part of the page."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from saferplan.core.templatetags.saferplan import (
    escaped,
    marking_tag,
    own_words,
    own_words_in,
    own_words_lang,
    rag_tag,
    short_date,
    status_class,
)

from ..columns import TableColumn
from ..listed import ListedAction, OwnerNames
from ..models import Action

register = template.Library()


@register.simple_tag
def action_cell(
    listed: ListedAction,
    slug: str,
    *,
    public: bool = False,
    print: bool = False,
    own_columns: bool = False,
):
    """The action's title as a link, its marking, its status when not in progress, and its
    overdue and stale flags. For the public: the title without a link to members' pages,
    and no flags (they are the partnership's working notes). In print, no link.
    `own_columns`: the table has Status and Marking columns, so they are not repeated here."""
    action = listed.action
    if public or print:
        title = own_words(action.title)
    else:
        address = reverse("plans:action", args=[slug, action.pk])
        title = f'<a class="govuk-link" href="{escaped(address)}">{own_words(action.title)}</a>'
    parts = [title, "" if own_columns else marking_tag(action.marking)]
    if action.status != "in_progress" and not own_columns:
        parts.append(
            f'<br><strong class="govuk-tag {escaped(status_class(action.status))}">'
            f"{escaped(action.get_status_display())}</strong>"
        )
    flags = None if public else listed.flags
    if flags is not None and flags.overdue:
        said = _("Overdue: due %(date)s") % {"date": short_date(action.due_date)}
        parts.append(f'<br><span class="sp-flag">{escaped(said)}</span>')
    if flags is not None and flags.stale:
        last = action.last_update_on
        said = (
            _("Stale: last update %(date)s") % {"date": short_date(last)}
            if last
            else _("Stale: no updates")
        )
        parts.append(f'<br><span class="sp-flag">{escaped(said)}</span>')
    # Built with f-strings rather than format_html (a table draws hundreds of these): every
    # value is escaped as it is put in.
    return mark_safe(" ".join(str(p) for p in parts if p))  # noqa: S308 - each part is escaped above


@register.simple_tag
def action_owners(action: Action, owners: OwnerNames | None = None):
    """Who owns an action: organisations; groups – named person (saferplan user), then the
    partnerships it is joint with. `owners` by name as a list fetched them, else the
    action's own. Falls back to the owner as the plan wrote it."""
    owners = owners or OwnerNames.of(action)
    parts = "; ".join(p for p in (", ".join(owners.organisations), ", ".join(owners.groups)) if p)
    person = action.owner_name
    if action.owner_user_id:
        person = f"{person} ({action.owner_user})" if person else str(action.owner_user)
    if person:
        parts = f"{parts} – {person}" if parts else person
    label = own_words(parts or action.owner_text) if parts or action.owner_text else ""
    label = label or format_html("{}", _("No owner recorded"))
    if owners.joint_partnerships:
        label = format_html(
            '{}<br><span class="govuk-body-s">{} {}</span>',
            label,
            _("Joint with"),
            own_words(", ".join(owners.joint_partnerships)),
        )
    return label


def _with_line_breaks(text: str) -> SafeString:
    """The text escaped, its line breaks kept as <br>."""
    return mark_safe("<br>".join(escaped(line) for line in text.splitlines()))  # noqa: S308


def _own_lines(text: str) -> SafeString:
    """An update's text as _with_line_breaks gives it; on a Welsh page marked with its
    language (own_words)."""
    attrs = own_words_lang(text)
    lines = _with_line_breaks(text)
    return mark_safe(f"<span{attrs}>{lines}</span>") if attrs else lines  # noqa: S308


@register.simple_tag
def update_list(updates):
    """Dated updates as a small list; "No updates" when there are none."""
    if not updates:
        return format_html('<span class="govuk-body-s">{}</span>', _("No updates"))
    estimated = (
        escaped(" " + _("(date estimated)")) if any(u.date_is_estimated for u in updates) else ""
    )
    items = "".join(
        f'<li><time datetime="{u.described_on.isoformat()}">{escaped(short_date(u.described_on))}'
        f"</time>{estimated if u.date_is_estimated else ''}: {_own_lines(u.text)} "
        f"{marking_tag(u.marking)}</li>"
        for u in updates
    )
    # f-strings rather than format_html_join, as in action_cell: each value escaped as it is
    # put in (the dates are saferplan's own: digits, a month's name).
    return mark_safe(f'<ul class="govuk-list govuk-body-s sp-updates">{items}</ul>')  # noqa: S308


@register.simple_tag
def column_header_cells(columns: list[tuple[TableColumn, float]], *, print: bool = False):
    """The header row's cells, in the columns' words; in print each as wide as its share
    (WeasyPrint lays out the fixed table from them; a page's CSP allows no inline style)."""
    return format_html_join(
        "",
        '<th scope="col" class="govuk-table__header"{}>{}</th>',
        (
            (format_html(' style="width: {}%"', share) if print else "", column.heading)
            for column, share in columns
        ),
    )


@register.simple_tag
def action_row_cells(
    listed: ListedAction,
    row,
    columns: list[TableColumn],
    slug: str,
    *,
    first: bool,
    public: bool = False,
    print: bool = False,
):
    """An action's cells in the table's columns (plans.columns, which the Word file shares),
    filled as the Word file fills them. The objective's own columns only on its first
    action's row, spanning its actions' rows; the objective itself heads them."""
    action, objective = listed.action, row.objective
    span = format_html(' rowspan="{}"', len(row.actions))
    quarters = iter(listed.quarter_columns)
    cells = []
    for column in columns:
        if column.per_objective and not first:
            continue
        if column.key == "objective":
            if objective is None:
                title = format_html('<span class="govuk-body-s">{}</span>', _("Under the priority"))
            elif print:
                title = own_words(objective.title)
            else:
                title = format_html(
                    '{}<p class="govuk-body-s">{} {}{}</p>',
                    own_words(objective.title),
                    _("Objective RAG:"),
                    rag_tag(row.rag),
                    " " + _("(overridden)") if row.override else "",
                )
            cells.append(
                format_html(
                    '<th scope="rowgroup"{} class="govuk-table__header '
                    'govuk-!-font-weight-regular">{}</th>',
                    span,
                    title,
                )
            )
            continue
        if column.key == "action":
            content = action_cell(listed, slug, public=public, print=print, own_columns=True)
        elif column.key == "quarter":
            shown = next(quarters)
            content = update_list(shown) if shown else ""
        elif column.key == "update":
            content = update_list(listed.shown_updates)
        elif column.key == "rag":
            content = rag_tag(action.current_rag)
        elif column.key == "marking":
            content = marking_tag(action.marking)
        elif column.key == "owner":
            content = own_words(listed.owner_line)
        elif column.key == "status":
            content = action.get_status_display()
        elif objective is None:
            content = ""
        elif column.key == "ref":
            content = objective.ref
        elif column.key == "target":
            content = own_words(objective.target_indicator)
        elif column.key == "lead_groups":
            content = own_words(", ".join(g.name for g in objective.lead_groups.all()))
        else:
            content = ""
        cells.append(
            format_html(
                '<td class="govuk-table__cell"{}>{}</td>',
                span if column.per_objective else "",
                content,
            )
        )
    return mark_safe("".join(cells))  # noqa: S308 - each cell is escaped above


@register.simple_tag
def my_action_item(listed: ListedAction):
    """One action of My actions: its title (action_cell), RAG rating, partnership, plan,
    priority and due date, its latest update, and a link to add one. Built in Python, as the
    page lists every action a person owns and the template engine was most of its time."""
    action = listed.action
    plan = action.priority.plan
    partnership = plan.partnership
    heading = action_cell(listed, partnership.slug)
    where = own_words_in(_("· priority %(number)s"), plain={"number": action.priority.number})
    if not action.in_current_plan:
        previous = escaped(_("Previous year's plan"))
        where = f'<strong class="govuk-tag govuk-tag--grey">{previous}</strong> {where}'
    if action.due_date:
        due = short_date(action.due_date)
        where = f"{where} {own_words_in(_('· due %(due_date)s'), plain={'due_date': due})}"
    latest = listed.shown_updates[0] if listed.shown_updates else None
    if latest:
        text = own_words(Truncator(latest.text).words(30, truncate=" …"))
        said = f"{escaped(short_date(latest.described_on))}: {text}"
    else:
        said = escaped(_("none yet"))
    address = escaped(reverse("plans:update-add", args=[partnership.slug, action.pk]))
    add = escaped(_("Add an update"))
    hidden = own_words_in(_("to %(title)s"), title=Truncator(action.title).chars(60))
    # f-strings rather than format_html, as in action_cell: each value escaped above.
    return mark_safe(  # noqa: S308
        '<li class="govuk-!-margin-bottom-5">'
        f'<h3 class="govuk-heading-s govuk-!-margin-bottom-1">{heading}</h3>'
        f'<p class="govuk-body-s govuk-!-margin-bottom-1">{rag_tag(action.current_rag)} '
        f"{own_words(partnership.name)} · {own_words(plan.title)} {where}</p>"
        f'<p class="govuk-body-s govuk-!-margin-bottom-1">{escaped(_("Latest update:"))} {said}</p>'
        f'<a class="govuk-link govuk-body-s" href="{address}">{add}'
        f'<span class="govuk-visually-hidden"> {hidden}</span></a></li>'
    )
