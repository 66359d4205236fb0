"""The published plan for anyone (/p/<partnership>/): its page, PDF and Word, its foreword's
photograph, its strategic assessment's figures and its action plans. The coordinator's pages
that keep it are in manage_views.py."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from saferplan.attachments import responses
from saferplan.core import clock
from saferplan.core.csv_download import csv_lines
from saferplan.core.documents import pdf
from saferplan.core.documents.downloads import attachment
from saferplan.crimedata.comparisons import comparison_rows
from saferplan.partnerships.models import Partnership
from saferplan.reports.action_plan import action_plan_document

from . import selectors
from .word import published_plan_docx

# The public pages ---------------------------------------------------------------------------


def _published(slug: str) -> selectors.PublishedPlan:
    partnership = get_object_or_404(Partnership, slug=slug)
    published = selectors.published_plan(partnership=partnership)
    if published.plan is None and not published.action_plans:
        raise Http404(
            _("%(partnership)s has not published a plan yet.") % {"partnership": partnership.name}
        )
    return published


@require_GET
def published_plan(request, slug):
    published = _published(slug)
    return render(
        request,
        "public/published_plan.html",
        {"published": published, "partnership": published.partnership},
    )


@require_GET
def published_plan_document(request, slug, kind):
    """The published plan as a PDF (standard or large print) or a Word document."""
    published = _published(slug)
    large_print = kind == "pdf" and request.GET.get("size") == "large"
    if kind == "pdf":
        body = pdf.render_pdf(
            "public/print/published_plan.html",
            {
                "published": published,
                "partnership": published.partnership,
                "large_print": large_print,
                "marking": "",  # a document for the public carries no protective marking
                "generated_on": clock.today(),
                "print": True,
            },
        )
    else:
        body = published_plan_docx(published, generated_on=clock.today())
    return attachment(
        body,
        kind=kind,
        partnership=published.partnership,
        title=published.title,
        suffix="-large-print" if large_print else "",
    )


@require_GET
def foreword_photo(request, slug):
    """The published plan's foreword photograph, for anyone: only while the foreword is
    published and shown."""
    published = _published(slug)
    # The foreword as the published plan shows it (plans.selectors.narrative: never a
    # sensitive photograph), unless the coordinator hid it.
    foreword = published.narrative.get("foreword")
    if foreword is None or "foreword" in published.hidden:
        raise Http404(_("The published plan's foreword has no photograph."))
    return responses.inline(request, foreword.photo, public=True)


@require_GET
def published_assessment_csv(request, slug):
    """The published strategic assessment's figures as open data: the county's table as
    saferplan's comparison downloads write it (one row a category, with its list), as the
    board agreed it; nothing OFFICIAL-SENSITIVE (the selector leaves it out)."""
    published = _published(slug)
    if published.assessment is None:
        raise Http404(
            _("%(partnership)s has not published a strategic assessment.")
            % {"partnership": published.partnership.name}
        )
    header, rows = comparison_rows(published.assessment.comparisons)
    return attachment(
        csv_lines(header, rows),
        kind="csv",
        partnership=published.partnership,
        title=published.assessment.assessment.title,
    )


@require_GET
def published_action_plan(request, slug, plan_pk):
    """A published action plan's table, without sensitive material, for anyone."""
    published = _published(slug)
    plan = next((p for p in published.action_plans if p.pk == plan_pk), None)
    if plan is None:
        raise Http404(_("No published action plan here"))
    document = action_plan_document(plan=plan, user=request.user, today=clock.today(), public=True)
    return render(
        request,
        "public/action_plan.html",
        {
            "published": published,
            "partnership": published.partnership,
            "plan": plan,
            "document": document,
            "table_view": document.table_view,
            "show_updates": document.show_updates,
            "updates_heading": _("Updates"),
            "public": True,
        },
    )
