"""police.uk data into saferplan: a file uploaded, or the newest months fetched from the
police.uk API, each imported in the background worker (saferplan.crimedata.tasks); and the
confirmation of an import that would replace months held already (docs/adr/0015)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from saferplan.background.models import BackgroundJob
from saferplan.background.starting import job_start_once

from ..forms import PoliceApiFetchForm, PoliceUkUploadForm
from ..models import ForceMonth
from ..permissions import crime_data_policy
from ..police_uk import PoliceUkFileError, zip_files
from ..services.differences import MonthDifference
from ..tasks import (
    police_uk_fetch_start,
    police_uk_import_cancel,
    police_uk_import_confirm,
    police_uk_import_start,
)
from ..wording import Sentence
from .common import crime_context, crime_partnership


@login_required
def police_uk_upload(request, slug):
    """Take a police.uk file and import it in the background worker; the job's page shows
    how it is going. (The command line imports larger archives: saferplan import-police-uk.)"""
    partnership = crime_partnership(request, slug, "change")
    form = PoliceUkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.name.lower().endswith(".zip"):
                zip_files(upload, upload.name)  # refused now, not in the worker, if not a zip
                upload.seek(0)
        except PoliceUkFileError as error:
            form.add_error("file", str(error))
        else:
            job = job_start_once(
                request,
                form,
                lambda: police_uk_import_start(
                    actor=request.user, partnership=partnership, upload=upload
                ),
            )
            return redirect("background:job", slug=slug, pk=job.pk)
    return _police_uk_page(request, partnership, form=form, fetch_form=PoliceApiFetchForm())


@login_required
@require_POST
def police_uk_fetch(request, slug):
    """Fetch the newest months of the partnership's force from the police.uk API in the
    background worker; the job's page shows how it is going (or that saferplan is offline)."""
    partnership = crime_partnership(request, slug, "change")
    fetch_form = PoliceApiFetchForm(request.POST)
    if fetch_form.is_valid():
        job = job_start_once(
            request,
            fetch_form,
            lambda: police_uk_fetch_start(
                actor=request.user,
                partnership=partnership,
                latest=fetch_form.cleaned_data["latest"],
            ),
            choice=str(fetch_form.cleaned_data["latest"]),
        )
        return redirect("background:job", slug=slug, pk=job.pk)
    return _police_uk_page(request, partnership, form=PoliceUkUploadForm(), fetch_form=fetch_form)


@login_required
def police_uk_replace(request, slug, pk):
    """The import waiting for confirmation: what replacing the months held does to each
    partnership's figures; Replace (an analyst of a partnership of the force, or an
    administrator) or Cancel (whoever may see the import)."""
    partnership = crime_partnership(request, slug, "change")
    job = get_object_or_404(
        BackgroundJob, pk=pk, partnership=partnership, kind=BackgroundJob.Kind.POLICE_UK_IMPORT
    )
    may_replace = crime_data_policy.may_replace_force_month(request.user, partnership.police_force)
    if request.method == "POST":
        try:
            if "cancel" in request.POST:
                police_uk_import_cancel(actor=request.user, job=job)
                messages.success(request, _("Import cancelled: no month was replaced."))
            else:
                if not may_replace:
                    raise PermissionDenied(_who_may_replace(partnership))
                police_uk_import_confirm(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("background:job", slug=slug, pk=job.pk)
    if not job.is_waiting:
        return redirect("background:job", slug=slug, pk=job.pk)
    return render(
        request,
        "crimedata/police_uk_replace.html",
        crime_context(
            request,
            partnership,
            job=job,
            differences=[MonthDifference.from_json(d) for d in job.options.get("differences", [])],
            may_replace=may_replace,
            who_may_replace=_who_may_replace(partnership),
        ),
    )


def _who_may_replace(partnership) -> str:
    return Sentence(
        _(
            "Only an analyst of a partnership in %(force)s's area, or an administrator, may "
            "replace months held already."
        ),
        own={"force": partnership.get_police_force_display()},
    )


def _police_uk_page(request, partnership, **forms):
    return render(
        request,
        "crimedata/police_uk_upload.html",
        crime_context(
            request,
            partnership,
            force_months=ForceMonth.objects.select_related("imported_by")[:36],
            **forms,
        ),
    )
