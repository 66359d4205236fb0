from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from saferplan.plans.models import Plan
from saferplan.plans.views import _plan_for

from . import open_data


def _download(plan: Plan, kind: str, *, include_sensitive: bool):
    name = slugify(f"{plan.partnership.slug} {plan.title}") or "plan"
    if kind == "csv":
        response = StreamingHttpResponse(
            open_data.csv_lines(plan, include_sensitive=include_sensitive),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = HttpResponse(
            open_data.as_json(plan, include_sensitive=include_sensitive),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
@require_GET
def plan_export(request, slug, plan_pk, kind):
    """The plan's actions as CSV or JSON for members: OFFICIAL-SENSITIVE rows included and
    labelled for members of the plan's partnership."""
    plan = _plan_for(request, slug, plan_pk)
    return _download(
        plan, kind, include_sensitive=open_data.may_include_sensitive(request.user, plan)
    )


@require_GET
def public_plan_export(request, slug, plan_pk, kind):
    """Open data for anyone: published plans only, never OFFICIAL-SENSITIVE material."""
    plan = get_object_or_404(
        Plan.objects.select_related("partnership"), pk=plan_pk, partnership__slug=slug
    )
    if not open_data.public_rows_allowed(plan):
        raise Http404("No published plan here")
    return _download(plan, kind, include_sensitive=False)
