"""The action plan as a Word, Excel or PDF file, for a member or for the public (who gets
what is decided by reports.action_plan). Made in the request for scripts and the public's
links, or by the background worker from the plan's page (reports.tasks): a 100-action plan's
PDF takes several seconds, longer than a person should look at a page that does nothing."""

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core import clock
from saferplan.core.documents import pdf
from saferplan.plans.models import Plan

from . import excel, word
from .action_plan import action_plan_document


def action_plan_file(
    *,
    plan: Plan,
    user,
    kind: str,
    quarter_view: bool,
    public: bool,
    progress: Callable[[str], None] = lambda line: None,
) -> bytes:
    """The plan's actions and updates as `kind` ("docx", "xlsx" or "pdf"), as `user` may
    read them (`public`: as anyone may)."""
    # (in the language of the page the job was started from: background.services)
    progress(_("Reading the plan's actions and their updates"))
    document = action_plan_document(
        plan=plan, user=user, today=clock.today(), quarter_view=quarter_view, public=public
    )
    if kind == "docx":
        progress(_("Writing the Word document"))
        return word.action_plan_docx(document)
    if kind == "xlsx":
        progress(_("Writing the Excel workbook"))
        return excel.action_plan_xlsx(document)
    progress(_("Laying out the PDF's pages: %(size)s") % {"size": _size_of(document)})
    return pdf.render_pdf(
        "reports/print/action_plan.html",
        {
            "document": document,
            "plan": plan,
            "partnership": plan.partnership,
            "table_view": document.table_view,
            "quarter_view": quarter_view,
            "show_updates": document.show_updates,
            "updates_heading": _("Updates"),
            "public": public,
            "marking": document.marking,
            "generated_on": document.generated_on,
        },
    )


def _size_of(document) -> str:
    listed = [
        listed
        for table in document.table_view.tables
        for row in table.objectives
        for listed in row.actions
    ]
    updates = sum(len(item.shown_updates) for item in listed)
    actions = ngettext("%(count)s action", "%(count)s actions", len(listed)) % {
        "count": f"{len(listed):,}"
    }
    if not document.show_updates:
        return actions
    # Translators: two counts, "2 actions and 5 updates" (each its own plural)
    return _("%(actions)s and %(updates)s") % {
        "actions": actions,
        "updates": ngettext("%(count)s update", "%(count)s updates", updates)
        % {"count": f"{updates:,}"},
    }
