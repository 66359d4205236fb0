"""A background job's page: where it stands, its progress lines, how it ended. With
JavaScript, htmx refreshes the status part every two seconds until it ends; without, the
person refreshes the page (a link says so)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import BackgroundJob
from .permissions import background_job_policy
from .progress import progress_of


@login_required
@require_GET
def job(request, slug, pk):
    found = get_object_or_404(
        BackgroundJob.objects.select_related("partnership", "started_by"),
        pk=pk,
        partnership__slug=slug,
    )
    if not background_job_policy.user_has_permission_for_instance(request.user, "view", found):
        raise PermissionDenied(
            f"Only coordinators and analysts of {found.partnership} can see this."
        )
    context = {"job": found, "partnership": found.partnership, "progress": progress_of(found.pk)}
    template = (
        "background/_status.html" if request.headers.get("HX-Request") else "background/job.html"
    )
    return render(request, template, context)
