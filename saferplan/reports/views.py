from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from saferplan.plans.models import Plan
from saferplan.plans.views import _plan_for, _today

from . import excel, open_data, pdf, word
from .action_plan import action_plan_document

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _download(request, plan: Plan, kind: str, *, public: bool):
    """The plan in one format. `public`: what anyone may read (no OFFICIAL-SENSITIVE
    material); otherwise the member's own view (sensitive material for its partnership)."""
    include_sensitive = not public and open_data.may_include_sensitive(request.user, plan)
    quarter_view = request.GET.get("layout") == "quarters"
    name = slugify(f"{plan.partnership.slug} {plan.title}") or "plan"
    if quarter_view:
        name += "-quarters"
    if kind == "csv":
        response = StreamingHttpResponse(
            open_data.csv_lines(plan, include_sensitive=include_sensitive),
            content_type=CONTENT_TYPES[kind],
        )
    elif kind == "json":
        body = open_data.as_json(plan, include_sensitive=include_sensitive)
        response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    else:
        document = action_plan_document(
            plan=plan, user=request.user, today=_today(), quarter_view=quarter_view, public=public
        )
        if kind == "docx":
            body = word.action_plan_docx(document)
        elif kind == "xlsx":
            body = excel.action_plan_xlsx(document)
        else:
            body = pdf.render_pdf(
                "reports/print/action_plan.html",
                {
                    "document": document,
                    "plan": plan,
                    "partnership": plan.partnership,
                    "table_view": document.table_view,
                    "quarter_view": quarter_view,
                    "show_updates": document.show_updates,
                    "updates_heading": "Updates",
                    "public": public,
                    "marking": document.marking,
                    "generated_on": document.generated_on,
                },
            )
        response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
@require_GET
def plan_export(request, slug, plan_pk, kind):
    """The plan's actions for members, in any format: OFFICIAL-SENSITIVE rows included and
    labelled for members of the plan's partnership."""
    plan = _plan_for(request, slug, plan_pk)
    return _download(request, plan, kind, public=False)


@require_GET
def public_plan_export(request, slug, plan_pk, kind):
    """For anyone: published plans only, never OFFICIAL-SENSITIVE material."""
    plan = get_object_or_404(
        Plan.objects.select_related("partnership"), pk=plan_pk, partnership__slug=slug
    )
    if not open_data.public_rows_allowed(plan):
        raise Http404("No published plan here")
    return _download(request, plan, kind, public=True)
