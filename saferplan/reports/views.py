import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from saferplan.accounts.selectors import board_members
from saferplan.background.starting import job_start_once
from saferplan.core import clock
from saferplan.core.documents.downloads import attachment
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.partnerships.access import partnership_for
from saferplan.plans.access import plan_for
from saferplan.plans.models import Plan

from . import open_data
from .action_plan_files import action_plan_file
from .board import chart_alt_text, rag_chart
from .board_documents import board_report_document, report_content
from .forms import BoardReportForm, DocumentForm
from .models import BoardReport, BoardReportStatus
from .notices import board_report_recipients
from .permissions import board_report_policy
from .public_files import public_action_plan_file
from .selectors import board_report_latest_issued, board_reports_of
from .services import board_report_create, board_report_issue, board_report_update
from .tasks import action_plan_document_start, board_report_document_start

# The formats whose fields programs read (ADR 0032): never translated.
DATA_FORMATS = {"csv", "json", "xlsx"}


def _download(request, plan: Plan, kind: str, *, public: bool):
    """The plan in one format. `public`: what anyone may read (no OFFICIAL-SENSITIVE
    material); otherwise the member's own view (sensitive material for its partnership)."""
    include_sensitive = not public and open_data.may_include_sensitive(request.user, plan)
    quarter_view = request.GET.get("layout") == "quarters"
    if kind in DATA_FORMATS:  # read by programs: in English whatever the page's language
        translation.activate(settings.LANGUAGE_CODE)
    if kind == "csv":
        body = open_data.csv_lines(plan, include_sensitive=include_sensitive, public=public)
    elif kind == "json":
        body = open_data.as_json(plan, include_sensitive=include_sensitive, public=public)
    elif public:
        body = public_action_plan_file(
            plan=plan, kind=kind, quarter_view=quarter_view, language=translation.get_language()
        )
        if body is None:
            return _being_made(request, plan, kind)
    else:
        body = action_plan_file(
            plan=plan, user=request.user, kind=kind, quarter_view=quarter_view, public=False
        )
    return attachment(
        body,
        kind=kind,
        partnership=plan.partnership,
        title=plan.title,
        suffix="-quarters" if quarter_view else "",
    )


def _being_made(request, plan: Plan, kind: str):
    """The public's copy is being made by the background worker: say so, and give the link
    again (202 Accepted, Retry-After for scripts)."""
    response = render(
        request,
        "reports/public_document_being_made.html",
        {
            "plan": plan,
            "partnership": plan.partnership,
            # Each named as it follows "the" (Welsh mutates a feminine noun after it).
            "document_name": {
                "pdf": "PDF",
                "docx": pgettext("after the", "Word document"),
                "xlsx": pgettext("after the", "Excel workbook"),
            }[kind],
            "again": request.get_full_path(),
        },
        status=202,
    )
    response["Retry-After"] = "10"
    return response


@login_required
@require_GET
def plan_export(request, slug, plan_pk, kind):
    """The plan's actions for members, in any format: OFFICIAL-SENSITIVE rows included and
    labelled for members of the plan's partnership."""
    plan = plan_for(request, slug, plan_pk)
    return _download(request, plan, kind, public=False)


@login_required
@require_POST
def plan_document_prepare(request, slug, plan_pk):
    """Make the action plan's PDF or Word document, in its table layout or by quarter, in
    the background worker: the job's page shows its progress, then a link to download it.
    (plan_export makes it in the request, for scripts and bookmarks.)"""
    plan = plan_for(request, slug, plan_pk)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the layout, then the PDF or the Word document."))
        return redirect("plans:overview", slug=slug, plan_pk=plan_pk)
    job = job_start_once(
        request,
        form,
        lambda: action_plan_document_start(
            actor=request.user,
            plan=plan,
            kind=form.cleaned_data["document"],
            quarter_view=form.cleaned_data["layout"] == "quarters",
        ),
        choice=f"{form.cleaned_data['document']} {form.cleaned_data['layout']}",
    )
    return redirect("background:job", slug=slug, pk=job.pk)


@require_GET
def public_plan_export(request, slug, plan_pk, kind):
    """For anyone: published plans only, never OFFICIAL-SENSITIVE material."""
    plan = get_object_or_404(
        Plan.objects.select_related("partnership"), pk=plan_pk, partnership__slug=slug
    )
    if not open_data.public_rows_allowed(plan):
        raise Http404(_("No published plan here"))
    return _download(request, plan, kind, public=True)


# Board reports ------------------------------------------------------------------------------


def _report_for(request, slug, pk, action="view") -> BoardReport:
    report = get_object_or_404(
        BoardReport.objects.select_related("plan__partnership", "issued_by"),
        pk=pk,
        plan__partnership__slug=slug,
    )
    if not board_report_policy.user_has_permission_for_instance(request.user, action, report):
        raise PermissionDenied(
            _("Only members of %(partnership)s can read its reports.")
            % {"partnership": report.plan.partnership}
        )
    return report


@login_required
@require_GET
def partnership_board_reports(request, slug):
    """Every board report of the partnership (the navigation's "Board reports"); a
    coordinator is offered the plans to write one on."""
    partnership = partnership_for(request, slug, "view")
    may_write = board_report_policy.user_has_permission_for_instance(
        request.user, "change", BoardReport(plan=Plan(partnership=partnership))
    )
    return render(
        request,
        "reports/partnership_board_reports.html",
        {
            "partnership": partnership,
            "reports": board_reports_of(partnership=partnership),
            "plans": partnership.plans.all() if may_write else [],
        },
    )


@login_required
def board_reports(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk)
    may_change = board_report_policy.user_has_permission_for_instance(
        request.user, "change", BoardReport(plan=plan)
    )
    form = None
    if may_change:
        last = plan.board_reports.filter(status=BoardReportStatus.ISSUED).first()
        today = clock.today()
        start = (
            last.period_end + datetime.timedelta(days=1)
            if last
            else today - datetime.timedelta(days=91)
        )
        form = BoardReportForm(
            request.POST or None,
            initial={
                "title": _("Report to the board – %(month)s")
                % {"month": date_format(today, "F Y")},
                "period_start": min(start, today),
                "period_end": today,
            },
        )
        saved = save_form(
            request,
            form,
            lambda data: board_report_create(actor=request.user, plan=plan, **data),
        )
        if saved is not NOT_SAVED:
            confirm_saved(request, _("The draft report has been created."))
            return redirect("reports:board-report", slug=slug, pk=saved.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Only a coordinator can write a board report."))
    return render(
        request,
        "reports/board_reports.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "reports": plan.board_reports.select_related("issued_by"),
            "form": form,
        },
    )


@login_required
@require_GET
def board_report(request, slug, pk):
    report = _report_for(request, slug, pk)
    content = report_content(report)
    return render(
        request,
        "reports/board_report.html",
        {
            "partnership": report.plan.partnership,
            "plan": report.plan,
            "report": report,
            "content": content,
            # Its own request, as every chart of a page: the page is not held up drawing it.
            "chart": reverse("reports:board-report-chart", args=[slug, report.pk]),
            "chart_alt": chart_alt_text(content),
            "may_change": board_report_policy.user_has_permission_for_instance(
                request.user, "change", report
            ),
        },
    )


@login_required
@require_GET
def board_report_chart(request, slug, pk):
    """The board report page's chart of RAG ratings per priority (the documents carry it
    inside them)."""
    report = _report_for(request, slug, pk)
    return HttpResponse(rag_chart(report_content(report)), content_type="image/svg+xml")


@login_required
@require_GET
def board_report_download(request, slug, pk, kind):
    """The document made in the request (for scripts and bookmarks; the page's buttons make
    it in the background: board_report_prepare)."""
    report = _report_for(request, slug, pk)
    body = board_report_document(report, kind)
    return attachment(body, kind=kind, partnership=report.plan.partnership, title=report.title)


@login_required
@require_POST
def board_report_prepare(request, slug, pk):
    """Make the report's PDF or Word document in the background worker; the job's page shows
    its progress, then a link to download it."""
    report = _report_for(request, slug, pk)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the PDF or the Word document."))
        return redirect("reports:board-report", slug=slug, pk=pk)
    job = job_start_once(
        request,
        form,
        lambda: board_report_document_start(
            actor=request.user, report=report, kind=form.cleaned_data["document"]
        ),
        choice=form.cleaned_data["document"],
    )
    return redirect("background:job", slug=slug, pk=job.pk)


@login_required
def board_report_edit(request, slug, pk):
    report = _report_for(request, slug, pk, "change")
    if report.is_issued:
        messages.error(request, _("This report has been issued, so it cannot be changed."))
        return redirect("reports:board-report", slug=slug, pk=pk)
    fields = ["title", "period_start", "period_end", "introduction"]
    form = BoardReportForm(request.POST or None, initial={f: getattr(report, f) for f in fields})
    saved = save_form(
        request, form, lambda data: board_report_update(actor=request.user, report=report, **data)
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("The draft report has been changed."))
        return redirect("reports:board-report", slug=slug, pk=pk)
    return render(
        request,
        "reports/board_report_form.html",
        {
            "partnership": report.plan.partnership,
            "plan": report.plan,
            "report": report,
            "form": form,
        },
    )


@login_required
def board_report_issue_view(request, slug, pk):
    """A confirmation page (GET); issuing (POST) freezes the report and emails the board."""
    report = _report_for(request, slug, pk, "change")
    if report.is_issued:
        messages.error(request, _("This report has already been issued."))
        return redirect("reports:board-report", slug=slug, pk=pk)
    if request.method == "POST":
        try:
            board_report_issue(actor=request.user, report=report, today=clock.today())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "The report has been issued and the board members have been emailed a link. "
                    "It will read the same whatever changes in the plan later."
                ),
            )
        return redirect("reports:board-report", slug=slug, pk=pk)
    partnership = report.plan.partnership
    recipients = board_report_recipients(partnership=partnership, issued_by_id=request.user.pk)
    return render(
        request,
        "reports/board_report_issue.html",
        {
            "partnership": partnership,
            "plan": report.plan,
            "report": report,
            "content": report_content(report),
            "recipients": recipients,
            "not_emailed": board_members(partnership=partnership).count() - len(recipients),
        },
    )


@login_required
@require_GET
def board_report_latest(request, slug):
    """The latest issued board report of the partnership (where a board member lands), or,
    with none issued yet, its overview saying so."""
    partnership = partnership_for(request, slug, "view")
    report = board_report_latest_issued(partnership=partnership)
    if report is None:
        messages.info(
            request, _("%(name)s has not issued a board report yet.") % {"name": partnership.name}
        )
        return redirect("partnerships:detail", slug=slug)
    return redirect("reports:board-report", slug=slug, pk=report.pk)
