"""A background job's page: where it stands, its progress lines, how it ended. With
JavaScript, htmx refreshes the status part every two seconds until it ends; without, the
person refreshes the page (a link says so). A job that made a document offers it to the
person who asked for it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from saferplan.partnerships.access import partnership_for

from .models import BackgroundJob
from .permissions import may_see_job
from .progress import progress_of
from .recovery import background_job_check
from .services import document_of


def _job_for(request, slug, pk) -> BackgroundJob:
    # Membership first: to anyone else, a job that exists and one that does not answer alike
    # (job numbers are sequential; a 403/404 difference would tell which exist).
    partnership_for(request, slug, "view")
    found = get_object_or_404(
        BackgroundJob.objects.select_related("partnership", "started_by"),
        pk=pk,
        partnership__slug=slug,
    )
    if not may_see_job(request.user, found):
        raise PermissionDenied(
            _("Only the person who asked for this document can see it.")
            if found.is_document
            else _("Only coordinators and analysts of %(partnership)s can see this.")
            % {"partnership": found.partnership}
        )
    return found


@login_required
@require_GET
def job(request, slug, pk):
    found = background_job_check(job=_job_for(request, slug, pk))
    context = {"job": found, "partnership": found.partnership, "progress": progress_of(found.pk)}
    template = (
        "background/_status.html" if request.headers.get("HX-Request") else "background/job.html"
    )
    return render(request, template, context)


@login_required
@require_GET
def job_file(request, slug, pk):
    """The document the job made, while it is kept."""
    found = _job_for(request, slug, pk)
    if not found.is_document or found.status != BackgroundJob.Status.DONE:
        raise Http404(_("This job made no document."))
    document = document_of(found)
    if document is None:
        raise Http404(_("The document has been deleted after a day: make it again."))
    return FileResponse(
        document,
        as_attachment=True,
        filename=found.file_name,
        # Named by the task that made it: this app knows no document's format.
        content_type=found.options.get("content_type", "application/octet-stream"),
    )
