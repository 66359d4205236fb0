"""The files kept with an assessment (the county's profile, a data annex, the paper the board
agreed): read by every member of the partnership, OFFICIAL-SENSITIVE ones too, as the
assessment is; added and taken off by its coordinators and analysts; never published."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.attachments import pages

from .. import services
from ..access import assessment_for
from .common import page_context


def _to_files(assessment):
    slug = assessment.partnership.slug
    return redirect(reverse("assessments:detail", args=[slug, assessment.pk]) + "#files")


@login_required
def file_add(request, slug, pk):
    assessment = assessment_for(request, slug, pk, "change")
    return pages.add_page(
        request,
        attach=lambda **file: services.assessment_file_attach(
            actor=request.user, assessment=assessment, **file
        ),
        added=lambda kept: (
            _("%(name)s has been added to the assessment's files.") % {"name": kept.name}
        ),
        done=_to_files(assessment),
        template="assessments/file_form.html",
        context=page_context(request, assessment.partnership, assessment=assessment),
    )


@login_required
@require_GET  # a file is read, never written, here
def assessment_file(request, slug, pk, attachment_pk):
    assessment = assessment_for(request, slug, pk)  # the partnership's members'
    return pages.file_of(assessment.files, attachment_pk)


@login_required
@require_POST
def file_delete(request, slug, pk, attachment_pk):
    assessment = assessment_for(request, slug, pk, "change")
    return pages.take_off_page(
        request,
        files=assessment.files,
        attachment_pk=attachment_pk,
        take_off=lambda kept: services.assessment_file_remove(
            actor=request.user, assessment=assessment, attachment=kept
        ),
        removed=_("%(name)s has been removed."),
        done=_to_files(assessment),
    )
